"""URL configuration: pages, the admin, and the REST API under /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

from diklat import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("projects/", include("projects.urls")),
    path("mentor/", include("mentors.urls")),
    path("seminars/", include("assessments.urls")),
    path("rollout/", include("rollout.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("diklat.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/auth/token/", obtain_auth_token, name="api-token"),
    # The split view serves its start-up script as a file, which the CSP (script-src 'self') allows.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

"""URL configuration: pages, the admin, and the REST API under /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from diklat import views
from people import api_auth
from people import views as people_views


def schema_view(name: str, **initkwargs):
    """One of drf-spectacular's views, imported on its first request: the schema machinery costs
    over half a second to import, which a worker should not pay before anyone asks for the docs."""

    def view(request, *args, **kwargs):
        from drf_spectacular import views as spectacular

        return getattr(spectacular, name).as_view(**initkwargs)(request, *args, **kwargs)

    return view


# JSON under /api/, the site's pages elsewhere (diklat.error_views).
handler400 = "diklat.error_views.bad_request"
handler403 = "diklat.error_views.permission_denied"
handler404 = "diklat.error_views.page_not_found"
handler500 = "diklat.error_views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("people.account_urls")),  # password change and reset
    path("accounts/invitation/", include("organise.account_urls")),  # the link an invitation mails
    path("i18n/setlang/", people_views.set_language, name="set_language"),
    path("profile/", include("people.urls")),
    path("projects/", include("projects.urls")),
    path("mentor/", include("mentors.urls")),
    path("seminars/", include("assessments.urls")),
    path("rollout/", include("rollout.urls")),
    path("reports/", include("reports.urls")),
    path("organise/", include("organise.urls")),
    path("notifications/", include("notifications.urls")),
    path("events/", include("events.urls")),
    path("search/", include("search.urls")),
    path("", include("offline.urls")),
    path("", include("records.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("diklat.api_urls")),
    path("api/schema/", schema_view("SpectacularAPIView"), name="api-schema"),
    path("api/auth/token/", api_auth.TokenLoginView.as_view(), name="api-token"),
    path("api/auth/logout/", api_auth.TokenLogoutView.as_view(), name="api-logout"),
    path("api/auth/logout-all/", api_auth.TokenLogoutAllView.as_view(), name="api-logout-all"),
    # The split view serves its start-up script as a file, which the CSP (script-src 'self') allows.
    path("api/docs/", schema_view("SpectacularSwaggerSplitView", url_name="api-schema"), name="api-docs"),
]

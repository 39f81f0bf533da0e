from django.urls import path

from .views import cohorts
from .views import overview as overview_views
from .views import setup as setup_views

app_name = "organise"

urlpatterns = [
    path("", cohorts.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_pk>/", cohorts.cohort_home, name="cohort"),
    path("cohorts/<int:cohort_pk>/overview/", overview_views.overview, name="overview"),
    path("cohorts/<int:cohort_pk>/overview/export/", overview_views.overview_export, name="overview_export"),
    path("cohorts/new/", setup_views.cohort_new, name="cohort-new"),
    path("cohorts/<int:cohort_pk>/edit/", setup_views.cohort_edit, name="cohort-edit"),
    path("cohorts/<int:cohort_pk>/copy/", setup_views.cohort_copy, name="cohort-copy"),
]

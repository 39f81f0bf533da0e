from django.urls import path

from .views import cohorts

app_name = "organise"

urlpatterns = [
    path("", cohorts.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_pk>/", cohorts.cohort_home, name="cohort"),
]

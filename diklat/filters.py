"""Query-string filters for cohorts in the REST API: the programme by its public code (``pkn2``), the rest by id."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter, WholeNumberFilter
from diklat.models import Cohort


class CohortFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__code", help_text=_("Programme code, e.g. pkn2."))
    organiser = IdFilter(field_name="organiser_id", help_text=_("Organiser id."))
    year = WholeNumberFilter(field_name="year", help_text=_("The cohort's year, e.g. 2026."))

    class Meta:
        model = Cohort
        fields = ["programme", "year", "organiser"]

"""Query-string filters for cohorts, agencies and participants in the REST API.

Reference data is filtered by its public code (programme ``pkn2``, government ``73``, agency
kind ``dinas``); everything else by id.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter
from diklat.models import Agency, Cohort, Participant


class CohortFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__code", help_text=_("Programme code, e.g. pkn2."))
    organiser = IdFilter(field_name="organiser_id", help_text=_("Organiser id."))

    class Meta:
        model = Cohort
        fields = ["programme", "year", "organiser"]


class AgencyFilter(filters.FilterSet):
    government = filters.CharFilter(
        field_name="government__code", help_text=_("Government code of the agency's own government, e.g. 73.71.")
    )
    province = filters.CharFilter(
        method="filter_province", help_text=_("Province code: agencies of the province and of its regencies/cities.")
    )
    kind = filters.CharFilter(field_name="kind__code", help_text=_("Agency kind code, e.g. dinas."))

    class Meta:
        model = Agency
        fields = ["government", "province", "kind"]

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(government__code=value) | Q(government__parent__code=value))


class ParticipantFilter(filters.FilterSet):
    cohort = IdFilter(field_name="enrolments__cohort_id", help_text=_("Cohort id."))
    agency = IdFilter(field_name="agency_id", help_text=_("Agency id."))

    class Meta:
        model = Participant
        fields = ["cohort", "agency"]

"""Query-string filters for participants in the REST API."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter
from people.models import Participant


class ParticipantFilter(filters.FilterSet):
    cohort = IdFilter(field_name="enrolments__cohort_id", help_text=_("Cohort id."))
    agency = IdFilter(field_name="agency_id", help_text=_("Agency id."))

    class Meta:
        model = Participant
        fields = ["cohort", "agency"]

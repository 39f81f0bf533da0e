"""Read-only API of the reference data and people: programmes, cohorts, agencies, participants."""

from django.db.models import Prefetch
from rest_framework import viewsets

from diklat.filters import AgencyFilter, CohortFilter, ParticipantFilter
from diklat.models import Agency, Cohort, Participant, Programme, RuleSet
from diklat.serializers import AgencySerializer, CohortSerializer, ParticipantSerializer, ProgrammeSerializer


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """The training programmes (PKN I, PKN II, PKA, PKP) and their rule sets: open to any signed-in user."""

    serializer_class = ProgrammeSerializer
    queryset = Programme.objects.prefetch_related(
        Prefetch("rule_sets", queryset=RuleSet.objects.order_by("-effective_from", "name"))
    )
    filterset_fields = ["code", "product"]
    search_fields = ["code", "name", "former_name"]
    ordering_fields = ["order", "code", "name"]


class CohortViewSet(viewsets.ReadOnlyModelViewSet):
    """Cohorts the user takes part in, guides, examines or organises."""

    serializer_class = CohortSerializer
    filterset_class = CohortFilter
    search_fields = ["programme__name", "organiser__name"]
    ordering_fields = ["year", "number", "start_date", "results_seminar_date"]

    def get_queryset(self):
        return Cohort.objects.visible_to(self.request.user).select_related("programme", "rule_set", "organiser")


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """Regional agencies (OPD): reference data open to any signed-in user."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "government__code"]
    queryset = Agency.objects.select_related("kind", "government__parent")


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    """Participants the user may see: themself, the people assigned to them, their organiser's cohorts."""

    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    search_fields = ["user__full_name", "nip", "ni_pppk"]
    ordering_fields = ["user__full_name", "nip"]

    def get_queryset(self):
        return Participant.objects.visible_to(self.request.user).select_related("user", "agency")

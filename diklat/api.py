"""Read-only API of the training programmes (with their rule sets) and cohorts."""

from django.db.models import Prefetch
from rest_framework import viewsets

from diklat.filters import CohortFilter
from diklat.models import Cohort, Programme, RuleSet
from diklat.serializers import CohortSerializer, ProgrammeSerializer


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

"""REST API of rubrics and predicate bands; organiser staff copy a rubric to change it."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import rubric_versions
from assessments.filters import PredicateBandFilter, RubricFilter
from assessments.models import PredicateBand, Rubric, RubricComponent, RubricIndicator, Score
from assessments.serializers.rubrics import (
    PredicateBandSerializer,
    RubricCopySerializer,
    RubricDetailSerializer,
    RubricSerializer,
)


def is_organiser_staff(user) -> bool:
    """Staff of any organiser (or a superuser): they manage rubrics, which are shared by rule set."""
    return user.is_authenticated and (user.is_superuser or user.organisers.exists())


class RubricViewSet(viewsets.ReadOnlyModelViewSet):
    """Rubrics per rule set and seminar kind, with components, weighted indicators and level descriptors."""

    filterset_class = RubricFilter
    search_fields = ["name"]
    ordering_fields = ["version", "created_at", "name"]

    def get_queryset(self):
        indicators = RubricIndicator.objects.order_by("order", "pk").prefetch_related("levels")
        components = RubricComponent.objects.order_by("order", "pk").prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
        return (
            Rubric.objects.select_related("rule_set__programme")
            .annotate(frozen=Exists(Score.objects.filter(indicator__component__rubric=OuterRef("pk"))))
            .prefetch_related(Prefetch("components", queryset=components))
        )

    def get_serializer_class(self):
        return RubricSerializer if self.action == "list" else RubricDetailSerializer

    @extend_schema(request=RubricCopySerializer, responses={201: RubricDetailSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """Copy the rubric as its next version, to edit it (organiser staff)."""
        if not is_organiser_staff(request.user):
            raise PermissionDenied(_("Only organiser staff can copy rubrics."))
        rubric = self.get_object()
        serializer = RubricCopySerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        copy = rubric_versions.copy_rubric(rubric, by=request.user, name=serializer.validated_data["name"])
        copy = self.get_queryset().get(pk=copy.pk)
        return Response(self.get_serializer(copy).data, status=status.HTTP_201_CREATED)


class PredicateBandViewSet(viewsets.ReadOnlyModelViewSet):
    """The qualification predicates of each rule set and the totals they cover: (above, up_to]."""

    serializer_class = PredicateBandSerializer
    filterset_class = PredicateBandFilter
    queryset = PredicateBand.objects.all()
    ordering_fields = ["up_to", "name"]

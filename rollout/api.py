"""REST API of innovations, their rollout targets and adoptions, and the government affairs.

Querysets are scoped with ``visible_to``; every change goes through rollout.services, which decides
who may make it (a ``PermissionDenied`` there answers 403, a ``ValidationError`` 400).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from diklat.api_parsers import DepthLimitedJSONParser

from . import services
from .filters import AdoptionFilter, InnovationFilter, RolloutTargetFilter
from .models import (
    Adoption,
    AdoptionStageChange,
    GovernmentAffair,
    Innovation,
    InnovationStageChange,
    RolloutTarget,
)
from .serializers.adoptions import (
    AdoptionCreateSerializer,
    AdoptionEvidenceSerializer,
    AdoptionEvidenceWriteSerializer,
    AdoptionSerializer,
    AdoptionStageSerializer,
)
from .serializers.innovations import (
    GovernmentAffairSerializer,
    InnovationSerializer,
    InnovationStageSerializer,
    InnovationWriteSerializer,
)
from .serializers.targets import RolloutTargetSerializer, TargetsSerializer


class InnovationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Innovations the user may report on, with their maturity history, targets and coverage."""

    filterset_class = InnovationFilter
    search_fields = ["name", "project__title", "project__agency__name"]
    ordering_fields = ["name", "stage", "created_at", "coverage", "targets_count", "adopters_count"]

    def get_queryset(self):
        return (
            Innovation.objects.visible_to(self.request.user)
            .with_coverage()
            .select_related("project__enrolment", "project__agency__government__parent", "derived_from")
            .prefetch_related(
                "affairs",
                Prefetch("stage_changes", InnovationStageChange.objects.select_related("by")),
                Prefetch(
                    "targets", RolloutTarget.objects.with_covered().select_related("agency__government", "government")
                ),
            )
            .order_by("name", "pk")
        )

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return InnovationWriteSerializer
        return InnovationSerializer

    def _present(self, innovation: Innovation, status_code=status.HTTP_200_OK) -> Response:
        innovation = self.get_queryset().get(pk=innovation.pk)
        return Response(InnovationSerializer(innovation, context=self.get_serializer_context()).data, status_code)

    @extend_schema(request=InnovationWriteSerializer, responses={201: InnovationSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        project = fields.pop("project")
        affairs = fields.pop("affairs", None)
        started_on = fields.pop("started_on", None)
        innovation = services.record_innovation(
            project, by=request.user, affairs=affairs, started_on=started_on, **fields
        )
        return self._present(innovation, status.HTTP_201_CREATED)

    @extend_schema(request=InnovationWriteSerializer, responses=InnovationSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        innovation = self.get_object()
        serializer = self.get_serializer(innovation, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        affairs = fields.pop("affairs", None)
        innovation = services.record_innovation(innovation.project, by=request.user, affairs=affairs, **fields)
        return self._present(innovation)

    @extend_schema(request=InnovationStageSerializer, responses=InnovationSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the innovation on its maturity ladder (initiative → trial → applied); back needs a reason."""
        innovation = self.get_object()
        serializer = InnovationStageSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        innovation = services.change_innovation_stage(innovation, by=request.user, **serializer.validated_data)
        return self._present(innovation)

    @extend_schema(request=TargetsSerializer, responses=InnovationSerializer)
    @action(detail=True, methods=["put"])
    def targets(self, request, pk=None):
        """Replace the agencies and regional governments the innovation should reach."""
        innovation = self.get_object()
        serializer = TargetsSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.set_targets(innovation, by=request.user, **serializer.validated_data)
        return self._present(innovation)


class AdoptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Agencies adopting innovations, with their stage history and evidence."""

    filterset_class = AdoptionFilter
    search_fields = ["innovation__name", "agency__name", "contact_name"]
    ordering_fields = ["planned_on", "applied_on", "stage"]

    def get_queryset(self):
        return (
            Adoption.objects.visible_to(self.request.user)
            .select_related("innovation__derived_from", "agency__government__parent")
            .prefetch_related(Prefetch("stage_changes", AdoptionStageChange.objects.select_related("by")), "evidence")
            .order_by("innovation__name", "agency__name", "pk")
        )

    def get_serializer_class(self):
        return AdoptionCreateSerializer if self.action == "create" else AdoptionSerializer

    def _present(self, adoption: Adoption, status_code=status.HTTP_200_OK) -> Response:
        adoption = self.get_queryset().get(pk=adoption.pk)
        return Response(AdoptionSerializer(adoption, context=self.get_serializer_context()).data, status_code)

    @extend_schema(request=AdoptionCreateSerializer, responses={201: AdoptionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        adoption = services.record_adoption(fields.pop("innovation"), fields.pop("agency"), by=request.user, **fields)
        return self._present(adoption, status.HTTP_201_CREATED)

    @extend_schema(request=AdoptionStageSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the adoption along planned → piloting → applied → institutionalised; back needs a reason."""
        adoption = self.get_object()
        serializer = AdoptionStageSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        adoption = services.change_adoption_stage(adoption, by=request.user, **serializer.validated_data)
        return self._present(adoption)

    @extend_schema(request=AdoptionEvidenceWriteSerializer, responses={201: AdoptionEvidenceSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, DepthLimitedJSONParser])
    def evidence(self, request, pk=None):
        """Attach the proof of an adoption: a document number, an uploaded file (multipart), or both."""
        adoption = self.get_object()
        serializer = AdoptionEvidenceWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        evidence = services.add_adoption_evidence(adoption, by=request.user, **serializer.validated_data)
        return Response(AdoptionEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class RolloutTargetViewSet(viewsets.ReadOnlyModelViewSet):
    """Targets of the innovations the user may see, marked reached or not (PUT /api/innovations/{id}/targets/)."""

    serializer_class = RolloutTargetSerializer
    filterset_class = RolloutTargetFilter

    def get_queryset(self):
        visible = Innovation.objects.visible_to(self.request.user).values("pk")
        return (
            RolloutTarget.objects.filter(innovation__in=visible)
            .with_covered()
            .select_related("agency__government", "government")
            .order_by("innovation", "pk")
        )


class GovernmentAffairViewSet(viewsets.ReadOnlyModelViewSet):
    """The government affairs (urusan pemerintahan) an innovation can serve."""

    queryset = GovernmentAffair.objects.all()
    serializer_class = GovernmentAffairSerializer
    search_fields = ["code", "name"]
    pagination_class = None

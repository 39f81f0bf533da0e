"""REST API of written commitments: read by whoever sees the project, recorded by its participant."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from projects.filters import CommitmentFilter
from projects.models import Commitment
from projects.serializers.commitments import CommitmentCreateSerializer, CommitmentSerializer
from projects.services.commitments import record_commitment


class CommitmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Written commitments to carry medium- and long-term work on, signed by the participant, the mentor
    and the agency head, with the scan of the signed page; the participant records them (multipart)."""

    permission_classes = [IsAuthenticated]
    serializer_class = CommitmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_class = CommitmentFilter
    ordering_fields = ["signed_on", "recorded_at"]
    keyset_ordering = ("project_id", "-signed_on", "-pk")

    def get_queryset(self):
        return (
            Commitment.objects.visible_to(self.request.user)
            .select_related("recorded_by")
            .prefetch_related("signatories", "scans")
        )

    @extend_schema(request=CommitmentCreateSerializer, responses={201: CommitmentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = CommitmentCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        commitment = record_commitment(
            data["project"],
            by=request.user,
            signed_on=data["signed_on"],
            summary=data.get("summary", ""),
            signatories=serializer.signatories(),
            files=data["files"],
        )
        commitment = self.get_queryset().get(pk=commitment.pk)
        return Response(self.get_serializer(commitment).data, status=status.HTTP_201_CREATED)

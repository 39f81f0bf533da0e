"""REST API of budget lines (whole rupiah): the participant plans them, the approver the rule set names
approves them with the budget document, the participant records their realisation with evidence."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from diklat.api_parsers import DepthLimitedJSONParser
from projects.api import OwnerMayChange
from projects.api_versioning import IF_MATCH, STALE_RESPONSE, VersionedRowMixin
from projects.filters import BudgetLineFilter
from projects.models import BudgetLine
from projects.serializers.budget import (
    BudgetApprovalSerializer,
    BudgetLineCreateSerializer,
    BudgetLineSerializer,
    BudgetRealisationSerializer,
)
from projects.services.budget import (
    approve_budget_line,
    delete_budget_line,
    realise_budget_line,
    save_budget_line,
)


class BudgetLineViewSet(VersionedRowMixin, viewsets.ModelViewSet):
    """Budget lines (whole rupiah) of the projects the user may see: the participant plans them, the approver
    the rule set names approves them with the budget document, the participant records their realisation."""

    permission_classes = [IsAuthenticated, OwnerMayChange]
    filterset_class = BudgetLineFilter
    parser_classes = [DepthLimitedJSONParser, MultiPartParser, FormParser]
    search_fields = ["description", "document_reference", "realisation_reference"]
    ordering_fields = ["fiscal_year", "planned", "approved", "realised"]
    keyset_ordering = ("project_id", "fiscal_year", "pk")

    def get_queryset(self):
        return (
            BudgetLine.objects.visible_to(self.request.user)
            .select_related("project__enrolment__participant")
            .prefetch_related("evidence")
        )

    def get_serializer_class(self):
        return BudgetLineCreateSerializer if self.action == "create" else BudgetLineSerializer

    def _present(self, line, status_code=status.HTTP_200_OK):
        line = self.get_queryset().get(pk=line.pk)
        return Response(BudgetLineSerializer(line, context=self.get_serializer_context()).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        line = save_budget_line(fields.pop("project"), by=request.user, **fields)
        return self._present(line, status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH], responses={200: BudgetLineSerializer, 412: STALE_RESPONSE})
    def update(self, request, *args, partial=False, **kwargs):
        line = self.get_object()
        serializer = self.get_serializer(line, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        line = save_budget_line(
            line.project,
            by=request.user,
            line=line,
            expected_version=self.expected_version(),
            **serializer.validated_data,
        )
        return self._present(line)

    @extend_schema(parameters=[IF_MATCH], responses={200: BudgetLineSerializer, 412: STALE_RESPONSE})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH], responses={204: None, 412: STALE_RESPONSE})
    def destroy(self, request, *args, **kwargs):
        delete_budget_line(self.get_object(), by=request.user, expected_version=self.expected_version())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=BudgetApprovalSerializer,
        parameters=[IF_MATCH],
        responses={200: BudgetLineSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def approve(self, request, pk=None):
        """Record the approved amount with its budget document (the mentor or organiser staff, per the rule set)."""
        line = self.get_object()
        serializer = BudgetApprovalSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        expected = self.expected_version()
        return self._present(
            approve_budget_line(line, by=request.user, expected_version=expected, **serializer.validated_data)
        )

    @extend_schema(
        request={"multipart/form-data": BudgetRealisationSerializer},
        parameters=[IF_MATCH],
        responses={200: BudgetLineSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def realise(self, request, pk=None):
        """Record what was spent on an approved line, with the SP2D or receipt and its scan (the participant)."""
        line = self.get_object()
        serializer = BudgetRealisationSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        expected = self.expected_version()
        return self._present(
            realise_budget_line(line, by=request.user, expected_version=expected, **serializer.validated_data)
        )

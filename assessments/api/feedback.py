"""REST API of feedback on projects, followed from "open" to "verified", with budget progress."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from assessments import feedback
from assessments.filters import FeedbackFilter
from assessments.models import FeedbackItem
from assessments.serializers.feedback import (
    BudgetProgressSerializer,
    FeedbackCreateSerializer,
    FeedbackMoveSerializer,
    FeedbackSerializer,
)
from diklat.api_parsers import DepthLimitedJSONParser
from projects.api_versioning import IF_MATCH, STALE_RESPONSE, VersionedRowMixin


class FeedbackViewSet(
    VersionedRowMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Feedback on the projects the user may see or gave, followed from "open" to "verified"."""

    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilter
    parser_classes = [DepthLimitedJSONParser, MultiPartParser, FormParser]
    search_fields = ["text", "owner", "project__title"]
    ordering_fields = ["due_date", "created_at", "updated_at", "status"]

    def get_queryset(self):
        return (
            FeedbackItem.objects.visible_to(self.request.user)
            .select_related("project__enrolment__participant__user", "given_by", "budget")
            .prefetch_related("budget__budget_lines", "events__by", "evidence")
        )

    def get_serializer_class(self):
        return FeedbackCreateSerializer if self.action == "create" else FeedbackSerializer

    def _present(self, item, status_code=status.HTTP_200_OK):
        item = self.get_queryset().get(pk=item.pk)
        return Response(FeedbackSerializer(item, context=self.get_serializer_context()).data, status_code)

    @extend_schema(request=FeedbackCreateSerializer, responses={201: FeedbackSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        budget = fields.pop("budget", None)
        item = feedback.give_feedback(fields.pop("project"), by=request.user, budget=budget, **fields)
        return self._present(item, status.HTTP_201_CREATED)

    @extend_schema(
        request=FeedbackMoveSerializer, parameters=[IF_MATCH], responses={200: FeedbackSerializer, 412: STALE_RESPONSE}
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the item on: the participant reports progress (with evidence); the giver verifies or rejects."""
        item = self.get_object()
        serializer = FeedbackMoveSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = feedback.move_feedback(
            item,
            data["status"],
            by=request.user,
            note=data["note"],
            files=data["files"],
            expected_version=self.expected_version(),
        )
        return self._present(item)

    @extend_schema(request=BudgetProgressSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def budget(self, request, pk=None):
        """Link the budget lines that answer budget feedback (of its fiscal year); its figures are their sums and
        its status follows their money: approved → accepted, partly realised → in progress, all realised → implemented.
        """
        item = self.get_object()
        serializer = BudgetProgressSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        item = feedback.record_budget_progress(item, by=request.user, **serializer.validated_data)
        return self._present(item)

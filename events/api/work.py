"""Missions of the events the user sees, a group's submissions from a phone, and the judges' decisions."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from diklat.api_parsers import DepthLimitedJSONParser
from events import judging, submitting
from events.models import Mission, Submission

from .filters import MissionFilter, SubmissionFilter
from .inputs import JudgeSerializer, SubmitSerializer
from .scope import ScopedMixin
from .serializers import MissionSerializer
from .serializers_work import SubmissionSerializer


class MissionViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The missions of the events the user sees (a group: those released to it); expected answers for judges, staff."""

    serializer_class = MissionSerializer
    filterset_class = MissionFilter
    parser_classes = [DepthLimitedJSONParser, MultiPartParser, FormParser]
    ordering_fields = ["opens_at", "closes_at"]

    def get_queryset(self):
        missions = self.scope.visible(Mission.objects.select_related("event"))
        if self.scope.everything:
            return missions
        # A mission released after another is shown to a group once it has handed that one in (pending or approved).
        handed_in = Submission.objects.filter(
            group_id__in=self.scope.groups, status__in=[Submission.Status.PENDING, Submission.Status.APPROVED]
        ).values("mission_id")
        return missions.filter(
            Q(event_id__in=self.scope.managed | self.scope.judged) | Q(after__isnull=True) | Q(after_id__in=handed_in)
        )

    @extend_schema(
        request={"multipart/form-data": SubmitSerializer, "application/json": SubmitSerializer},
        responses={201: SubmissionSerializer, 200: SubmissionSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Hand in the user's group's attempt; the same ``client_id`` again answers 200 with the first submission."""
        mission = self.get_object()
        body = SubmitSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        sent = submitting.submit(mission, request.user, **body.validated_data)
        submission = SubmissionViewSet.rows().get(pk=sent.submission.pk)
        code = status.HTTP_201_CREATED if sent.created else status.HTTP_200_OK
        return Response(SubmissionSerializer(submission, context=self.get_serializer_context()).data, status=code)


class SubmissionViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Submissions: all of an event's for its judges and staff, only their own group's for an attendee."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["submitted_at"]

    @staticmethod
    def rows():
        return Submission.objects.select_related("mission", "group", "submitted_by").prefetch_related("files")

    def get_queryset(self):
        return self.scope.submissions(self.rows())

    @extend_schema(request=JudgeSerializer, responses={200: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def judge(self, request, pk=None):
        """Approve (the mission's points, adjusted, or per criterion of a rubric) or reject with a note (judges)."""
        submission = self.get_object()
        body = JudgeSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        submission = judging.judge(submission, by=request.user, **body.validated_data)
        return Response(self.get_serializer(self.rows().get(pk=submission.pk)).data)

"""REST API of change projects, their milestones and progress updates (budget lines: api_budget).

Views scope every queryset to the requesting user, shape data with the serializers, and
leave every change to projects.services.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from diklat import access
from diklat.api_parsers import DepthLimitedJSONParser
from mentors.models import Assignment
from projects.api_versioning import IF_MATCH, STALE_RESPONSE, VersionedRowMixin
from projects.filters import ChangeProjectFilter, MilestoneFilter, ProgressUpdateFilter
from projects.models import ChangeProject, Milestone, ProgressUpdate
from projects.serializers import (
    ChangeProjectCreateSerializer,
    ChangeProjectSerializer,
    MilestoneCreateSerializer,
    MilestoneSerializer,
    ProgressUpdateSerializer,
    TransitionSerializer,
)
from projects.services.lifecycle import apply_transition, create_project, update_project
from projects.services.milestones import delete_milestone, save_milestone
from projects.services.updates import post_update_once


class OwnerMayChange(BasePermission):
    """Whoever sees a project (or a row of it) may read it; only its participant may change it."""

    message = _("Only the participant who owns this project can change it.")

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        project = obj if isinstance(obj, ChangeProject) else obj.project
        return access.can_edit_project(request.user, project)


TRANSITION_RESPONSES = {200: ChangeProjectSerializer, 412: STALE_RESPONSE}
LIST_RELATIONS = ("enrolment__participant__user", "enrolment__cohort__programme", "agency")


class ChangeProjectViewSet(
    VersionedRowMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Change projects the user may see, with their progress per horizon and the actions open to the user."""

    permission_classes = [IsAuthenticated, OwnerMayChange]
    filterset_class = ChangeProjectFilter
    search_fields = ["title", "enrolment__participant__user__full_name", "agency__name"]
    ordering_fields = ["title", "status", "status_changed_at", "updated_at", "progress_overall"]

    def get_queryset(self):
        user = self.request.user
        mentor = Assignment.objects.filter(enrolment=OuterRef("enrolment"), role=Assignment.Role.MENTOR)
        mentor = mentor.filter(user=user) if user.is_authenticated else mentor.none()
        projects = ChangeProject.objects.visible_to(user).for_lists().annotate(user_is_mentor=Exists(mentor))
        # The rows name the agency, not its government: one join fewer for the planner, per page.
        return projects.select_related(None).select_related(*LIST_RELATIONS)

    def get_serializer_class(self):
        return ChangeProjectCreateSerializer if self.action == "create" else ChangeProjectSerializer

    def _present(self, project: ChangeProject, status_code=status.HTTP_200_OK) -> Response:
        """Answer with the project as the list shows it (progress and allowed transitions included)."""
        project = self.get_queryset().get(pk=project.pk)
        return Response(ChangeProjectSerializer(project, context=self.get_serializer_context()).data, status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        enrolment = fields.pop("enrolment")
        project = create_project(enrolment, by=request.user, **fields)
        return self._present(project, status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH], responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE})
    def update(self, request, *args, partial=False, **kwargs):
        project = self.get_object()
        serializer = self.get_serializer(project, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        project = update_project(
            project, by=request.user, expected_version=self.expected_version(), **serializer.validated_data
        )
        return self._present(project)

    @extend_schema(parameters=[IF_MATCH], responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _transition(self, request, name: str) -> Response:
        project = self.get_object()
        serializer = TransitionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data["comment"]
        project = apply_transition(
            project, name, by=request.user, comment=comment, expected_version=self.expected_version()
        )
        return self._present(project)

    @extend_schema(
        request=TransitionSerializer,
        parameters=[IF_MATCH],
        responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def submit(self, request, pk=None):
        """Submit the plan to the mentor (the participant)."""
        return self._transition(request, "submit")

    @extend_schema(
        request=TransitionSerializer,
        parameters=[IF_MATCH],
        responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def approve(self, request, pk=None):
        """Approve a submitted plan (the mentor)."""
        return self._transition(request, "approve")

    @extend_schema(
        request=TransitionSerializer,
        parameters=[IF_MATCH],
        responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], url_path="return", url_name="return")
    def return_for_revision(self, request, pk=None):
        """Return a submitted plan for revision, saying what to revise (the mentor)."""
        return self._transition(request, "return")

    @extend_schema(
        request=TransitionSerializer,
        parameters=[IF_MATCH],
        responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def start(self, request, pk=None):
        """Start implementing an approved project."""
        return self._transition(request, "start")

    @extend_schema(
        request=TransitionSerializer,
        parameters=[IF_MATCH],
        responses={200: ChangeProjectSerializer, 412: STALE_RESPONSE},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def complete(self, request, pk=None):
        """Mark the project completed once every short-term milestone is finished or cancelled."""
        return self._transition(request, "complete")


class MilestoneViewSet(VersionedRowMixin, viewsets.ModelViewSet):
    """Milestones of the projects the user may see; the participant plans them."""

    permission_classes = [IsAuthenticated, OwnerMayChange]
    filterset_class = MilestoneFilter
    search_fields = ["activity", "output", "responsible"]
    ordering_fields = ["target_date", "start_date", "progress", "weight", "horizon"]
    keyset_ordering = ("project_id", "target_date", "pk")

    def get_queryset(self):
        milestones = Milestone.objects.visible_to(self.request.user)
        if self.action == "list":  # the rows carry the project's id only
            return milestones
        return milestones.select_related("project__enrolment__participant")  # whose it is, for a change

    def get_serializer_class(self):
        return MilestoneCreateSerializer if self.action == "create" else MilestoneSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        milestone = save_milestone(fields.pop("project"), by=request.user, **fields)
        return Response(self.get_serializer(milestone).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH], responses={200: MilestoneSerializer, 412: STALE_RESPONSE})
    def update(self, request, *args, partial=False, **kwargs):
        milestone = self.get_object()
        serializer = self.get_serializer(milestone, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        milestone = save_milestone(
            milestone.project,
            by=request.user,
            milestone=milestone,
            expected_version=self.expected_version(),
            **serializer.validated_data,
        )
        return Response(self.get_serializer(milestone).data)

    @extend_schema(parameters=[IF_MATCH], responses={200: MilestoneSerializer, 412: STALE_RESPONSE})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH], responses={204: None, 412: STALE_RESPONSE})
    def destroy(self, request, *args, **kwargs):
        delete_milestone(self.get_object(), by=request.user, expected_version=self.expected_version())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgressUpdateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Dated progress reports with their evidence files; the participant posts them (multipart for files)."""

    serializer_class = ProgressUpdateSerializer
    filterset_class = ProgressUpdateFilter
    parser_classes = [MultiPartParser, FormParser, DepthLimitedJSONParser]
    search_fields = ["note"]
    ordering_fields = ["happened_on", "created_at"]
    keyset_ordering = ("-pk",)

    def get_queryset(self):
        return (
            ProgressUpdate.objects.visible_to(self.request.user).select_related("author").prefetch_related("evidence")
        )

    @extend_schema(responses={201: ProgressUpdateSerializer, 200: ProgressUpdateSerializer})
    def create(self, request, *args, **kwargs):
        """Post an update; with a ``client_id`` already posted, 200 and that update (nothing posted twice)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        update, created = post_update_once(
            data["project"],
            by=request.user,
            client_id=data.get("client_id"),
            note=data["note"],
            happened_on=data.get("happened_on"),
            milestone=data.get("milestone"),
            progress=data.get("progress"),
            files=data.get("files", ()),
        )
        update = self.get_queryset().get(pk=update.pk)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(update).data, status=code)

"""Shapes of change projects, milestones and progress updates in the REST API (budget lines: ``.budget``).

These only validate types and shape the output: every rule about what may change, and every
write, is in projects.services.
"""

from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from diklat.api_fields import ChoiceLabelField, PersonNameField, ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from diklat.models import Enrolment
from projects.models import ChangeProject, Evidence, Milestone, ProgressUpdate
from projects.services import lifecycle
from regions.models import Agency


def transitions_for(project: ChangeProject, user) -> list[str]:
    """The transitions ``user`` may apply now, without a query when the list annotated ``user_is_mentor``.

    Owner and mentor are decided as in ``lifecycle.allowed_transitions`` (tests hold the two equal).
    """
    mentor = getattr(project, "user_is_mentor", None)
    if mentor is None:
        return lifecycle.allowed_transitions(project, user)
    owner = user.is_authenticated and project.enrolment.participant.user_id == user.pk
    mentor = user.is_superuser or mentor
    return [
        t.name
        for t in lifecycle.TRANSITIONS.values()
        if project.status in t.sources and ((t.by_owner and owner) or (t.by_mentor and mentor))
    ]


class ChangeProjectSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    enrolment = serializers.PrimaryKeyRelatedField(read_only=True)
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    participant = serializers.IntegerField(source="enrolment.participant_id", read_only=True)
    participant_name = PersonNameField(source="enrolment.participant.user")
    cohort = serializers.IntegerField(source="enrolment.cohort_id", read_only=True)
    cohort_name = serializers.CharField(source="enrolment.cohort", read_only=True)
    programme = serializers.CharField(source="enrolment.cohort.programme.code", read_only=True)
    status_display = ChoiceLabelField(ChangeProject.Status.choices, source="status")
    progress_short = serializers.FloatField(read_only=True, allow_null=True)
    progress_medium = serializers.FloatField(read_only=True, allow_null=True)
    progress_long = serializers.FloatField(read_only=True, allow_null=True)
    progress_overall = serializers.FloatField(read_only=True, allow_null=True)
    has_overdue = serializers.BooleanField(read_only=True)
    allowed_transitions = serializers.SerializerMethodField(
        help_text=_("Actions the requesting user may take now: submit, approve, return, start, complete.")
    )

    class Meta:
        model = ChangeProject
        fields = [
            "id",
            "enrolment",
            "participant",
            "participant_name",
            "cohort",
            "cohort_name",
            "programme",
            "agency",
            "agency_name",
            *[f for f in lifecycle.PLAN_FIELDS if f != "agency"],
            "status",
            "status_display",
            "status_changed_at",
            "mentor_comment",
            "progress_short",
            "progress_medium",
            "progress_long",
            "progress_overall",
            "has_overdue",
            "allowed_transitions",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["status", "status_changed_at", "mentor_comment", "created_at", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=list(lifecycle.TRANSITIONS))))
    def get_allowed_transitions(self, project):
        return transitions_for(project, self.context["request"].user)


class ChangeProjectCreateSerializer(ChangeProjectSerializer):
    enrolment = ScopedPrimaryKeyRelatedField(
        queryset=Enrolment.objects.all(),
        help_text=_("The participant's place in a cohort (one project per enrolment)."),
    )


class TransitionSerializer(RefuseUnknownFields, serializers.Serializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when returning a project.")
    )


class MilestoneSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    horizon_display = ChoiceLabelField(Milestone.Horizon.choices, source="horizon")
    status_display = ChoiceLabelField(Milestone.Status.choices, source="status")
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "horizon",
            "horizon_display",
            "activity",
            "output",
            "responsible",
            "start_date",
            "target_date",
            "weight",
            "status",
            "status_display",
            "progress",
            "estimated_cost",
            "completed_on",
            "is_overdue",
            "version",
        ]
        read_only_fields = ["completed_on"]

    def get_is_overdue(self, milestone) -> bool:
        return milestone.is_overdue(today=self.today)

    @cached_property
    def today(self):
        return timezone.localdate()  # once per list, not once per row


class MilestoneCreateSerializer(MilestoneSerializer):
    project = ScopedPrimaryKeyRelatedField(queryset=ChangeProject.objects.all())


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True, help_text=_("Download link."))

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields


class ProgressUpdateSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    project = ScopedPrimaryKeyRelatedField(queryset=ChangeProject.objects.all())
    milestone = ScopedPrimaryKeyRelatedField(queryset=Milestone.objects.all(), required=False, allow_null=True)
    author_name = serializers.CharField(source="author.get_full_name", read_only=True)
    happened_on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    progress = serializers.IntegerField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text=_("The milestone's new progress (%); needs a milestone."),
    )
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        write_only=True,
        required=False,
        help_text=_("Evidence: images (JPG, PNG, WEBP) or PDF files."),
    )
    evidence = EvidenceSerializer(many=True, read_only=True)
    client_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=_(
            "Made by the client when the update is written; sent again, the same id answers 200 with the first "
            "update instead of posting a second."
        ),
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "project",
            "milestone",
            "author",
            "author_name",
            "happened_on",
            "note",
            "progress",
            "progress_before",
            "progress_after",
            "files",
            "evidence",
            "client_id",
            "created_at",
        ]
        read_only_fields = ["author", "progress_before", "progress_after", "created_at"]

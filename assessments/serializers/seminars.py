"""Shapes of seminars, their sessions and panels, the presentations in them, and finalising or reopening."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments import access
from assessments.models import PanelRole, Presentation, Seminar, SeminarSession
from diklat.api_strict import RefuseUnknownFields
from projects.models import ChangeProject
from regions.models import ZONE_ABBREVIATIONS


def local_time(value, cohort) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, ZoneInfo(cohort.time_zone)).isoformat()


class SeminarSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    cohort_name = serializers.CharField(source="cohort.__str__", read_only=True)
    rubric_name = serializers.CharField(source="rubric.__str__", read_only=True)
    starts_at_local = serializers.SerializerMethodField(help_text=_("In the host's time zone."))
    time_zone = serializers.SerializerMethodField(help_text=_("WIB, WITA or WIT."))

    class Meta:
        model = Seminar
        fields = [
            "id",
            "cohort",
            "cohort_name",
            "kind",
            "kind_display",
            "rubric",
            "rubric_name",
            "starts_at",
            "starts_at_local",
            "time_zone",
            "place",
            "online_link",
        ]
        read_only_fields = fields

    def get_starts_at_local(self, seminar) -> str | None:
        return local_time(seminar.starts_at, seminar.cohort)

    def get_time_zone(self, seminar) -> str:
        zone = seminar.cohort.time_zone
        return ZONE_ABBREVIATIONS.get(zone, zone)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)


class PanelMemberSerializer(serializers.Serializer):
    user = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True, help_text=_("chair, examiner, mentor or coach."))
    participant = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("For a mentor or coach: the enrolment they sit for.")
    )


class PresentationSerializer(serializers.ModelSerializer):
    participant = serializers.IntegerField(source="enrolment.participant_id", read_only=True)
    participant_name = serializers.CharField(source="enrolment.participant.user.get_full_name", read_only=True)
    project = serializers.SerializerMethodField()
    project_title = serializers.SerializerMethodField()
    session_name = serializers.CharField(source="session.name", read_only=True)
    session_status = serializers.CharField(source="session.status", read_only=True)
    seminar = serializers.IntegerField(source="session.seminar_id", read_only=True)
    seminar_kind = serializers.CharField(source="session.seminar.kind", read_only=True)

    class Meta:
        model = Presentation
        fields = [
            "id",
            "session",
            "session_name",
            "session_status",
            "seminar",
            "seminar_kind",
            "order",
            "enrolment",
            "participant",
            "participant_name",
            "project",
            "project_title",
            "released_at",
        ]
        read_only_fields = fields

    def _project(self, presentation):
        try:
            return presentation.enrolment.project
        except ChangeProject.DoesNotExist:
            return None

    def get_project(self, presentation) -> int | None:
        project = self._project(presentation)
        return project.pk if project else None

    def get_project_title(self, presentation) -> str:
        project = self._project(presentation)
        return project.title if project else ""


class SessionPresentationSerializer(PresentationSerializer):
    class Meta(PresentationSerializer.Meta):
        fields = [
            "id",
            "order",
            "enrolment",
            "participant",
            "participant_name",
            "project",
            "project_title",
            "released_at",
        ]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    seminar_kind = serializers.CharField(source="seminar.kind", read_only=True)
    cohort = serializers.IntegerField(source="seminar.cohort_id", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    chair_name = serializers.CharField(source="chair.get_full_name", read_only=True)
    examiners = PersonSerializer(many=True, read_only=True)
    starts_at_local = serializers.SerializerMethodField(help_text=_("In the host's time zone."))
    is_chair = serializers.SerializerMethodField(help_text=_("Whether the requesting user chairs the session."))

    class Meta:
        model = SeminarSession
        fields = [
            "id",
            "seminar",
            "seminar_kind",
            "cohort",
            "name",
            "starts_at",
            "starts_at_local",
            "place",
            "chair",
            "chair_name",
            "examiners",
            "status",
            "status_display",
            "finalised_at",
            "is_chair",
        ]
        read_only_fields = fields

    def get_starts_at_local(self, session) -> str | None:
        return local_time(session.starts_at, session.seminar.cohort)

    def get_is_chair(self, session) -> bool:
        return access.can_chair(self.context["request"].user, session)


class SessionDetailSerializer(SessionSerializer):
    panel = serializers.SerializerMethodField(
        help_text=_("The chair, the examiners, and each participant's mentor and coach.")
    )
    presentations = serializers.SerializerMethodField(help_text=_("The participants the user may see, in order."))

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "panel", "presentations"]
        read_only_fields = fields

    @extend_schema_field(PanelMemberSerializer(many=True))
    def get_panel(self, session):
        panel = [
            {"user": session.chair_id, "name": session.chair.get_full_name(), "role": "chair", "participant": None}
        ]
        panel += [
            {"user": u.pk, "name": u.get_full_name(), "role": PanelRole.EXAMINER, "participant": None}
            for u in session.examiners.all()
        ]
        for presentation in session.visible_presentations:
            for assignment in presentation.enrolment.panel_assignments:
                panel.append(
                    {
                        "user": assignment.user_id,
                        "name": assignment.user.get_full_name(),
                        "role": assignment.role,
                        "participant": presentation.enrolment_id,
                    }
                )
        return PanelMemberSerializer(panel, many=True).data

    @extend_schema_field(SessionPresentationSerializer(many=True))
    def get_presentations(self, session):
        return SessionPresentationSerializer(session.visible_presentations, many=True, context=self.context).data


class FinaliseSerializer(RefuseUnknownFields, serializers.Serializer):
    acknowledge_flags = serializers.BooleanField(
        default=False, help_text=_("Confirm releasing results on which scorers disagree widely.")
    )


class ReasonSerializer(RefuseUnknownFields, serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="", help_text=_("Why the session is reopened."))

"""Shapes of the work at an event in the REST API: submissions and their queue, scores, check-ins, funding, actions."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_fields import ChoiceLabelField, PersonNameField
from events.models import ActionItem, CheckIn, FundingLine, FundingSource, Submission, SubmissionFile


class SubmissionFileSerializer(serializers.ModelSerializer):
    has_thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionFile
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "has_thumbnail"]
        read_only_fields = fields

    def get_has_thumbnail(self, stored) -> bool:
        return bool(stored.thumbnail)


class QueueFileSerializer(SubmissionFileSerializer):
    """A file in the queue: without its original name, which may name the group."""

    class Meta(SubmissionFileSerializer.Meta):
        fields = ["id", "content_type", "size", "uploaded_at", "has_thumbnail"]
        read_only_fields = fields


class QueueItemSerializer(serializers.ModelSerializer):
    """A submission as the judges see it in the queue: no group, no submitter, so that names do not bias them."""

    reference = serializers.CharField(read_only=True, help_text=_("A neutral number instead of the group's name."))
    mission_title = serializers.CharField(source="mission.title", read_only=True)
    mission_kind = serializers.CharField(source="mission.kind", read_only=True)
    mission_points = serializers.IntegerField(source="mission.points", read_only=True)
    status_display = ChoiceLabelField(Submission.Status.choices, source="status")
    files = QueueFileSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "reference",
            "mission",
            "mission_title",
            "mission_kind",
            "mission_points",
            "submitted_at",
            "attempt",
            "answer",
            "latitude",
            "longitude",
            "accuracy_m",
            "distance_m",
            "status",
            "status_display",
            "points",
            "criterion_points",
            "judge_note",
            "judged_at",
            "files",
        ]
        read_only_fields = fields


class SubmissionSerializer(QueueItemSerializer):
    group_name = serializers.CharField(source="group.name", read_only=True)
    submitted_by_name = PersonNameField(source="submitted_by")
    files = SubmissionFileSerializer(many=True, read_only=True)

    class Meta(QueueItemSerializer.Meta):
        fields = [
            *QueueItemSerializer.Meta.fields,
            "group",
            "group_name",
            "submitted_by",
            "submitted_by_name",
            "client_id",
        ]
        read_only_fields = fields


class LeaderboardRowSerializer(serializers.Serializer):
    group = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.IntegerField(help_text=_("Points of the group's approved work."))
    approved_count = serializers.IntegerField()
    pending_count = serializers.IntegerField()
    captain_name = serializers.SerializerMethodField()

    def get_captain_name(self, group) -> str:
        return group.captain.user.get_full_name() if group.captain else ""


class CheckInSerializer(serializers.ModelSerializer):
    name = PersonNameField(source="invitee.user")
    method_display = ChoiceLabelField(CheckIn.Method.choices, source="method")

    class Meta:
        model = CheckIn
        fields = ["id", "invitee", "name", "day", "session", "checked_in_at", "late", "method", "method_display"]
        read_only_fields = fields


class TickResultSerializer(serializers.Serializer):
    checked_in = CheckInSerializer(many=True)
    refused = serializers.ListField(child=serializers.CharField(), help_text=_("Who was already checked in."))


class SourceTotalSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    label = serializers.CharField()
    planned = serializers.IntegerField()
    committed = serializers.IntegerField()
    realised = serializers.IntegerField()


class FundingSummarySerializer(serializers.Serializer):
    by_source = SourceTotalSerializer(many=True)
    planned = serializers.IntegerField(help_text=_("Whole rupiah."))
    committed = serializers.IntegerField()
    realised = serializers.IntegerField()
    csr_share_planned = serializers.FloatField(allow_null=True, help_text=_("Percent of the planned total."))
    csr_share_realised = serializers.FloatField(allow_null=True, help_text=_("Percent of the realised total."))


class FundingLineSerializer(serializers.ModelSerializer):
    source_display = ChoiceLabelField(FundingSource.choices, source="source")
    documents = serializers.SerializerMethodField()

    class Meta:
        model = FundingLine
        fields = [
            "id",
            "event",
            "source",
            "source_display",
            "company",
            "description",
            "planned",
            "committed",
            "realised",
            "documents",
        ]
        read_only_fields = fields

    def get_documents(self, line) -> list[dict]:
        return [{"id": document.pk, "original_name": document.original_name} for document in line.documents.all()]


class ActionItemSerializer(serializers.ModelSerializer):
    owner_name = PersonNameField(source="owner")
    agency_name = serializers.CharField(source="agency.name", read_only=True, default="")
    status_display = ChoiceLabelField(ActionItem.Status.choices, source="status")

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "event",
            "title",
            "details",
            "owner",
            "owner_name",
            "agency",
            "agency_name",
            "due_date",
            "due_as_written",
            "status",
            "status_display",
            "verified_at",
            "created_at",
        ]
        read_only_fields = fields

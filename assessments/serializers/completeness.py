"""What the API says when a session cannot be finalised yet, and how the chair records an absence."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessments.models import SessionAbsence
from diklat.api_strict import RefuseUnknownFields


class GapSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=["not_started", "no_sheet", "incomplete_sheet", "no_scorer"],
        help_text=_(
            "not_started: the session has not started yet; no_sheet: an expected scorer has not scored the "
            "participant; incomplete_sheet: they scored only some indicators; no_scorer: every expected scorer of "
            "the participant is recorded absent."
        ),
    )
    scorer = serializers.IntegerField(allow_null=True, source="scorer.pk", default=None, help_text=_("User id."))
    scorer_name = serializers.CharField(allow_null=True, source="scorer.get_full_name", default=None)
    presentation = serializers.IntegerField(allow_null=True, source="presentation.pk", default=None)
    participant = serializers.IntegerField(allow_null=True, source="participant.pk", default=None)
    participant_name = serializers.CharField(allow_null=True, source="participant.user.get_full_name", default=None)
    message = serializers.CharField()


class MissingSerializer(serializers.Serializer):
    missing = GapSerializer(many=True, help_text=_("Everything that stops the session being finalised."))


class AbsenceInputSerializer(RefuseUnknownFields, serializers.Serializer):
    kind = serializers.ChoiceField(choices=SessionAbsence.Kind.choices)
    member = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("The absent panel member's user id.")
    )
    presentation = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The participant's presentation; for a member, empty means absent from the whole session."),
    )
    reason = serializers.CharField(max_length=1000)


class AbsenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionAbsence
        fields = ["id", "kind", "member", "presentation", "reason", "by", "at"]
        read_only_fields = fields

"""Bodies of the event API's actions: they validate and shape; the services in events/ decide."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_strict import RefuseUnknownFields
from diklat.filtering import MAX_ID
from events.grouping import MAX_GROUPS, Balance
from events.models import ActionItem, ApologyReason, Event


class RespondSerializer(RefuseUnknownFields, serializers.Serializer):
    attending = serializers.BooleanField(help_text=_("True: will attend; false: apologies, with a reason."))
    reason = serializers.ChoiceField(choices=ApologyReason.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class InviteHeadsSerializer(RefuseUnknownFields, serializers.Serializer):
    government = serializers.CharField(
        max_length=5, help_text=_("Code of the host government or of one of its regencies, e.g. 73 or 73.71.")
    )


class CheckInCodeSerializer(RefuseUnknownFields, serializers.Serializer):
    code = serializers.CharField(max_length=20, help_text=_("The code on the organiser's screen."))
    day = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Sent with a QR code."))
    session = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID)


class TickSerializer(RefuseUnknownFields, serializers.Serializer):
    invitees = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=500
    )
    day = serializers.DateField()
    session = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID)


class SplitSerializer(RefuseUnknownFields, serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=MAX_GROUPS)
    balance = serializers.ChoiceField(choices=Balance.choices, default=Balance.AGENCY_KIND)
    seed = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=MAX_ID)


class MoveSerializer(RefuseUnknownFields, serializers.Serializer):
    group = serializers.IntegerField(
        allow_null=True, min_value=1, max_value=MAX_ID, help_text=_("Group id, or null for no group.")
    )


class SubmitSerializer(RefuseUnknownFields, serializers.Serializer):
    answer = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    latitude = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None, max_length=30)
    longitude = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None, max_length=30)
    accuracy = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None, max_length=30)
    client_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Made on the phone: the same id twice is one submission."),
    )


class JudgeSerializer(RefuseUnknownFields, serializers.Serializer):
    approve = serializers.BooleanField()
    points = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=32767)
    criterion_points = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=32767),
        required=False,
        default=dict,
        help_text=_("Points per criterion."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ActionMoveSerializer(RefuseUnknownFields, serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionItem.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AdvanceSerializer(RefuseUnknownFields, serializers.Serializer):
    status = serializers.ChoiceField(choices=Event.Status.choices, help_text=_("The status to move the event to."))

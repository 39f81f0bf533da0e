"""Shapes of an event and of what belongs to it in the REST API: venues, agenda, invitees, groups, missions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_fields import ChoiceLabelField, LocalTimeField, PersonNameField, ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from diklat.models import Organiser
from events.models import AgendaSession, ApologyReason, Event, Group, Invitee, Mission, MissionKind, Venue
from regions.models import Region


def _own_organisers(user) -> Q:
    return Q() if user.is_superuser else Q(staff=user)


# The times of an event are wall-clock times of its zone, 07:30.
LOCAL_TIMES = {**serializers.ModelSerializer.serializer_field_mapping, models.TimeField: LocalTimeField}


class EventSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    serializer_field_mapping = LOCAL_TIMES
    organiser = ScopedPrimaryKeyRelatedField(
        queryset=Organiser.objects.all(), scope=_own_organisers, help_text=_("Your organiser's id.")
    )
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    host_government = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), help_text=_("Government code, e.g. 73.")
    )
    kind_display = ChoiceLabelField(Event.Kind.choices, source="kind")
    status_display = ChoiceLabelField(Event.Status.choices, source="status")
    zone_abbreviation = serializers.CharField(read_only=True, help_text=_("WIB, WITA or WIT."))
    may_manage = serializers.SerializerMethodField(help_text=_("Whether the user manages this event."))
    refused_field_hints = {"status": _("Move the event along with its advance action.")}

    class Meta:
        model = Event
        fields = [
            "id",
            "organiser",
            "organiser_name",
            "host_government",
            "kind",
            "kind_display",
            "title",
            "starts_on",
            "ends_on",
            "time_zone",
            "zone_abbreviation",
            "status",
            "status_display",
            "objectives",
            "day_starts_at",
            "late_after_minutes",
            "created_at",
            "may_manage",
        ]
        read_only_fields = ["status", "created_at"]

    def get_may_manage(self, event) -> bool:
        return self.context["scope"].manages(event.pk)


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "event", "name", "address", "estimated_cost", "notes", "chosen"]
        read_only_fields = fields


class AgendaSessionSerializer(serializers.ModelSerializer):
    serializer_field_mapping = LOCAL_TIMES
    materials = serializers.SerializerMethodField(help_text=_("The speaker's materials (file names)."))

    class Meta:
        model = AgendaSession
        fields = ["id", "event", "day", "starts_at", "ends_at", "title", "speaker", "partner", "place", "materials"]
        read_only_fields = fields

    def get_materials(self, session) -> list[dict]:
        return [
            {"id": material.pk, "original_name": material.original_name, "content_type": material.content_type}
            for material in session.materials.all()
        ]


class InviteeSerializer(serializers.ModelSerializer):
    name = PersonNameField(source="user")
    agency_name = serializers.CharField(source="agency.name", read_only=True, default="")
    group_name = serializers.CharField(source="group.name", read_only=True, default="")
    response_display = ChoiceLabelField(Invitee.Response.choices, source="response")
    apology_reason = serializers.ChoiceField(
        choices=ApologyReason.choices, allow_blank=True, read_only=True, help_text=_("Empty unless apologised.")
    )
    apology_reason_display = ChoiceLabelField(ApologyReason.choices, source="apology_reason")

    class Meta:
        model = Invitee
        fields = [
            "id",
            "event",
            "user",
            "name",
            "agency",
            "agency_name",
            "position",
            "response",
            "response_display",
            "apology_reason",
            "apology_reason_display",
            "apology_note",
            "responded_at",
            "group",
            "group_name",
        ]
        read_only_fields = fields

    def to_representation(self, invitee):
        data = super().to_representation(invitee)
        if invitee.user_id != self.context["request"].user.pk and not self.context["scope"].manages(invitee.event_id):
            data["apology_note"] = ""  # why a colleague is away is for the organiser to know
        return data


class GroupSerializer(serializers.ModelSerializer):
    captain_name = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField(help_text=_("Invitee id and name of each member."))

    class Meta:
        model = Group
        fields = ["id", "event", "number", "name", "captain", "captain_name", "members"]
        read_only_fields = fields

    def get_captain_name(self, group) -> str:
        return group.captain.user.get_full_name() if group.captain else ""

    def get_members(self, group) -> list[dict]:
        return [{"id": member.pk, "name": member.user.get_full_name()} for member in group.members.all()]


class MissionSerializer(serializers.ModelSerializer):
    kind_display = ChoiceLabelField(MissionKind.choices, source="kind")

    class Meta:
        model = Mission
        fields = [
            "id",
            "event",
            "kind",
            "kind_display",
            "title",
            "instructions",
            "points",
            "expected_answer",
            "latitude",
            "longitude",
            "radius_m",
            "criteria",
            "opens_at",
            "closes_at",
            "order",
            "after",
            "max_attempts",
        ]
        read_only_fields = fields

    def to_representation(self, mission):
        data = super().to_representation(mission)
        if not self.context["scope"].judges(mission.event_id):
            data["expected_answer"] = ""  # the groups must not read the answer key
        return data

"""Query-string filters of the event API: the rows of one event (or mission, group) by id."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter
from events.models import ActionItem, Event, Invitee, Mission, Submission


class EventFilter(filters.FilterSet):
    class Meta:
        model = Event
        fields = ["kind", "status"]


class OfEventFilter(filters.FilterSet):
    """The rows of one event: ``?event=12``."""

    event = IdFilter(field_name="event_id", help_text=_("Event id."))


class InviteeFilter(OfEventFilter):
    group = IdFilter(field_name="group_id", help_text=_("Group id."))

    class Meta:
        model = Invitee
        fields = ["event", "group", "response"]


class MissionFilter(OfEventFilter):
    class Meta:
        model = Mission
        fields = ["event", "kind"]


class SubmissionFilter(filters.FilterSet):
    event = IdFilter(field_name="mission__event_id", help_text=_("Event id."))
    mission = IdFilter(field_name="mission_id", help_text=_("Mission id."))
    group = IdFilter(field_name="group_id", help_text=_("Group id."))

    class Meta:
        model = Submission
        fields = ["event", "mission", "group", "status"]


class ActionItemFilter(OfEventFilter):
    class Meta:
        model = ActionItem
        fields = ["event", "status"]

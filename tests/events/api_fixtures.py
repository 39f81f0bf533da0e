"""An event as the API tests see it: its organiser's staff, a judge, two groups of attendees, a photo mission,
and another organiser's event next to it. Each test module wraps them in its own fixtures (not a conftest)."""

from dataclasses import dataclass

from django.utils import timezone

from events.models import Event, Group, Invitee, Mission
from tests.factories import OrganiserFactory, UserFactory

from .factories import EventFactory, GroupFactory, InviteeFactory, MissionFactory, at, member


@dataclass
class World:
    event: Event
    staff: object
    judge: object
    groups: list[Group]
    members: list[Invitee]  # two per group: group 1's first, then group 2's
    mission: Mission
    other: Event
    other_member: Invitee
    other_mission: Mission


def make_event(groups: int = 2, per_group: int = 2) -> tuple[Event, object, object, list[Group], list[Invitee]]:
    staff, judge = UserFactory(), UserFactory()
    organiser = OrganiserFactory()
    organiser.staff.add(staff)
    event = EventFactory(organiser=organiser)
    event.judges.add(judge)
    made = [GroupFactory(event=event, number=n, name=f"Kelompok {n}") for n in range(1, groups + 1)]
    members = [member(group) for group in made for _ in range(per_group)]
    return event, staff, judge, made, members


def build_world() -> World:
    """The test modules' ``world`` fixture: ``return build_world()``."""
    event, staff, judge, groups, members = make_event()
    other = EventFactory()
    other_group = GroupFactory(event=other)
    return World(
        event,
        staff,
        judge,
        groups,
        members,
        MissionFactory(event=event),
        other,
        member(other_group),
        MissionFactory(event=other),
    )


def clock_for(monkeypatch):
    """Set the moment the server takes for now: ``clock(world.event, 0, 9)`` is 09:00 on day 1, local time."""

    def set_to(event, day_offset, hour, minute=0, second=0):
        moment = at(event, day_offset, hour, minute, second)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def invitee_of(event, **fields) -> Invitee:
    return InviteeFactory(event=event, **fields)

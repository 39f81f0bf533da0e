"""The demo's leadership events: the province's retreat (closed) and a regency's capacity-building days (running)."""

import datetime

from events.attendance import attendance
from events.judging import leaderboard
from events.models import Event

from .event_capacity import TITLE as CAPACITY_TITLE
from .event_capacity import build_capacity_building
from .event_people import EventPeople
from .event_retreat import TITLE as RETREAT_TITLE
from .event_retreat import build_retreat
from .names import NameMaker
from .people import Cast


def build_events(cast: Cast, names: NameMaker, today: datetime.date) -> int:
    """Create the two events unless they exist; how many were created."""
    people = EventPeople(names)
    made = [build_retreat(cast.organiser, cast.staff, people, today), build_capacity_building(people, today)]
    return sum(event is not None for event in made)


def attendee_login() -> tuple[str, str]:
    """The capacity-building attendee to log in as: the first head invited, in a group."""
    event = Event.objects.get(title=CAPACITY_TITLE)
    invitee = event.invitees.select_related("user", "group").filter(user__username="kepala.gowa01").get()
    return invitee.user.username, f"{invitee.user} — {invitee.position}, {invitee.group} ({event.title})"


def event_lines() -> list[str]:
    """What load_demo says of the events: where to look, and the figures a visitor will find."""
    lines = []
    for event in Event.objects.filter(title__in=[RETREAT_TITLE, CAPACITY_TITLE]).order_by("starts_on"):
        figures = attendance(event)
        text = (
            f"Event: {event.title} ({event.get_status_display().lower()}, {event.starts_on:%d-%m-%Y}"
            f" – {event.ends_on:%d-%m-%Y}): {figures.present} of {figures.invited} present, {figures.excused} excused;"
            f" /events/{event.pk}/"
        )
        board = leaderboard(event)
        if board:
            text += "\n  Leaderboard: " + ", ".join(f"{group.rank}. {group.name} {group.score}" for group in board)
        lines.append(text)
    return lines

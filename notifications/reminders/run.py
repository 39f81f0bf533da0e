"""The daily run: every candidate on its recipient's local date, as messages keyed by item, recipient and slot."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from diklat.middleware import zones_of

from ..services import Message
from . import events, projects, seminars


def candidates(now: datetime.datetime):
    # A day's margin on each side of UTC's date: WIT is nine hours ahead of it.
    until = now.astimezone(datetime.UTC).date() + datetime.timedelta(days=max(settings.REMINDER_OFFSETS, default=0) + 2)
    yield from projects.milestones(until)
    yield from projects.feedback(until)
    yield from projects.reviews_waiting(until)
    yield from seminars.sessions(now)
    yield from seminars.score_sheets(now)
    yield from events.action_items(until)


def due_reminders(now: datetime.datetime, *, catch_up: int | None = None) -> list[Message]:
    """Each reminder that is due now, in each recipient's own time zone (WIB, WITA or WIT).

    ``catch_up``: how many days after its slot opened a reminder still goes (REMINDER_CATCH_UP_DAYS).
    """
    catch_up = settings.REMINDER_CATCH_UP_DAYS if catch_up is None else catch_up
    found = list(candidates(now))
    zones = zones_of({candidate.recipient_id for candidate in found})
    today = {zone: now.astimezone(ZoneInfo(zone)).date() for zone in set(zones.values())}
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for candidate in found:
            zone = zones.get(candidate.recipient_id)
            if zone is None:  # the account is gone
                continue
            occasion = candidate.rule(candidate.due, today[zone], catch_up=catch_up)
            if occasion is None:
                continue
            title, body = candidate.texts(occasion)
            messages.append(
                Message(
                    recipient_id=candidate.recipient_id,
                    kind=candidate.kind,
                    key=f"reminder:{candidate.item}:{candidate.recipient_id}:{occasion.slot}",
                    title=title,
                    body=body,
                    link=candidate.link,
                    cohort_id=candidate.cohort_id,
                )
            )
    return messages

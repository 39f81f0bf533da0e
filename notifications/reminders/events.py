"""Reminders about what leadership events decided: action items falling due, then overdue.

The owner (a head of agency) is reminded before the date and weekly after it, as for feedback;
the organiser's staff learn of an item long overdue, so that the next evaluation asks about it.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from diklat.models import Organiser
from events.models import ActionItem

from ..kinds import Kind
from .candidates import Candidate, in_days
from .occasions import ahead_then_overdue, overdue


def action_items(until: datetime.date) -> Iterator[Candidate]:
    rows = list(
        ActionItem.objects.open()
        .filter(due_date__lte=until, owner__is_active=True)
        .values_list("pk", "title", "due_date", "owner_id", "event_id", "event__title", "event__organiser_id")
        .order_by("pk")
    )
    staff = defaultdict(list)
    organisers = {row[6] for row in rows}
    for organiser_id, user_id in Organiser.staff.through.objects.filter(
        organiser_id__in=organisers, user__is_active=True
    ).values_list("organiser_id", "user_id"):
        staff[organiser_id].append(user_id)
    offsets, every = settings.REMINDER_OFFSETS, settings.REMINDER_OVERDUE_EVERY_DAYS
    long_overdue = settings.REMINDER_LONG_OVERDUE_DAYS
    for pk, title, due, owner_id, event_id, event_title, organiser_id in rows:
        link = reverse("events:action", args=[event_id, pk])
        short = title if len(title) <= 80 else title[:77] + "…"

        def own(occasion, short=short, event_title=event_title):
            if occasion.days_left < 0:
                heading = _("Action item overdue: %(title)s") % {"title": short}
            else:
                heading = _("Action item due %(when)s: %(title)s") % {
                    "when": in_days(occasion.days_left),
                    "title": short,
                }
            return heading, _("From %(event)s. Report what was done on the action item's page.") % {
                "event": event_title
            }

        def reported(occasion, short=short, event_title=event_title):
            return (
                _("Action item long overdue: %(title)s") % {"title": short},
                _("From %(event)s. It was due %(when)s.") % {"event": event_title, "when": in_days(occasion.days_left)},
            )

        item = f"action:{pk}"
        rule = partial(ahead_then_overdue, offsets=offsets, every=every)
        yield Candidate(Kind.ACTION_ITEM_DUE, item, owner_id, due, rule, own, link, None)
        rule = partial(overdue, every=long_overdue, from_days=long_overdue, prefix="long")
        for staff_id in staff.get(organiser_id, ()):
            yield Candidate(Kind.ACTION_ITEM_DUE, f"{item}:staff", staff_id, due, rule, reported, link, None)

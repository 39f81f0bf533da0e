"""Reminders about seminars: report and slides due, sessions coming up, score sheets left on the day."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.completeness import local_start, missing_for_finalise
from assessments.models import Presentation, SeminarSession

from ..kinds import Kind
from .candidates import Candidate, in_days
from .occasions import Occasion, ahead


def _upcoming(start: datetime.datetime, end: datetime.datetime):
    return (
        SeminarSession.objects.annotate(start=Coalesce("starts_at", "seminar__starts_at"))
        .filter(start__gte=start, start__lt=end)
        .select_related("seminar__cohort__rule_set", "seminar__cohort__organiser__region", "seminar__rubric")
        .order_by("start", "pk")
    )


def _host_date(session) -> datetime.date:
    return session.start.astimezone(ZoneInfo(session.seminar.cohort.time_zone)).date()


def _the_day(due: datetime.date, today: datetime.date, *, catch_up: int = 1) -> Occasion | None:
    """On the session's day, and the day after while sheets are still missing (whatever the catch-up)."""
    days = (today - due).days
    return Occasion(f"day-{days}", -days) if days in (0, 1) else None


def sessions(now: datetime.datetime) -> Iterator[Candidate]:
    """Documents due and sessions soon, for presenters and panel, up to the farthest offset ahead."""
    offsets = settings.REMINDER_OFFSETS
    horizon = max(offsets, default=0) + 2
    upcoming = list(_upcoming(now - datetime.timedelta(days=1), now + datetime.timedelta(days=horizon + 14)))
    presenters = defaultdict(list)
    for session_id, user_id in Presentation.objects.filter(session__in=upcoming).values_list(
        "session_id", "enrolment__participant__user_id"
    ):
        presenters[session_id].append(user_id)
    panel = defaultdict(set)
    for session_id, user_id in SeminarSession.examiners.through.objects.filter(seminarsession__in=upcoming).values_list(
        "seminarsession_id", "user_id"
    ):
        panel[session_id].add(user_id)
    for session in upcoming:
        cohort = session.seminar.cohort
        # The session's date as the host shows it: a session at 08:00 WITA is on that day for everyone.
        day = _host_date(session)
        when = local_start(session)
        link = reverse("assessments:session", args=[session.pk])
        name = str(session)

        def soon(occasion, name=name, when=when):
            return (
                _("%(session)s %(when)s") % {"session": name, "when": in_days(occasion.days_left)},
                _("Starts %(start)s.") % {"start": when},
            )

        rule = partial(ahead, offsets=offsets)
        item = f"session:{session.pk}:{session.start:%Y%m%d%H%M}"
        for user_id in {*presenters[session.pk], *panel[session.pk], session.chair_id}:
            yield Candidate(Kind.SESSION_SOON, item, user_id, day, rule, soon, link, cohort.pk)
        documents_due = day - datetime.timedelta(days=cohort.rule_set.documents_due_days)

        def documents(occasion, name=name, when=when):
            return (
                _("Report and slides due %(when)s") % {"when": in_days(occasion.days_left)},
                _("Hand them in before %(session)s, which starts %(start)s.") % {"session": name, "start": when},
            )

        for user_id in presenters[session.pk]:
            yield Candidate(
                Kind.SEMINAR_DOCUMENTS, f"documents:{item}", user_id, documents_due, rule, documents, link, cohort.pk
            )


def score_sheets(now: datetime.datetime) -> Iterator[Candidate]:
    """Panel members with scores still missing in an open session held today or yesterday."""
    held = _upcoming(now - datetime.timedelta(days=2), now + datetime.timedelta(days=1)).filter(
        status=SeminarSession.Status.OPEN
    )
    for session in held:
        waiting = {gap.scorer.pk for gap in missing_for_finalise(session, now=now) if gap.scorer is not None}
        if not waiting:
            continue
        day = _host_date(session)
        link = reverse("assessments:sheet", args=[session.pk])
        name = str(session)

        def texts(occasion, name=name):
            return (
                _("Your score sheet is not complete: %(session)s") % {"session": name},
                _("Score every participant who presented, so that the chair can finalise the session."),
            )

        for user_id in waiting:
            yield Candidate(
                Kind.SCORE_SHEET, f"sheet:{session.pk}", user_id, day, _the_day, texts, link, session.seminar.cohort_id
            )

"""Reminders about projects: milestone target dates, feedback due dates, projects waiting for their mentor."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import FeedbackItem
from diklat.models import Cohort, Enrolment
from mentors.models import Assignment
from mentors.roles import Role
from projects.models import ChangeProject, Milestone

from ..kinds import Kind
from .candidates import Candidate, in_days
from .occasions import ahead_then_overdue, overdue

# Only projects being carried out have dates that bind: a plan still in design may change.
RUNNING = [ChangeProject.Status.APPROVED, ChangeProject.Status.IN_IMPLEMENTATION]


def _mentors(enrolment_ids) -> dict[int, list[int]]:
    found = defaultdict(list)
    rows = Assignment.objects.filter(enrolment__in=set(enrolment_ids), role=Role.MENTOR, user__is_active=True)
    for enrolment_id, user_id in rows.values_list("enrolment_id", "user_id"):
        found[enrolment_id].append(user_id)
    return found


def milestones(until: datetime.date) -> Iterator[Candidate]:
    rows = list(
        Milestone.objects.open()
        .filter(
            target_date__lte=until,
            project__status__in=RUNNING,
            project__enrolment__status=Enrolment.Status.ACTIVE,
        )
        .values_list(
            "pk",
            "activity",
            "target_date",
            "project_id",
            "project__enrolment_id",
            "project__enrolment__participant__user_id",
            "project__enrolment__cohort_id",
        )
        .order_by("pk")
    )
    mentors = _mentors(row[4] for row in rows)
    offsets, every = settings.REMINDER_OFFSETS, settings.REMINDER_OVERDUE_EVERY_DAYS
    for pk, activity, due, project_id, enrolment_id, owner_id, cohort_id in rows:
        link = reverse("projects:detail", args=[project_id]) + f"#milestone-{pk}"

        def own(occasion, activity=activity):
            if occasion.days_left < 0:
                title = _("Milestone overdue: %(activity)s") % {"activity": activity}
            else:
                title = _("Milestone due %(when)s: %(activity)s") % {
                    "when": in_days(occasion.days_left),
                    "activity": activity,
                }
            return title, _("Report its progress, or mark it done, on your project page.")

        def guided(occasion, activity=activity):
            return (
                _("Your participant's milestone is overdue: %(activity)s") % {"activity": activity},
                _("It was due %(when)s.") % {"when": in_days(occasion.days_left)},
            )

        item = f"milestone:{pk}"
        rule = partial(ahead_then_overdue, offsets=offsets, every=every)
        yield Candidate(Kind.MILESTONE_DUE, item, owner_id, due, rule, own, link, cohort_id)
        for mentor_id in mentors.get(enrolment_id, ()):
            rule = partial(overdue, every=every)
            yield Candidate(Kind.MILESTONE_DUE, item, mentor_id, due, rule, guided, link, cohort_id)


def feedback(until: datetime.date) -> Iterator[Candidate]:
    rows = (
        FeedbackItem.objects.unresolved()
        .filter(due_date__lte=until, project__enrolment__status=Enrolment.Status.ACTIVE)
        .values_list(
            "pk",
            "text",
            "due_date",
            "given_by_id",
            "project__enrolment__participant__user_id",
            "project__enrolment__cohort_id",
            "project__title",
        )
        .order_by("pk")
    )
    rows = list(rows)
    staff = defaultdict(list)
    cohorts = {row[5] for row in rows}
    for cohort_id, user_id in Cohort.objects.filter(pk__in=cohorts, organiser__staff__is_active=True).values_list(
        "pk", "organiser__staff"
    ):
        staff[cohort_id].append(user_id)
    offsets, every = settings.REMINDER_OFFSETS, settings.REMINDER_OVERDUE_EVERY_DAYS
    long_overdue = settings.REMINDER_LONG_OVERDUE_DAYS
    for pk, text, due, giver_id, owner_id, cohort_id, project_title in rows:
        link = reverse("assessments:feedback", args=[pk])
        short = text if len(text) <= 80 else text[:77] + "…"

        def own(occasion, short=short):
            if occasion.days_left < 0:
                title = _("Feedback overdue: %(text)s") % {"text": short}
            else:
                title = _("Feedback due %(when)s: %(text)s") % {"when": in_days(occasion.days_left), "text": short}
            return title, _("Report what you did about it on the feedback page.")

        def given(occasion, short=short, project_title=project_title):
            return (
                _("Your feedback is still not carried out: %(text)s") % {"text": short},
                _("Project: %(project)s. It was due %(when)s.")
                % {"project": project_title, "when": in_days(occasion.days_left)},
            )

        def reported(occasion, short=short, project_title=project_title):
            return (
                _("Feedback long overdue in your cohort: %(text)s") % {"text": short},
                _("Project: %(project)s. It was due %(when)s.")
                % {"project": project_title, "when": in_days(occasion.days_left)},
            )

        item = f"feedback:{pk}"
        rule = partial(ahead_then_overdue, offsets=offsets, every=every)
        yield Candidate(Kind.FEEDBACK_DUE, item, owner_id, due, rule, own, link, cohort_id)
        yield Candidate(Kind.FEEDBACK_DUE, item, giver_id, due, partial(overdue, every=every), given, link, cohort_id)
        rule = partial(overdue, every=long_overdue, from_days=long_overdue, prefix="long")
        for staff_id in staff.get(cohort_id, ()):
            yield Candidate(Kind.FEEDBACK_DUE, f"{item}:staff", staff_id, due, rule, reported, link, cohort_id)


def reviews_waiting(until: datetime.date) -> Iterator[Candidate]:
    """Submitted projects: the mentor is reminded after a few days' wait, then weekly."""
    after, every = settings.REMINDER_REVIEW_AFTER_DAYS, settings.REMINDER_OVERDUE_EVERY_DAYS
    rows = list(
        ChangeProject.objects.filter(
            status=ChangeProject.Status.SUBMITTED,
            status_changed_at__isnull=False,
            enrolment__status=Enrolment.Status.ACTIVE,
        ).values_list("pk", "title", "status_changed_at", "enrolment_id", "enrolment__cohort_id")
    )
    mentors = _mentors(row[3] for row in rows)
    for pk, title, submitted_at, enrolment_id, cohort_id in rows:
        # The day it was submitted (UTC); the mentor's local date decides from there.
        since = submitted_at.astimezone(datetime.UTC).date()
        due = since + datetime.timedelta(days=after)

        def texts(occasion, title=title):
            waited = after - occasion.days_left
            return (
                _("A project is waiting for your review: %(title)s") % {"title": title},
                _("Submitted %(when)s. Approve it, or return it with your comments.") % {"when": in_days(-waited)},
            )

        rule = partial(overdue, every=every, from_days=0)
        for mentor_id in mentors.get(enrolment_id, ()):
            link = reverse("projects:detail", args=[pk])
            yield Candidate(
                Kind.REVIEW_WAITING,
                f"review:{pk}:{submitted_at:%Y%m%d%H%M%S}",
                mentor_id,
                due,
                rule,
                texts,
                link,
                cohort_id,
            )

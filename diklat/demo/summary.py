"""What load_demo prints about the seminars and feedback: where the examiner and chair logins work."""

from collections import Counter
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from assessments.models import FeedbackItem, Score, SeminarSession, SessionEvent
from diklat.models import Cohort
from diklat.models.regions import ZONE_ABBREVIATIONS


def seminar_lines(cohort: Cohort) -> list[str]:
    """A few lines per seminar and session, and the feedback counts by status."""
    zone_name = cohort.organiser.region.time_zone
    zone = ZoneInfo(zone_name)
    sessions = (
        SeminarSession.objects.filter(seminar__cohort=cohort)
        .select_related("seminar", "chair")
        .prefetch_related("examiners")
        .annotate(
            participants=Count("presentations", distinct=True),
            reopened=Count("events", filter=Q(events__kind=SessionEvent.Kind.REOPENED), distinct=True),
        )
        .order_by("seminar__starts_at", "name")
    )
    sheets = Counter(
        row["presentation__session"]
        for row in Score.objects.filter(presentation__session__seminar__cohort=cohort)
        .order_by()
        .values("presentation__session", "presentation", "scorer")
        .distinct()
    )
    lines = [f"Seminars (seminar day: {reverse('assessments:day')}; the chair finalises on the session page):"]
    seminar = None
    for session in sessions:
        if session.seminar_id != getattr(seminar, "pk", None):
            seminar = session.seminar
            start = timezone.localtime(seminar.starts_at, zone)
            abbreviation = ZONE_ABBREVIATIONS.get(zone_name, zone_name)
            lines.append(f"  {seminar.get_kind_display()}, {start:%d-%m-%Y %H:%M} {abbreviation}, {seminar.place}:")
        examiners = " + ".join(sorted(user.username for user in session.examiners.all()))
        state = "finalised" if session.status == SeminarSession.Status.FINALISED else "open"
        if session.reopened:
            state += f" (reopened {session.reopened}×)"
        if session.status == SeminarSession.Status.OPEN and sheets[session.pk]:
            state += f", {sheets[session.pk]} score sheets in"
        lines.append(
            f"    {session.name}  chair {session.chair.username}, examiners {examiners}:"
            f" {session.participants} participants, {state}"
        )
    items = FeedbackItem.objects.filter(project__enrolment__cohort=cohort)
    by_status = Counter(items.values_list("status", flat=True))
    if by_status:
        counts = ", ".join(f"{by_status[status]} {status.replace('_', ' ')}" for status in FeedbackItem.Status.values)
        lines.append(
            f"Feedback: {sum(by_status.values())} items ({counts}; {items.overdue().count()} overdue)."
            f" Follow-up list of who gave it: {reverse('assessments:feedback-list')};"
            f" the participant's results and feedback: {reverse('assessments:my-results')}."
        )
    return lines

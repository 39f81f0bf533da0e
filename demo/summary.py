"""What load_demo prints about the seminars, feedback and rollout: where the examiner, chair and staff logins work."""

from collections import Counter
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from assessments.models import FeedbackItem, Score, SeminarSession, SessionEvent
from diklat.models import Cohort
from people.models import User
from projects.models import ChangeProject
from records.models import OfficialDocument
from regions.models import ZONE_ABBREVIATIONS, Agency
from rollout.models import Adoption, Innovation


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
    documents = OfficialDocument.objects.filter(session__seminar__cohort=cohort)
    minutes = documents.current().filter(kind=OfficialDocument.Kind.MINUTES).order_by("session__name").first()
    if minutes:
        lines.append(
            f"Official documents (PDFs frozen at finalising): {documents.count()} issued,"
            f" {documents.current().count()} valid; anyone can check one at {minutes.get_verify_url()}"
        )
    return lines


def rollout_who(user: User) -> str:
    """ "Andi Nurhayati — reports for Provinsi Sulawesi Selatan: /reports/province/73/"."""
    places = [
        f"Provinsi {row.province.name}: {reverse('reports:province', args=[row.province.code])}"
        for row in user.provinces_reported.select_related("province")
    ]
    return f"{user} — reports for {', '.join(places)}"


def rollout_lines(cohort: Cohort, project: ChangeProject | None = None) -> list[str]:
    """The cohort's innovations by maturity, their adoptions, where the reports are, and how far ``project``'s got."""
    innovations = Innovation.objects.filter(project__enrolment__cohort=cohort)
    stages = Counter(innovations.values_list("stage", flat=True))
    if not stages:
        return []
    province = cohort.organiser.region
    adoptions = Adoption.objects.filter(innovation__project__enrolment__cohort=cohort)
    outside = adoptions.exclude(agency__government=province).exclude(agency__government__parent=province)
    derived = innovations.filter(derived_from__isnull=False).count()
    counts = ", ".join(f"{stages[stage]} {stage}" for stage in reversed(Innovation.Stage.values))
    lines = [
        f"Rollout: {sum(stages.values())} innovations ({counts}; {derived} derived from another),"
        f" {adoptions.count()} adoptions by {adoptions.values('agency').distinct().count()} agencies"
        f" ({adoptions.applied().count()} applied or beyond; {outside.count()} outside {province.name})."
        f" Report: {reverse('reports:report', args=['rollout'])}?cohort={cohort.pk}"
    ]
    own = innovations.filter(project=project).first() if project else None
    if own is not None:
        applied = own.adoptions.applied().filter(agency__in=Agency.objects.in_province(province)).count()
        lines.append(
            f"  {own.name} (the participant's project): applied in {applied} OPDs of {province.name};"
            f" its rollout page: {reverse('rollout:project', args=[own.project_id])}"
        )
    return lines

"""Who is falling behind in a cohort: one row per participant, in a fixed number of queries.

Progress per horizon is the projects' own ``with_progress``; overdue milestones and feedback
are the querysets' ``overdue``; seminar results are the released ones, combined by
``assessments.combined``. A cohort has at most a few hundred participants: every row is built,
then filtered and sorted here, so that the order and the flags are those of the figures shown.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.combined import combined
from assessments.models import FeedbackEvidence, FeedbackItem, PredicateBand, Presentation, SeminarKind
from diklat.models import Cohort, Enrolment
from people.nip import normalise
from projects.models import ChangeProject, Evidence, Milestone, ProgressUpdate
from reports.queries import count_of

MIN_INACTIVITY_DAYS, MAX_INACTIVITY_DAYS = 1, 365  # as the constraint cohort_inactivity_1_to_365 says
NO_PROJECT = "none"  # the status filter's value for a participant without a project yet


@dataclass(frozen=True)
class SeminarResult:
    final: Decimal | None
    predicate: str


@dataclass
class Row:
    """One participant of the cohort and the figures that say whether they are falling behind."""

    enrolment_id: int
    name: str
    identifier: str  # the NIP as printed, or the NI PPPK
    agency: str
    enrolment_status: str
    enrolled_on: datetime.date
    project_id: int | None = None
    project_title: str = ""
    project_status: str = ""
    progress_short: float | None = None
    progress_medium: float | None = None
    progress_long: float | None = None
    progress_overall: float | None = None
    overdue_milestones: int = 0
    open_feedback: int = 0
    overdue_feedback: int = 0
    last_posted: datetime.date | None = None
    days_since_post: int = 0
    design: SeminarResult | None = None
    results: SeminarResult | None = None
    flagged: bool = False

    @property
    def enrolment_status_label(self) -> str:
        return Enrolment.Status(self.enrolment_status).label

    @property
    def project_status_label(self) -> str:
        return ChangeProject.Status(self.project_status).label if self.project_status else ""


def cohort_today(cohort: Cohort) -> datetime.date:
    """Today in the cohort's own time zone (its organiser's province), as its deadlines are meant."""
    return timezone.localdate(timezone=ZoneInfo(cohort.time_zone))


def _latest(queryset, field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def _projects(cohort: Cohort, today: datetime.date):
    """The cohort's projects with their progress, overdue and open counts and latest posts: one query."""
    owner = OuterRef("enrolment__participant__user")
    return (
        ChangeProject.objects.filter(enrolment__cohort=cohort)
        .order_by()
        .with_progress()
        .annotate(
            overdue_milestones=count_of(Milestone.objects.overdue(today), "project"),
            open_feedback=count_of(FeedbackItem.objects.unresolved(), "project"),
            overdue_feedback=count_of(FeedbackItem.objects.overdue(today), "project"),
            last_update=_latest(ProgressUpdate.objects.filter(project=OuterRef("pk")), "created_at"),
            last_evidence=_latest(Evidence.objects.filter(update__project=OuterRef("pk")), "uploaded_at"),
            last_feedback_evidence=_latest(
                FeedbackEvidence.objects.filter(item__project=OuterRef("pk"), uploaded_by=owner), "uploaded_at"
            ),
        )
    )


def seminar_results(cohort: Cohort) -> dict[tuple[int, str], SeminarResult]:
    """Released results of the cohort's seminars by (enrolment, seminar kind): three queries."""
    presentations = Presentation.objects.released().filter(session__seminar__cohort=cohort)
    enrolment_of = dict(presentations.values_list("pk", "enrolment_id"))
    if not enrolment_of:
        return {}
    bands = dict(PredicateBand.objects.filter(rule_set_id=cohort.rule_set_id).values_list("pk", "name"))
    return {
        (enrolment_of[result.presentation_id], result.kind): SeminarResult(
            final=result.final, predicate=bands.get(result.band_id, "")
        )
        for result in combined(presentations)
        if result.presentation_id in enrolment_of
    }


def build_rows(cohort: Cohort, today: datetime.date | None = None) -> list[Row]:
    """Every participant of the cohort with their figures, by name: five queries whatever their number."""
    today = today or cohort_today(cohort)
    zone = ZoneInfo(cohort.time_zone)
    enrolments = (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("participant__user", "participant__agency")
        .order_by("participant__user__full_name", "pk")
    )
    projects = {project.enrolment_id: project for project in _projects(cohort, today)}
    results = seminar_results(cohort)
    rows = []
    for enrolment in enrolments:
        participant = enrolment.participant
        row = Row(
            enrolment_id=enrolment.pk,
            name=str(participant),
            identifier=participant.nip_formatted or participant.ni_pppk or "",
            agency=participant.agency.name,
            enrolment_status=enrolment.status,
            enrolled_on=enrolment.enrolled_on,
            design=results.get((enrolment.pk, SeminarKind.DESIGN)),
            results=results.get((enrolment.pk, SeminarKind.RESULTS)),
        )
        project = projects.get(enrolment.pk)
        posts = []
        if project is not None:
            row.project_id, row.project_title, row.project_status = project.pk, project.title, project.status
            for horizon in ("short", "medium", "long", "overall"):
                setattr(row, f"progress_{horizon}", getattr(project, f"progress_{horizon}"))
            row.overdue_milestones = project.overdue_milestones
            row.open_feedback, row.overdue_feedback = project.open_feedback, project.overdue_feedback
            posts = [
                moment
                for moment in (project.last_update, project.last_evidence, project.last_feedback_evidence)
                if moment
            ]
        row.last_posted = timezone.localdate(max(posts), zone) if posts else None
        row.days_since_post = max((today - (row.last_posted or enrolment.enrolled_on)).days, 0)
        row.flagged = enrolment.status == Enrolment.Status.ACTIVE and row.days_since_post >= cohort.inactivity_days
        rows.append(row)
    return rows


# --- filters, search and sorting ---------------------------------------------------------------


def matches(row: Row, text: str) -> bool:
    """Whether the search text is in the participant's name, NIP (typed with or without spaces) or agency."""
    text = " ".join(text.split()).casefold()
    if not text:
        return True
    digits = normalise(text)
    if digits.isdigit() and digits in normalise(row.identifier):
        return True
    return text in row.name.casefold() or text in row.agency.casefold() or text in row.identifier.casefold()


def narrow(
    rows: list[Row],
    *,
    q: str = "",
    status: str = "",
    flagged: bool = False,
    overdue_milestones: bool = False,
    overdue_feedback: bool = False,
) -> list[Row]:
    """The rows that pass every filter given (an empty or false filter lets every row through)."""
    return [
        row
        for row in rows
        if matches(row, q)
        and (not status or (row.project_status or NO_PROJECT) == status)
        and (not flagged or row.flagged)
        and (not overdue_milestones or row.overdue_milestones > 0)
        and (not overdue_feedback or row.overdue_feedback > 0)
    ]


# A sort key per order; a leading "-" reverses it. Ties fall back to the name, always A–Z.
SORT_KEYS = {
    "name": lambda row: 0,
    # No milestone yet counts as the least progress: such a participant is behind too.
    "progress": lambda row: -1.0 if row.progress_overall is None else row.progress_overall,
    "overdue": lambda row: row.overdue_milestones,
    "inactive": lambda row: row.days_since_post,
    "feedback": lambda row: (row.open_feedback, row.overdue_feedback),
}


def sort_rows(rows: list[Row], order: str = "name") -> list[Row]:
    """Sort by one of SORT_KEYS (``-`` first for descending); the name breaks ties in both directions."""
    descending = order.startswith("-")
    key = SORT_KEYS[order.lstrip("-")]
    by_name = sorted(rows, key=lambda row: (row.name.casefold(), row.enrolment_id))
    if order.lstrip("-") == "name":
        return by_name[::-1] if descending else by_name
    return sorted(by_name, key=key, reverse=descending)


def inactivity_range_message() -> str:
    return _("Give a number of days from %(low)s to %(high)s.") % {
        "low": MIN_INACTIVITY_DAYS,
        "high": MAX_INACTIVITY_DAYS,
    }


@transaction.atomic
def set_inactivity_days(cohort: Cohort, days: int) -> Cohort:
    """Change after how many days without a post the cohort's participants are flagged."""
    if not MIN_INACTIVITY_DAYS <= days <= MAX_INACTIVITY_DAYS:
        raise ValidationError({"inactivity_days": inactivity_range_message()})
    cohort.inactivity_days = days
    cohort.save(update_fields=["inactivity_days"])
    return cohort

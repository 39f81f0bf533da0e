"""The raw lists behind the reports, as ReportTables whose rows stream from one query each.

Each list starts from what the reader may see (the same scoping as the pages and the API), is
narrowed by the report filters, and is read with ``.iterator()`` after ``select_related`` so
that memory stays flat and the number of queries is the same for ten rows or ten thousand.
"""

from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import access as assessments_access
from assessments.models import FeedbackItem, Presentation, Score
from diklat import access
from diklat.models import Enrolment
from projects.models import ChangeProject, Milestone

from . import queries
from .filters import ReportFilterForm
from .tables import Column, Kind, ReportTable

CHUNK = 2000


def yes_no(flag: bool):
    return _("Yes") if flag else _("No")


def _stream(queryset, to_row) -> Iterator[dict]:
    """Yield one row per object, reading the queryset in chunks."""
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield to_row(obj)


# --- participants ---------------------------------------------------------------------------------


def _narrow_enrolments(form: ReportFilterForm, queryset):
    """Apply the filters to enrolments: the cohort's programme and year, the participant's agency."""
    chosen = form.selected()
    lookups = {
        "programme": "cohort__programme",
        "cohort": "cohort",
        "year": "cohort__year",
        "government": "participant__agency__government",
        "agency": "participant__agency",
    }
    queryset = queryset.filter(**{lookups[name]: value for name, value in chosen.items() if name in lookups})
    province = chosen.get("province")
    if province is not None:
        return queryset.filter(
            Q(participant__agency__government=province) | Q(participant__agency__government__parent=province)
        )
    if not form.user.is_superuser and form._is_provincial_only():
        return queryset.filter(access.in_reported_province(form.user, "participant__agency"))
    return queryset


def participants(form: ReportFilterForm) -> ReportTable:
    """One row per participant in a cohort, with their project."""
    user = form.user
    scope = access.enrolment_scope(user)
    if not user.is_superuser:
        scope |= access.in_reported_province(user, "participant__agency")
    queryset = (
        _narrow_enrolments(form, Enrolment.objects.filter(scope))
        .select_related("participant__user", "participant__agency__government", "cohort__programme", "project")
        .order_by("-cohort__year", "cohort__programme__order", "cohort__number", "participant__user__full_name", "pk")
    )

    def to_row(enrolment) -> dict:
        person = enrolment.participant
        project = getattr(enrolment, "project", None)
        return {
            "name": str(person.user),
            "nip": person.nip_formatted or person.ni_pppk or "",
            "rank": person.rank,
            "position": person.position,
            "agency": person.agency.name,
            "government": str(person.agency.government),
            "cohort": str(enrolment.cohort),
            "year": enrolment.cohort.year,
            "enrolment": enrolment.get_status_display(),
            "project": project.title if project else "",
            "project_status": project.get_status_display() if project else "",
        }

    return ReportTable(
        name="participants",
        title=_("Participants"),
        columns=[
            Column("name", _("Name")),
            Column("nip", _("NIP / NI PPPK")),
            Column("rank", _("Rank")),
            Column("position", _("Position")),
            Column("agency", _("Agency")),
            Column("government", _("Regional government")),
            Column("cohort", _("Cohort")),
            Column("year", _("Year"), Kind.INTEGER),
            Column("enrolment", _("Enrolment")),
            Column("project", _("Change project")),
            Column("project_status", _("Project status")),
        ],
        rows=_stream(queryset, to_row),
    )


# --- projects and milestones ------------------------------------------------------------------------


def projects(form: ReportFilterForm) -> ReportTable:
    """One row per change project, with its progress per horizon."""
    queryset = (
        form.narrow(ChangeProject.objects.reportable_by(form.user))
        .with_progress()
        .select_related("enrolment__participant__user", "enrolment__cohort__programme", "agency__government")
        .order_by("-enrolment__cohort__year", "enrolment__cohort__number", "enrolment__participant__user__full_name")
    )

    def to_row(project) -> dict:
        return {
            "title": project.title,
            "participant": str(project.enrolment.participant.user),
            "cohort": str(project.enrolment.cohort),
            "agency": project.agency.name,
            "government": str(project.agency.government),
            "status": project.get_status_display(),
            "progress_short": project.progress_short,
            "progress_medium": project.progress_medium,
            "progress_long": project.progress_long,
            "progress_overall": project.progress_overall,
            "has_overdue": yes_no(project.has_overdue),
            "status_changed_at": project.status_changed_at,
        }

    return ReportTable(
        name="projects",
        title=_("Change projects"),
        columns=[
            Column("title", _("Change project")),
            Column("participant", _("Participant")),
            Column("cohort", _("Cohort")),
            Column("agency", _("Agency")),
            Column("government", _("Regional government")),
            Column("status", _("Status")),
            Column("progress_short", _("Short-term progress (%)"), Kind.PERCENT),
            Column("progress_medium", _("Medium-term progress (%)"), Kind.PERCENT),
            Column("progress_long", _("Long-term progress (%)"), Kind.PERCENT),
            Column("progress_overall", _("Overall progress (%)"), Kind.PERCENT),
            Column("has_overdue", _("Overdue milestones")),
            Column("status_changed_at", _("Status changed at"), Kind.DATETIME),
        ],
        rows=_stream(queryset, to_row),
    )


def milestones(form: ReportFilterForm) -> ReportTable:
    """One row per milestone of the projects in scope."""
    queryset = (
        form.narrow(Milestone.objects.reportable_by(form.user), "project__")
        .select_related("project__enrolment__participant__user", "project__enrolment__cohort__programme")
        .order_by("project__enrolment__participant__user__full_name", "project", "target_date", "pk")
    )

    def rows() -> Iterator[dict]:
        today = timezone.localdate()
        for milestone in queryset.iterator(chunk_size=CHUNK):
            project = milestone.project
            yield {
                "project": project.title,
                "participant": str(project.enrolment.participant.user),
                "cohort": str(project.enrolment.cohort),
                "horizon": milestone.get_horizon_display(),
                "activity": milestone.activity,
                "output": milestone.output,
                "responsible": milestone.responsible,
                "start_date": milestone.start_date,
                "target_date": milestone.target_date,
                "weight": milestone.weight,
                "status": milestone.get_status_display(),
                "progress": milestone.progress,
                "estimated_cost": milestone.estimated_cost,
                "completed_on": milestone.completed_on,
                "overdue": yes_no(milestone.is_overdue(today)),
            }

    return ReportTable(
        name="milestones",
        title=_("Milestones"),
        columns=[
            Column("project", _("Change project")),
            Column("participant", _("Participant")),
            Column("cohort", _("Cohort")),
            Column("horizon", _("Horizon")),
            Column("activity", _("Activity")),
            Column("output", _("Output")),
            Column("responsible", _("Responsible person")),
            Column("start_date", _("Start date"), Kind.DATE),
            Column("target_date", _("Target date"), Kind.DATE),
            Column("weight", _("Weight"), Kind.INTEGER),
            Column("status", _("Status")),
            Column("progress", _("Progress (%)"), Kind.PERCENT),
            Column("estimated_cost", _("Estimated cost"), Kind.RUPIAH),
            Column("completed_on", _("Completed on"), Kind.DATE),
            Column("overdue", _("Overdue")),
        ],
        rows=rows(),
    )


# --- scores ----------------------------------------------------------------------------------------


def _presentation_scope(user) -> Q:
    """Presentations whose scores the user may read: a participant their own only once released."""
    if not user.is_authenticated or user.is_superuser:
        return assessments_access.presentation_scope(user)
    own = Q(enrolment__participant__user=user)
    released = Q(released_at__isnull=False)
    return (
        (assessments_access.presentation_scope(user) & ~own)
        | (own & released)
        | (access.in_reported_province(user, "enrolment__project__agency") & released)
    )


def scores(form: ReportFilterForm) -> ReportTable:
    """One row per score: scorer, indicator and value, for the presentations the reader may see."""
    presentations = Presentation.objects.filter(_presentation_scope(form.user)).values("pk")
    queryset = (
        form.narrow(Score.objects.filter(presentation__in=presentations), "presentation__enrolment__project__")
        .select_related(
            "presentation__session__seminar__cohort__programme",
            "presentation__enrolment__participant__user",
            "presentation__enrolment__project",
            "indicator__component",
            "scorer",
        )
        .order_by(
            "presentation__session__seminar__starts_at",
            "presentation__session__name",
            "presentation__order",
            "scorer__full_name",
            "indicator__component__order",
            "indicator__order",
            "pk",
        )
    )

    def to_row(score) -> dict:
        presentation = score.presentation
        session = presentation.session
        project = getattr(presentation.enrolment, "project", None)
        return {
            "seminar": session.seminar.get_kind_display(),
            "cohort": str(session.seminar.cohort),
            "session": session.name,
            "order": presentation.order,
            "participant": str(presentation.enrolment.participant.user),
            "project": project.title if project else "",
            "component": score.indicator.component.name,
            "indicator": score.indicator.name,
            "scorer": str(score.scorer),
            "role": score.get_role_display(),
            "score": score.value,
            "remark": score.remark,
            "updated_at": score.updated_at,
        }

    return ReportTable(
        name="scores",
        title=_("Seminar scores"),
        columns=[
            Column("seminar", _("Seminar")),
            Column("cohort", _("Cohort")),
            Column("session", _("Session")),
            Column("order", _("Order"), Kind.INTEGER),
            Column("participant", _("Participant")),
            Column("project", _("Change project")),
            Column("component", _("Component")),
            Column("indicator", _("Indicator")),
            Column("scorer", _("Scorer")),
            Column("role", _("Role")),
            Column("score", _("Score"), Kind.DECIMAL),
            Column("remark", _("Remark")),
            Column("updated_at", _("Scored at"), Kind.DATETIME),
        ],
        rows=_stream(queryset, to_row),
    )


# --- feedback --------------------------------------------------------------------------------------


def feedback(form: ReportFilterForm) -> ReportTable:
    """One row per feedback item, with the money of budget feedback."""
    queryset = (
        form.narrow(FeedbackItem.objects.reportable_by(form.user), "project__")
        .select_related(
            "project__enrolment__participant__user",
            "project__enrolment__cohort__programme",
            "given_by",
            "milestone",
            "budget",
        )
        .order_by("due_date", "pk")
    )

    def rows() -> Iterator[dict]:
        today = timezone.localdate()
        for item in queryset.iterator(chunk_size=CHUNK):
            project = item.project
            budget = getattr(item, "budget", None)
            yield {
                "project": project.title,
                "participant": str(project.enrolment.participant.user),
                "cohort": str(project.enrolment.cohort),
                "category": item.get_category_display(),
                "text": item.text,
                "milestone": item.milestone.activity if item.milestone else "",
                "given_by": str(item.given_by),
                "owner": item.owner,
                "due_date": item.due_date,
                "status": item.get_status_display(),
                "overdue": yes_no(item.is_overdue(today)),
                "fiscal_year": budget.fiscal_year if budget else None,
                "source": budget.get_source_display() if budget else "",
                "requested": budget.amount_requested if budget else None,
                "approved": budget.amount_approved if budget else None,
                "realised": budget.amount_realised if budget else None,
                "document": budget.document_reference if budget else "",
                "created_at": item.created_at,
            }

    return ReportTable(
        name="feedback",
        title=_("Feedback items"),
        columns=[
            Column("project", _("Change project")),
            Column("participant", _("Participant")),
            Column("cohort", _("Cohort")),
            Column("category", _("Category")),
            Column("text", _("Feedback")),
            Column("milestone", _("Milestone")),
            Column("given_by", _("Given by")),
            Column("owner", _("Owner")),
            Column("due_date", _("Due date"), Kind.DATE),
            Column("status", _("Status")),
            Column("overdue", _("Overdue")),
            Column("fiscal_year", _("Fiscal year"), Kind.INTEGER),
            Column("source", _("Source")),
            Column("requested", _("Asked for"), Kind.RUPIAH),
            Column("approved", _("Approved"), Kind.RUPIAH),
            Column("realised", _("Realised"), Kind.RUPIAH),
            Column("document", _("Budget document")),
            Column("created_at", _("Given at"), Kind.DATETIME),
        ],
        rows=rows(),
    )


# --- adoptions -------------------------------------------------------------------------------------


def adoptions(form: ReportFilterForm) -> ReportTable:
    """One row per adoption of an innovation by an agency, with the date of each stage.

    As in the rollout report, the area filters choose the adopting agency, and programme, cohort
    and year the innovation's cohort.
    """
    queryset = (
        queries.adoptions(form)
        .select_related(
            "innovation__project__enrolment__cohort__programme",
            "innovation__project__agency",
            "agency__government",
        )
        .order_by("innovation__name", "agency__name", "pk")
    )

    def to_row(adoption) -> dict:
        project = adoption.innovation.project
        return {
            "innovation": adoption.innovation.name,
            "project": project.title,
            "cohort": str(project.enrolment.cohort),
            "origin": project.agency.name,
            "agency": adoption.agency.name,
            "government": str(adoption.agency.government),
            "stage": adoption.get_stage_display(),
            "planned_on": adoption.planned_on,
            "piloting_on": adoption.piloting_on,
            "applied_on": adoption.applied_on,
            "institutionalised_on": adoption.institutionalised_on,
            "contact": adoption.contact_name,
            "phone": adoption.contact_phone,
        }

    return ReportTable(
        name="adoptions",
        title=_("Adoptions"),
        columns=[
            Column("innovation", _("Innovation")),
            Column("project", _("Change project")),
            Column("cohort", _("Cohort")),
            Column("origin", _("Agency of origin")),
            Column("agency", _("Adopting agency")),
            Column("government", _("Regional government")),
            Column("stage", _("Stage")),
            Column("planned_on", _("Planned on"), Kind.DATE),
            Column("piloting_on", _("Piloting since"), Kind.DATE),
            Column("applied_on", _("Applied since"), Kind.DATE),
            Column("institutionalised_on", _("Institutionalised on"), Kind.DATE),
            Column("contact", _("Contact")),
            Column("phone", _("Contact phone")),
        ],
        rows=_stream(queryset, to_row),
    )

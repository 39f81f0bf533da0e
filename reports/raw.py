"""The raw lists behind the reports, as ReportTables whose rows stream from one query each.

Each list starts from what the reader may see (the same scoping as the pages and the API), is
narrowed by the report filters, and is read by its ``RawList`` (reports.rawlists) after
``select_related`` so that the number of queries is the same for ten rows or ten thousand.
"""

from django.utils.translation import gettext_lazy as _

from assessments.models import FeedbackItem, Presentation, Score
from assessments.models.feedback import lines_sum
from diklat.access import among
from projects.models import ChangeProject, Milestone

from . import queries, raw_scope
from .filters import ReportFilterForm
from .rawlists import ColumnSpec, RawList, ValueList, ValueSpec, choice, cohort, person, yes_no
from .tables import Kind, ReportTable


def nip(enrolment, today):
    person = enrolment.participant
    return person.nip_formatted or person.ni_pppk or ""


def overdue(obj, today):
    return yes_no(obj.is_overdue(today))


# --- participants ---------------------------------------------------------------------------------

PARTICIPANTS = RawList(
    name="participants",
    title=_("Participants"),
    columns=(
        ColumnSpec("name", _("Name"), read="participant.user", show=str),
        ColumnSpec("nip", _("NIP / NI PPPK"), read=nip),
        ColumnSpec("rank", _("Rank"), read="participant.rank"),
        ColumnSpec("position", _("Position"), read="participant.position"),
        ColumnSpec("agency", _("Agency"), read="participant.agency.name"),
        ColumnSpec("government", _("Regional government"), read="participant.agency.government", show=str),
        ColumnSpec("cohort", _("Cohort"), show=str),
        ColumnSpec("year", _("Year"), Kind.INTEGER, read="cohort.year"),
        ColumnSpec("enrolment", _("Enrolment"), read="get_status_display()"),
        ColumnSpec("project", _("Change project"), read="project.title"),
        ColumnSpec("project_status", _("Project status"), read="project.get_status_display()"),
    ),
)


def participants(form: ReportFilterForm) -> ReportTable:
    """One row per participant in a cohort, with their project."""
    return PARTICIPANTS.table(
        raw_scope.enrolments(form)
        .select_related("participant__user", "participant__agency__government", "cohort__programme", "project")
        .order_by("-cohort__year", "cohort__programme__order", "cohort__number", "participant__user__full_name", "pk")
    )


# --- projects and milestones ------------------------------------------------------------------------

PROJECTS = RawList(
    name="projects",
    title=_("Change projects"),
    columns=(
        ColumnSpec("title", _("Change project")),
        ColumnSpec("participant", _("Participant"), read="enrolment.participant.user", show=str),
        ColumnSpec("cohort", _("Cohort"), read="enrolment.cohort", show=str),
        ColumnSpec("agency", _("Agency"), read="agency.name"),
        ColumnSpec("government", _("Regional government"), read="agency.government", show=str),
        ColumnSpec("status", _("Status"), read="get_status_display()"),
        ColumnSpec("progress_short", _("Short-term progress (%)"), Kind.PERCENT),
        ColumnSpec("progress_medium", _("Medium-term progress (%)"), Kind.PERCENT),
        ColumnSpec("progress_long", _("Long-term progress (%)"), Kind.PERCENT),
        ColumnSpec("progress_overall", _("Overall progress (%)"), Kind.PERCENT),
        ColumnSpec("has_overdue", _("Overdue milestones"), show=yes_no),
        ColumnSpec("status_changed_at", _("Status changed at"), Kind.DATETIME),
    ),
)


def projects(form: ReportFilterForm) -> ReportTable:
    """One row per change project, with its progress per horizon."""
    return PROJECTS.table(
        form.narrow(ChangeProject.objects.reportable_by(form.user))
        .with_progress()
        .select_related("enrolment__participant__user", "enrolment__cohort__programme", "agency__government")
        .order_by("-enrolment__cohort__year", "enrolment__cohort__number", "enrolment__participant__user__full_name")
    )


def milestone_overdue(status: str, target_date, today) -> str:
    return str(yes_no(status not in (Milestone.Status.DONE, Milestone.Status.CANCELLED) and target_date < today))


# Read as values: the longest list (ten milestones a project), and the one a national export is made of.
MILESTONES = ValueList(
    name="milestones",
    title=_("Milestones"),
    columns=(
        ValueSpec("project", _("Change project"), lookups=("project__title",)),
        person("participant", _("Participant"), "project__enrolment__participant__user"),
        cohort("cohort", _("Cohort"), "project__enrolment__cohort"),
        choice("horizon", _("Horizon"), Milestone.Horizon),
        ValueSpec("activity", _("Activity")),
        ValueSpec("output", _("Output")),
        ValueSpec("responsible", _("Responsible person")),
        ValueSpec("start_date", _("Start date"), Kind.DATE),
        ValueSpec("target_date", _("Target date"), Kind.DATE),
        ValueSpec("weight", _("Weight"), Kind.INTEGER),
        choice("status", _("Status"), Milestone.Status),
        ValueSpec("progress", _("Progress (%)"), Kind.PERCENT),
        ValueSpec("estimated_cost", _("Estimated cost"), Kind.RUPIAH),
        ValueSpec("completed_on", _("Completed on"), Kind.DATE),
        ValueSpec(
            "overdue", _("Overdue"), lookups=("status", "target_date"), show=milestone_overdue, today=True, memo=True
        ),
    ),
)


def milestones(form: ReportFilterForm) -> ReportTable:
    """One row per milestone of the projects in scope."""
    return MILESTONES.table(
        form.narrow(Milestone.objects.reportable_by(form.user), "project__").order_by(
            "project__enrolment__participant__user__full_name", "project", "target_date", "pk"
        )
    )


# --- scores ----------------------------------------------------------------------------------------

SCORES = RawList(
    name="scores",
    title=_("Seminar scores"),
    columns=(
        ColumnSpec("seminar", _("Seminar"), read="presentation.session.seminar.get_kind_display()"),
        ColumnSpec("cohort", _("Cohort"), read="presentation.session.seminar.cohort", show=str),
        ColumnSpec("session", _("Session"), read="presentation.session.name"),
        ColumnSpec("order", _("Order"), Kind.INTEGER, read="presentation.order"),
        ColumnSpec("participant", _("Participant"), read="presentation.enrolment.participant.user", show=str),
        ColumnSpec("project", _("Change project"), read="presentation.enrolment.project.title"),
        ColumnSpec("component", _("Component"), read="indicator.component.name"),
        ColumnSpec("indicator", _("Indicator"), read="indicator.name"),
        ColumnSpec("scorer", _("Scorer"), show=str),
        ColumnSpec("role", _("Role"), read="get_role_display()"),
        ColumnSpec("score", _("Score"), Kind.DECIMAL, read="value"),
        ColumnSpec("remark", _("Remark")),
        ColumnSpec("updated_at", _("Scored at"), Kind.DATETIME),
    ),
)


def scores(form: ReportFilterForm) -> ReportTable:
    """One row per score: scorer, indicator and value, for the presentations the reader may see."""
    presentations = Presentation.objects.filter(raw_scope.presentation_scope(form.user)).values("pk")
    return SCORES.table(
        form.narrow(Score.objects.filter(among("presentation", presentations)), "presentation__enrolment__project__")
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


# --- feedback --------------------------------------------------------------------------------------

FEEDBACK = RawList(
    name="feedback",
    title=_("Feedback items"),
    columns=(
        ColumnSpec("project", _("Change project"), read="project.title"),
        ColumnSpec("participant", _("Participant"), read="project.enrolment.participant.user", show=str),
        ColumnSpec("cohort", _("Cohort"), read="project.enrolment.cohort", show=str),
        ColumnSpec("category", _("Category"), read="get_category_display()"),
        ColumnSpec("text", _("Feedback")),
        ColumnSpec("milestone", _("Milestone"), read="milestone.activity"),
        ColumnSpec("given_by", _("Given by"), show=str),
        ColumnSpec("owner", _("Owner")),
        ColumnSpec("due_date", _("Due date"), Kind.DATE),
        ColumnSpec("status", _("Status"), read="get_status_display()"),
        ColumnSpec("overdue", _("Overdue"), read=overdue),
        ColumnSpec("fiscal_year", _("Fiscal year"), Kind.INTEGER, read="budget.fiscal_year"),
        ColumnSpec("source", _("Source"), read="budget.get_source_display()"),
        ColumnSpec("requested", _("Asked for"), Kind.RUPIAH, read="budget.amount_requested"),
        ColumnSpec("approved", _("Approved"), Kind.RUPIAH, read="budget_approved"),
        ColumnSpec("realised", _("Realised"), Kind.RUPIAH, read="budget_realised"),
        ColumnSpec("document", _("Budget document"), read="budget.document_reference"),
        ColumnSpec("created_at", _("Given at"), Kind.DATETIME),
    ),
)


def feedback(form: ReportFilterForm) -> ReportTable:
    """One row per feedback item, with the money of budget feedback."""
    return FEEDBACK.table(
        form.narrow(FeedbackItem.objects.reportable_by(form.user), "project__")
        .select_related(
            "project__enrolment__participant__user",
            "project__enrolment__cohort__programme",
            "given_by",
            "milestone",
            "budget",
        )
        .annotate(budget_approved=lines_sum("approved", "budget"), budget_realised=lines_sum("realised", "budget"))
        .order_by("due_date", "pk")
    )


# --- adoptions -------------------------------------------------------------------------------------

ADOPTIONS = RawList(
    name="adoptions",
    title=_("Adoptions"),
    columns=(
        ColumnSpec("innovation", _("Innovation"), read="innovation.name"),
        ColumnSpec("project", _("Change project"), read="innovation.project.title"),
        ColumnSpec("cohort", _("Cohort"), read="innovation.project.enrolment.cohort", show=str),
        ColumnSpec("origin", _("Agency of origin"), read="innovation.project.agency.name"),
        ColumnSpec("agency", _("Adopting agency"), read="agency.name"),
        ColumnSpec("government", _("Regional government"), read="agency.government", show=str),
        ColumnSpec("stage", _("Stage"), read="get_stage_display()"),
        ColumnSpec("planned_on", _("Planned on"), Kind.DATE),
        ColumnSpec("piloting_on", _("Piloting since"), Kind.DATE),
        ColumnSpec("applied_on", _("Applied since"), Kind.DATE),
        ColumnSpec("institutionalised_on", _("Institutionalised on"), Kind.DATE),
        ColumnSpec("contact", _("Contact"), read="contact_name"),
        ColumnSpec("phone", _("Contact phone"), read="contact_phone"),
    ),
)


def adoptions(form: ReportFilterForm) -> ReportTable:
    """One row per adoption of an innovation by an agency, with the date of each stage.

    As in the rollout report, the area filters choose the adopting agency, and programme, cohort
    and year the innovation's cohort.
    """
    return ADOPTIONS.table(
        queries.adoptions(form)
        .select_related(
            "innovation__project__enrolment__cohort__programme",
            "innovation__project__agency",
            "agency__government",
        )
        .order_by("innovation__name", "agency__name", "pk")
    )

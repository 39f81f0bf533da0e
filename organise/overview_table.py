"""The cohort overview as a report table, for the CSV and XLSX downloads (reports.exports, reports.xlsx)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat.models import Cohort, Enrolment
from reports.tables import Column, Kind, ReportTable

from .overview import Row

COLUMNS = [
    Column("name", gettext_lazy("Participant")),
    Column("identifier", gettext_lazy("NIP / NI PPPK")),
    Column("agency", gettext_lazy("Agency")),
    Column("enrolment", gettext_lazy("Enrolment")),
    Column("project_status", gettext_lazy("Project status")),
    Column("progress_short", gettext_lazy("Short-term progress (%)"), Kind.PERCENT),
    Column("progress_medium", gettext_lazy("Medium-term progress (%)"), Kind.PERCENT),
    Column("progress_long", gettext_lazy("Long-term progress (%)"), Kind.PERCENT),
    Column("progress_overall", gettext_lazy("Overall progress (%)"), Kind.PERCENT),
    Column("overdue_milestones", gettext_lazy("Overdue milestones"), Kind.INTEGER),
    Column("last_posted", gettext_lazy("Last post"), Kind.DATE),
    Column("days_since_post", gettext_lazy("Days since the last post"), Kind.INTEGER),
    Column("open_feedback", gettext_lazy("Open feedback"), Kind.INTEGER),
    Column("overdue_feedback", gettext_lazy("Overdue feedback"), Kind.INTEGER),
    Column("design_score", gettext_lazy("Design seminar score"), Kind.DECIMAL),
    Column("design_predicate", gettext_lazy("Design seminar predicate")),
    Column("results_score", gettext_lazy("Results seminar score"), Kind.DECIMAL),
    Column("results_predicate", gettext_lazy("Results seminar predicate")),
    Column("flagged", gettext_lazy("Flagged as inactive")),
]


def cells(row: Row) -> dict:
    return {
        "name": row.name,
        "identifier": row.identifier,
        "agency": row.agency,
        "enrolment": str(Enrolment.Status(row.enrolment_status).label),
        "project_status": str(row.project_status_label) or _("No project yet"),
        "progress_short": row.progress_short,
        "progress_medium": row.progress_medium,
        "progress_long": row.progress_long,
        "progress_overall": row.progress_overall,
        "overdue_milestones": row.overdue_milestones,
        "last_posted": row.last_posted,
        "days_since_post": row.days_since_post,
        "open_feedback": row.open_feedback,
        "overdue_feedback": row.overdue_feedback,
        "design_score": row.design.final if row.design else None,
        "design_predicate": row.design.predicate if row.design else "",
        "results_score": row.results.final if row.results else None,
        "results_predicate": row.results.predicate if row.results else "",
        "flagged": _("Yes") if row.flagged else _("No"),
    }


def overview_table(cohort: Cohort, rows: list[Row]) -> ReportTable:
    """The rows as the page lists them (filtered and sorted), every one of them, as a typed table."""
    return ReportTable(
        name=f"overview-{cohort.programme.code}-{cohort.year}-{cohort.number}",
        title=_("Overview"),
        columns=COLUMNS,
        rows=(cells(row) for row in rows),
    )

"""One province on one page: the key figures of every report, each linking to the full report."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..tables import Column, Kind, ReportTable
from . import feedback, progress, rollout, seminars


class InProvince:
    """The reader's filters, further held to one province: its projects, and adoptions by its agencies."""

    def __init__(self, form, province):
        self.form, self.user, self.province = form, form.user, province

    @property
    def area_within_scope(self) -> bool:
        return self.form.area_within_scope  # this province lies inside the form's area

    def narrow_origin(self, queryset, p: str = ""):
        return self.form.narrow_origin(queryset, p)

    def in_area(self, agency: str) -> Q:
        here = Q(**{f"{agency}__government": self.province}) | Q(**{f"{agency}__government__parent": self.province})
        area = self.form.in_area(agency)
        return here if area is None else area & here

    def government_in_area(self, government: str) -> Q:
        here = Q(**{government: self.province}) | Q(**{f"{government}__parent": self.province})
        area = self.form.government_in_area(government)
        return here if area is None else area & here

    def narrow(self, queryset, p: str = ""):
        return self.narrow_origin(queryset, p).filter(self.in_area(f"{p}agency"))


@dataclass
class Figure:
    key: str
    label: str
    value: object
    kind: Kind
    report: str  # the full report it comes from: progress, seminars, feedback or rollout
    note: str = ""


@dataclass
class Dashboard:
    province: object
    figures: list[Figure] = field(default_factory=list)
    projects_by_status: ReportTable | None = None
    predicates: ReportTable | None = None
    milestones: ReportTable | None = None
    unrealised: ReportTable | None = None  # the largest unrealised budget feedback first

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


UNREALISED_ROWS = 10


def dashboard(form, province) -> Dashboard:
    """The key figures of one province: a fixed number of queries whatever its size."""
    scoped = InProvince(form, province)
    statuses = progress.projects_by_status(scoped)
    horizons = progress.milestones_by_horizon(scoped)
    feedback_counts = feedback.open_and_overdue(scoped)
    rollout_totals = rollout.coverage_totals(scoped)
    projects_total = sum(row["count"] for row in statuses.rows)
    overdue_milestones = sum(row["overdue"] for row in horizons.rows)
    progress_figure = progress.overall_progress(scoped)
    unrealised = feedback.unrealised_total(scoped)
    figures = [
        Figure("projects", _("Change projects"), projects_total, Kind.INTEGER, "progress"),
        Figure("progress", _("Overall milestone progress"), progress_figure, Kind.PERCENT, "progress"),
        Figure("overdue_milestones", _("Overdue milestones"), overdue_milestones, Kind.INTEGER, "progress"),
        Figure("open_feedback", _("Open feedback items"), feedback_counts["open"], Kind.INTEGER, "feedback"),
        Figure("overdue_feedback", _("Overdue feedback items"), feedback_counts["overdue"], Kind.INTEGER, "feedback"),
        Figure("unrealised", _("Budget feedback still unrealised"), unrealised, Kind.RUPIAH, "feedback"),
        Figure("innovations", _("Innovations"), rollout_totals["innovations"], Kind.INTEGER, "rollout"),
        Figure(
            "applied_innovations",
            _("Innovations at the applied stage"),
            rollout_totals["applied_innovations"],
            Kind.INTEGER,
            "rollout",
        ),
        Figure(
            "applied_adoptions",
            _("Adoptions applied or beyond"),
            rollout_totals["applied_adoptions"],
            Kind.INTEGER,
            "rollout",
        ),
        Figure(
            "coverage",
            _("Coverage of rollout plans"),
            rollout_totals["coverage"],
            Kind.PERCENT,
            "rollout",
            note=_("%(covered)s of %(targets)s targets") % rollout_totals,
        ),
    ]
    return Dashboard(
        province=province,
        figures=figures,
        projects_by_status=statuses,
        predicates=_predicate_totals(seminars.predicates(scoped)),
        milestones=horizons,
        unrealised=feedback.unrealised_budget(scoped, limit=UNREALISED_ROWS),
    )


def _predicate_totals(table: ReportTable) -> ReportTable:
    """The predicates of every cohort and seminar added up per seminar and predicate."""
    totals: dict[tuple, int] = {}
    for row in table.rows:
        key = (row["seminar"], row["predicate"])
        totals[key] = totals.get(key, 0) + row["count"]
    return ReportTable(
        name="province-predicates",
        title=_("Seminar predicates"),
        columns=[
            Column("seminar", _("Seminar")),
            Column("predicate", _("Predicate")),
            Column("count", _("Participants"), Kind.INTEGER),
        ],
        rows=[{"seminar": s, "predicate": p, "count": n} for (s, p), n in totals.items()],
    )

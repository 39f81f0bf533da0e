"""Rollout: which agency adopted which innovation, coverage of each plan, per agency and province, over time.

Coverage of an innovation's plan = its targets covered by an adoption at "applied" or beyond
(the target agency adopted it, or an agency of the target regional government did) / targets.

Which filter selects what, in every figure here:
- programme, cohort and year choose the innovations by the cohort of their change project;
- province, regional government and agency choose the adopting agency: an adoption counts for
  a province when the adopting agency is of the province or of one of its regencies and cities,
  wherever the innovation comes from (provincial staff held to their province: their province).
With an area chosen, the innovations listed are those that come from it or are adopted in it,
and their figures count only what lies inside it: adopters in the area; targets in the area
(a target agency in the area, or a target government that is the area or inside it) and of
those, the ones covered.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext_lazy as _

from rollout.models import Adoption, Innovation, RolloutTarget

from ..tables import Column, Kind, ReportTable
from . import adoptions, count_of, innovations, memo, percent

APPLIED = Q(stage__in=Adoption.APPLIED_OR_BEYOND)


def covered_targets():
    """Targets of the outer innovation that an adoption at "applied" or beyond covers."""
    applied = Adoption.objects.filter(APPLIED, innovation=OuterRef("innovation"))
    return RolloutTarget.objects.filter(
        Q(agency__isnull=False) & Q(Exists(applied.filter(agency=OuterRef("agency"))))
        | Q(government__isnull=False) & Q(Exists(applied.filter(agency__government=OuterRef("government"))))
    )


def _innovation_figures(form):
    def compute():
        adopter_in_area = form.in_area("agency")
        if adopter_in_area is None:
            adopter_in_area = targets_in_area = Q()
        else:
            targets_in_area = Q(agency__isnull=False) & adopter_in_area | Q(government__isnull=False) & (
                form.government_in_area("government")
            )
        return list(
            innovations(form)
            .annotate(
                target_count=count_of(RolloutTarget.objects.filter(targets_in_area), "innovation"),
                covered_count=count_of(covered_targets().filter(targets_in_area), "innovation"),
                applied_count=count_of(Adoption.objects.filter(APPLIED, adopter_in_area), "innovation"),
                adopter_count=count_of(Adoption.objects.filter(adopter_in_area), "innovation"),
            )
            .values(
                "pk",
                "name",
                "stage",
                "project__agency__name",
                "project__agency__government__name",
                "target_count",
                "covered_count",
                "applied_count",
                "adopter_count",
            )
            .order_by("name", "pk")
        )

    return memo(form, "rollout.innovations", compute)


def coverage_by_innovation(form) -> ReportTable:
    """Per innovation: targets, targets covered, coverage, adopters at "applied" or beyond, all adopters."""
    stages = dict(_innovation_stages())
    rows = [
        {
            "innovation": row["name"],
            "stage": stages[row["stage"]],
            "agency": row["project__agency__name"],
            "targets": row["target_count"],
            "covered": row["covered_count"],
            "coverage": percent(row["covered_count"], row["target_count"]),
            "applied": row["applied_count"],
            "adopters": row["adopter_count"],
        }
        for row in _innovation_figures(form)
    ]
    return ReportTable(
        name="rollout-coverage-by-innovation",
        phone=("innovation", "covered", "coverage"),
        title=_("Coverage per innovation"),
        columns=[
            Column("innovation", _("Innovation")),
            Column("stage", _("Maturity")),
            Column("agency", _("Agency of origin")),
            Column("targets", _("Targets"), Kind.INTEGER),
            Column("covered", _("Targets covered"), Kind.INTEGER),
            Column("coverage", _("Coverage"), Kind.PERCENT),
            Column("applied", _("Adopters applying it"), Kind.INTEGER),
            Column("adopters", _("All adopters"), Kind.INTEGER),
        ],
        rows=rows,
        note=_(
            "Coverage = targets reached by an adopter at the applied stage or beyond / targets. With a "
            "province, regional government or agency chosen, the list holds the innovations that come from it "
            "or are adopted in it, and counts only adopters in it and targets in it: a target agency in it, or "
            "a target regional government that is it or lies in it."
        ),
    )


def _innovation_stages():
    return Innovation.Stage.choices


def coverage_totals(form) -> dict:
    """Summed over the innovations in scope: targets, covered targets, their share, applied adoptions."""
    figures = _innovation_figures(form)
    targets = sum(row["target_count"] for row in figures)
    covered = sum(row["covered_count"] for row in figures)
    return {
        "innovations": len(figures),
        "applied_innovations": sum(1 for row in figures if row["stage"] == "applied"),
        "targets": targets,
        "covered": covered,
        "coverage": percent(covered, targets),
        "applied_adoptions": sum(row["applied_count"] for row in figures),
        "adoptions": sum(row["adopter_count"] for row in figures),
    }


MATRIX_COLUMNS = 12  # innovations on the page; the export has every one


def matrix(form, top: int | None = MATRIX_COLUMNS) -> ReportTable:
    """Adopting agencies × the most adopted innovations in scope, each cell the adoption's stage (blank: not adopted).

    A national scope holds thousands of innovations and agencies: the page shows the ``top`` most
    adopted (in name order), the export (``full_matrix``) all of them.
    """
    figures = _innovation_figures(form)
    chosen = figures if top is None else sorted(figures, key=lambda row: -row["adopter_count"])[:top]
    columns_of = sorted(((row["pk"], row["name"]) for row in chosen), key=lambda column: (column[1], column[0]))
    keys = {pk: f"innovation_{pk}" for pk, _name in columns_of}
    stages = dict(Adoption.Stage.choices)
    cells = (
        adoptions(form)
        .filter(innovation__in=list(keys))
        .values("agency_id", "agency__name", "agency__government__name", "innovation_id", "stage")
        .order_by("agency__government__code", "agency__name", "agency_id")
    )
    rows = {}
    for cell in cells:
        row = rows.setdefault(
            cell["agency_id"],
            {"agency": cell["agency__name"], "government": cell["agency__government__name"], "applied": 0},
        )
        row[keys[cell["innovation_id"]]] = stages[cell["stage"]]
        row["applied"] += cell["stage"] in Adoption.APPLIED_OR_BEYOND
    note = ""
    if len(chosen) < len(figures):
        note = _("The %(shown)s most adopted of %(all)s innovations; the download has them all.") % {
            "shown": len(chosen),
            "all": len(figures),
        }
    return ReportTable(
        name="rollout-matrix",
        title=_("Agencies and the innovations they adopted"),
        note=note,
        columns=[
            Column("agency", _("Agency")),
            Column("government", _("Regional government")),
            *[Column(keys[pk], name) for pk, name in columns_of],
            Column("applied", _("Applied or beyond"), Kind.INTEGER),
        ],
        rows=list(rows.values()),
    )


def full_matrix(form) -> ReportTable:
    """The matrix with every innovation in scope: for the export and the API."""
    return matrix(form, top=None)


def coverage_by_agency(form) -> ReportTable:
    """Per adopting agency: innovations it applies (or has institutionalised), and all it adopted."""
    grouped = (
        adoptions(form)
        .order_by()
        .values("agency_id", "agency__name", "agency__government__name", "agency__government__code")
        .annotate(applied=Count("pk", filter=APPLIED), adopted=Count("pk"))
        .order_by("-applied", "agency__government__code", "agency__name")
    )
    rows = [
        {
            "agency": row["agency__name"],
            "government": row["agency__government__name"],
            "applied": row["applied"],
            "adopted": row["adopted"],
        }
        for row in grouped
    ]
    return ReportTable(
        name="rollout-coverage-by-agency",
        title=_("Innovations adopted per agency"),
        columns=[
            Column("agency", _("Agency")),
            Column("government", _("Regional government")),
            Column("applied", _("Innovations applied"), Kind.INTEGER),
            Column("adopted", _("Innovations adopted (any stage)"), Kind.INTEGER),
        ],
        rows=rows,
    )


def coverage_by_province(form) -> ReportTable:
    """Per province of the adopting agency: adoptions applied or beyond, agencies and innovations behind them."""
    grouped = (
        adoptions(form)
        .filter(APPLIED)
        .annotate(
            province_code=Coalesce("agency__government__parent__code", "agency__government__code"),
            province_name=Coalesce("agency__government__parent__name", "agency__government__name"),
        )
        .order_by()
        .values("province_code", "province_name")
        .annotate(
            applied=Count("pk"),
            agencies=Count("agency", distinct=True),
            innovations=Count("innovation", distinct=True),
        )
        .order_by("province_code")
    )
    rows = [
        {
            "province": row["province_name"],
            "code": row["province_code"],
            "applied": row["applied"],
            "agencies": row["agencies"],
            "innovations": row["innovations"],
        }
        for row in grouped
    ]
    return ReportTable(
        name="rollout-coverage-by-province",
        phone=("province", "applied", "agencies"),
        title=_("Adoptions per province"),
        columns=[
            Column("province", _("Province")),
            Column("code", _("Code")),
            Column("applied", _("Adoptions applied"), Kind.INTEGER),
            Column("agencies", _("Agencies applying"), Kind.INTEGER),
            Column("innovations", _("Innovations applied"), Kind.INTEGER),
        ],
        rows=rows,
    )


def adoptions_over_time(form) -> ReportTable:
    """Per month: adoptions that reached "applied" (by their applied date), and the running total."""
    counts = dict(
        adoptions(form)
        .filter(APPLIED)
        .annotate(month=TruncMonth("applied_on"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    rows, running = [], 0
    if counts:
        month, last = min(counts), max(counts)
        while month <= last:
            running += counts.get(month, 0)
            rows.append({"month": month, "applied": counts.get(month, 0), "cumulative": running})
            month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return ReportTable(
        name="rollout-adoptions-over-time",
        title=_("Adoptions applied over time"),
        columns=[
            Column("month", _("Month"), Kind.MONTH),
            Column("applied", _("Adoptions applied"), Kind.INTEGER),
            Column("cumulative", _("Cumulative"), Kind.INTEGER),
        ],
        rows=rows,
    )

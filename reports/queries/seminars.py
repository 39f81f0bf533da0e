"""Seminar results: score distribution, predicates, innovation vs routine, and each examiner's scoring.

Scorers combine per presentation in SQL by the rule set's scoring policy, with the predicate
from the rule set's band table (``assessments.combined``, the rules of ``assessments.results``):
one row per presentation in scope leaves the database, and one per examiner.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from assessments.combined import combined, examiner_figures
from assessments.models import Classification, PredicateBand, SeminarKind
from diklat.models import Cohort

from ..tables import Column, Kind, ReportTable
from . import cohort_label, count_of, memo, percent, presentations

# Histogram bands of the combined score, (above, up_to] like the seeded predicate bands.
SCORE_BANDS = [
    ("band_60", "≤ 60", None, Decimal(60)),
    ("band_70", "> 60–70", Decimal(60), Decimal(70)),
    ("band_80", "> 70–80", Decimal(70), Decimal(80)),
    ("band_90", "> 80–90", Decimal(80), Decimal(90)),
    ("band_100", "> 90", Decimal(90), None),
]
COHORT = "session__seminar__cohort"


@dataclass
class Outcome:
    """One presentation's combined result."""

    cohort_id: int
    cohort: str
    cohort_order: tuple
    kind: str
    final: Decimal | None
    predicate: str
    predicate_rank: int


def _score_band(score: Decimal) -> str:
    for key, _label, above, up_to in SCORE_BANDS:
        if (above is None or score > above) and (up_to is None or score <= up_to):
            return key
    raise AssertionError("bands cover every score")


def outcomes(form) -> list[Outcome]:
    """Every presentation in scope with its combined score and predicate: three queries in all."""
    return memo(form, "seminars.outcomes", lambda: _outcomes(form))


def _outcomes(form) -> list[Outcome]:
    results = combined(presentations(form))
    cohorts = {
        cohort.pk: cohort
        for cohort in Cohort.objects.filter(pk__in={r.cohort_id for r in results}).select_related("programme")
    }
    bands = defaultdict(list)
    for band in PredicateBand.objects.all():
        bands[band.rule_set_id].append(band)
    rank, names = {}, {}
    for rule_set_bands in bands.values():
        rule_set_bands.sort(key=lambda b: (b.up_to is None, b.up_to or 0), reverse=True)
        for index, band in enumerate(rule_set_bands):
            rank[band.pk], names[band.pk] = index, band.name
    outcomes = []
    for result in results:
        cohort = cohorts[result.cohort_id]
        outcomes.append(
            Outcome(
                cohort_id=cohort.pk,
                cohort=cohort_label(cohort.programme.name, cohort.number, cohort.year),
                cohort_order=(-cohort.year, cohort.programme.order, cohort.number),
                kind=result.kind,
                final=result.final,
                predicate=names.get(result.band_id, ""),
                predicate_rank=rank.get(result.band_id, len(bands.get(cohort.rule_set_id, []))),
            )
        )
    outcomes.sort(key=lambda o: o.cohort_order)
    return outcomes


def score_distribution(form) -> ReportTable:
    """Per seminar kind: how many combined scores fall in each band, and how many are not scored yet."""
    counts = {
        kind: dict.fromkeys([key for key, *_rest in SCORE_BANDS] + ["unscored", "total"], 0)
        for kind in SeminarKind.values
    }
    for outcome in outcomes(form):
        figures = counts[outcome.kind]
        figures["total"] += 1
        figures["unscored" if outcome.final is None else _score_band(outcome.final)] += 1
    rows = [{"kind": label, "kind_code": value, **counts[value]} for value, label in SeminarKind.choices]
    return ReportTable(
        name="seminars-score-distribution",
        phone=("kind", "total", "unscored"),
        title=_("Distribution of combined scores"),
        columns=[
            Column("kind", _("Seminar")),
            *[Column(key, label, Kind.INTEGER) for key, label, *_rest in SCORE_BANDS],
            Column("unscored", _("Not fully scored"), Kind.INTEGER),
            Column("total", _("Presentations scored"), Kind.INTEGER),
        ],
        rows=rows,
    )


def predicates(form) -> ReportTable:
    """Per cohort and seminar: how many participants earned each predicate."""
    groups = {}
    for outcome in outcomes(form):
        if outcome.final is None:
            continue
        key = (outcome.cohort_order, outcome.cohort, outcome.kind, outcome.predicate_rank, outcome.predicate)
        groups[key] = groups.get(key, 0) + 1
    totals = defaultdict(int)
    for (order, _cohort, kind, _rank, _predicate), count in groups.items():
        totals[(order, kind)] += count
    kinds = dict(SeminarKind.choices)
    rows = [
        {
            "cohort": cohort,
            "seminar": kinds[kind],
            "predicate": predicate or _("No band"),
            "count": count,
            "share": percent(count, totals[(order, kind)]),
        }
        for (order, cohort, kind, _rank, predicate), count in sorted(groups.items(), key=lambda item: item[0][:4])
    ]
    return ReportTable(
        name="seminars-predicates",
        phone=("cohort", "predicate", "count"),
        title=_("Predicates per cohort"),
        columns=[
            Column("cohort", _("Cohort")),
            Column("seminar", _("Seminar")),
            Column("predicate", _("Predicate")),
            Column("count", _("Participants"), Kind.INTEGER),
            Column("share", _("Share"), Kind.PERCENT),
        ],
        rows=rows,
    )


def innovation_share(form) -> ReportTable:
    """Per cohort and seminar: presentations the examiners' majority calls an innovation, or routine work."""
    votes = presentations(form).annotate(
        innovation_votes=count_of(Classification.objects.filter(verdict="innovation"), "presentation"),
        routine_votes=count_of(Classification.objects.filter(verdict="routine"), "presentation"),
    )
    grouped = (
        votes.order_by()
        .values(
            f"{COHORT}_id",
            f"{COHORT}__programme__name",
            f"{COHORT}__programme__order",
            f"{COHORT}__number",
            f"{COHORT}__year",
            "session__seminar__kind",
        )
        .annotate(
            innovation=Count("pk", filter=Q(innovation_votes__gt=F("routine_votes"))),
            routine=Count("pk", filter=Q(routine_votes__gt=F("innovation_votes"))),
            tied=Count("pk", filter=Q(innovation_votes=F("routine_votes"), innovation_votes__gt=0)),
            unclassified=Count("pk", filter=Q(innovation_votes=0, routine_votes=0)),
        )
        .order_by(f"-{COHORT}__year", f"{COHORT}__programme__order", f"{COHORT}__number", "session__seminar__kind")
    )
    kinds = dict(SeminarKind.choices)
    rows = [
        {
            "cohort": cohort_label(row[f"{COHORT}__programme__name"], row[f"{COHORT}__number"], row[f"{COHORT}__year"]),
            "seminar": kinds[row["session__seminar__kind"]],
            "innovation": row["innovation"],
            "routine": row["routine"],
            "tied": row["tied"],
            "unclassified": row["unclassified"],
            "share": percent(row["innovation"], row["innovation"] + row["routine"] + row["tied"]),
        }
        for row in grouped
    ]
    return ReportTable(
        name="seminars-innovation-share",
        phone=("cohort", "innovation", "share"),
        title=_("Innovation or routine work"),
        columns=[
            Column("cohort", _("Cohort")),
            Column("seminar", _("Seminar")),
            Column("innovation", _("Innovation"), Kind.INTEGER),
            Column("routine", _("Routine work"), Kind.INTEGER),
            Column("tied", _("Examiners split"), Kind.INTEGER),
            Column("unclassified", _("Not classified"), Kind.INTEGER),
            Column("share", _("Innovation share"), Kind.PERCENT),
        ],
        rows=rows,
    )


def by_examiner(form) -> ReportTable:
    """Per examiner: presentations fully scored, and the mean, lowest and highest of their totals."""
    rows = [
        {
            "examiner": examiner.name,
            "scored": examiner.scored,
            "mean": examiner.mean,
            "min": examiner.lowest,
            "max": examiner.highest,
        }
        for examiner in sorted(examiner_figures(presentations(form)), key=lambda e: e.name)
    ]
    return ReportTable(
        name="seminars-by-examiner",
        phone=("examiner", "scored", "mean"),
        title=_("Scores per examiner"),
        columns=[
            Column("examiner", _("Examiner")),
            Column("scored", _("Presentations scored"), Kind.INTEGER),
            Column("mean", _("Mean total"), Kind.DECIMAL),
            Column("min", _("Lowest"), Kind.DECIMAL),
            Column("max", _("Highest"), Kind.DECIMAL),
        ],
        rows=rows,
    )

"""Seminar results: score distribution, predicates, innovation vs routine, and each examiner's scoring.

The per-scorer totals are summed in SQL (one query for every presentation in scope); they
combine per presentation by the rule set's scoring policy and take the predicate from the rule
set's band table in one pass, exactly as ``assessments.results`` does for one session.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from assessments.models import Classification, PredicateBand, RubricIndicator, Score, ScoringPolicy, SeminarKind
from assessments.results import ScorerTotal, band_for, combine, quantize
from diklat.access import among

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


@dataclass
class Scoring:
    outcomes: list[Outcome]
    examiners: dict  # scorer id → {"name": str, "totals": [Decimal]} (complete scorings only)


def _score_band(score: Decimal) -> str:
    for key, _label, above, up_to in SCORE_BANDS:
        if (above is None or score > above) and (up_to is None or score <= up_to):
            return key
    raise AssertionError("bands cover every score")


def scoring(form) -> Scoring:
    """Every presentation in scope with its combined score and predicate: four queries in all."""
    return memo(form, "seminars.scoring", lambda: _scoring(form))


def _scoring(form) -> Scoring:
    weighted = ExpressionWrapper(
        F("value") * F("indicator__weight") / Decimal(100), output_field=DecimalField(max_digits=12, decimal_places=6)
    )
    p = "presentation__"
    rows = (
        # The scope's presentations first (an ARRAY), then their scores by index: under IN the planner
        # joined every score of the country before applying the scope.
        Score.objects.filter(among("presentation", presentations(form).values("pk")))
        .order_by()
        .values(
            "presentation_id",
            "scorer_id",
            "scorer__full_name",
            "scorer__username",
            "role",
            f"{p}session__seminar__kind",
            f"{p}session__seminar__rubric_id",
            f"{p}session__seminar__rubric__rule_set_id",
            f"{p}{COHORT}_id",
            f"{p}{COHORT}__programme__name",
            f"{p}{COHORT}__programme__order",
            f"{p}{COHORT}__number",
            f"{p}{COHORT}__year",
        )
        .annotate(total=Sum(weighted), scored=Count("pk"))
    )
    indicator_counts = dict(RubricIndicator.objects.order_by().values_list("component__rubric").annotate(n=Count("pk")))
    policies = {policy.rule_set_id: policy for policy in ScoringPolicy.objects.all()}
    bands = defaultdict(list)
    for band in PredicateBand.objects.all():
        bands[band.rule_set_id].append(band)
    for rule_set_bands in bands.values():
        rule_set_bands.sort(key=lambda b: (b.up_to is None, b.up_to or 0), reverse=True)

    scorers, meta = defaultdict(list), {}
    examiners = {}
    for row in rows:
        complete = row["scored"] == indicator_counts.get(row[f"{p}session__seminar__rubric_id"])
        total = quantize(Decimal(row["total"]))
        scorers[row["presentation_id"]].append(
            ScorerTotal(
                scorer_id=row["scorer_id"],
                scorer_name=row["scorer__full_name"] or row["scorer__username"],
                role=row["role"],
                total=total,
                scored=row["scored"],
                complete=complete,
            )
        )
        meta[row["presentation_id"]] = row
        if complete and row["role"] == "examiner":
            entry = examiners.setdefault(
                row["scorer_id"], {"name": row["scorer__full_name"] or row["scorer__username"], "totals": []}
            )
            entry["totals"].append(total)

    outcomes = []
    for presentation_id, totals in scorers.items():
        row = meta[presentation_id]
        rule_set_id = row[f"{p}session__seminar__rubric__rule_set_id"]
        programme, number, year = (row[f"{p}{COHORT}__{key}"] for key in ("programme__name", "number", "year"))
        policy = policies.get(rule_set_id) or ScoringPolicy(rule_set_id=rule_set_id)
        final = combine(totals, policy)
        ordered_bands = bands.get(rule_set_id, [])
        band = band_for(ordered_bands, final) if final is not None else None
        outcomes.append(
            Outcome(
                cohort_id=row[f"{p}{COHORT}_id"],
                cohort=cohort_label(
                    row[f"{p}{COHORT}__programme__name"], row[f"{p}{COHORT}__number"], row[f"{p}{COHORT}__year"]
                ),
                cohort_order=(
                    -row[f"{p}{COHORT}__year"],
                    row[f"{p}{COHORT}__programme__order"],
                    row[f"{p}{COHORT}__number"],
                ),
                kind=row[f"{p}session__seminar__kind"],
                final=final,
                predicate=band.name if band else "",
                predicate_rank=ordered_bands.index(band) if band else len(ordered_bands),
            )
        )
    outcomes.sort(key=lambda o: o.cohort_order)
    return Scoring(outcomes=outcomes, examiners=examiners)


def score_distribution(form) -> ReportTable:
    """Per seminar kind: how many combined scores fall in each band, and how many are not scored yet."""
    counts = {
        kind: dict.fromkeys([key for key, *_rest in SCORE_BANDS] + ["unscored", "total"], 0)
        for kind in SeminarKind.values
    }
    for outcome in scoring(form).outcomes:
        figures = counts[outcome.kind]
        figures["total"] += 1
        figures["unscored" if outcome.final is None else _score_band(outcome.final)] += 1
    rows = [{"kind": label, "kind_code": value, **counts[value]} for value, label in SeminarKind.choices]
    return ReportTable(
        name="seminars-score-distribution",
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
    for outcome in scoring(form).outcomes:
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
    examiners = scoring(form).examiners
    rows = [
        {
            "examiner": entry["name"],
            "scored": len(entry["totals"]),
            "mean": quantize(Decimal(mean(entry["totals"]))),
            "min": min(entry["totals"]),
            "max": max(entry["totals"]),
        }
        for entry in sorted(examiners.values(), key=lambda e: e["name"])
    ]
    return ReportTable(
        name="seminars-by-examiner",
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

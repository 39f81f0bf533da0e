"""Seminar results: per-scorer totals in SQL, combined per participant in one pass.

Total of one scorer = Σ(indicator score / 100 × indicator weight). How the scorers of one
participant combine is the rule set's ScoringPolicy (a setting, not code); the predicate
comes from the rule set's band table.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum

from people.models import User

from .models import PredicateBand, Presentation, RubricIndicator, Score, ScoringPolicy, SessionAbsence

TWO_PLACES = Decimal("0.01")


def quantize(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class ScorerTotal:
    scorer_id: int
    scorer_name: str
    role: str
    total: Decimal
    scored: int
    complete: bool


@dataclass
class Result:
    presentation_id: int
    scorers: list[ScorerTotal] = field(default_factory=list)
    final: Decimal | None = None
    predicate: str = ""
    passing: bool | None = None
    spread: Decimal | None = None
    flagged: bool = False

    @property
    def complete_scorers(self) -> list[ScorerTotal]:
        return [s for s in self.scorers if s.complete]


def band_for(bands: list[PredicateBand], score: Decimal) -> PredicateBand | None:
    """The band holding the score: (above, up_to]; the same rule as PredicateBand.objects.for_score."""
    for band in bands:
        if (band.above is None or score > band.above) and (band.up_to is None or score <= band.up_to):
            return band
    return None


def combine(totals: list[ScorerTotal], policy: ScoringPolicy) -> Decimal | None:
    """Combine the complete scorers' totals as the policy says; None when nobody counts yet."""
    by_role: dict[str, list[Decimal]] = defaultdict(list)
    for scorer in totals:
        if scorer.complete:
            by_role[scorer.role].append(scorer.total)
    if policy.method == ScoringPolicy.Method.MEAN_OF_EXAMINERS:
        values = by_role.get("examiner", [])
        return quantize(sum(values) / len(values)) if values else None
    if policy.method == ScoringPolicy.Method.MEAN_OF_ALL:
        values = [v for role_values in by_role.values() for v in role_values]
        return quantize(sum(values) / len(values)) if values else None
    weighted, weights = Decimal(0), 0
    for role, values in by_role.items():
        weight = policy.weight_of(role)
        if weight and values:
            weighted += Decimal(weight) * sum(values) / len(values)
            weights += weight
    return quantize(weighted / weights) if weights else None


def results_for(presentations) -> dict[int, Result]:
    """Compute the results of many presentations of one rubric and rule set, in five queries.

    The absences are a subquery of the scores' query: a participant recorded as not presenting has
    no result, and a member recorded absent no sheet.
    """
    presentations = list(presentations)
    if not presentations:
        return {}
    session = presentations[0].session
    rubric = session.seminar.rubric
    rule_set_id = rubric.rule_set_id
    policy = ScoringPolicy.objects.filter(rule_set_id=rule_set_id).first() or ScoringPolicy(rule_set_id=rule_set_id)
    bands = sorted(
        PredicateBand.objects.filter(rule_set_id=rule_set_id),
        key=lambda b: (b.up_to is None, b.up_to or 0),
        reverse=True,
    )
    indicator_count = RubricIndicator.objects.filter(component__rubric=rubric).count()
    weighted = ExpressionWrapper(
        F("value") * F("indicator__weight") / Decimal(100), output_field=DecimalField(max_digits=12, decimal_places=6)
    )
    # Only the scores' own table is grouped: joining presentations or users here made PostgreSQL hash all
    # of them (98,200 and 59,000 rows at national scale) for one session's 900 scores. Names come after.
    rows = list(
        _counted(Score.objects.filter(presentation__in=[p.pk for p in presentations]))
        .values("presentation_id", "scorer_id", "role")
        .annotate(total=Sum(weighted), scored=Count("pk"))
        .order_by()
    )
    names = {
        pk: full_name or username
        for pk, full_name, username in User.objects.filter(pk__in={row["scorer_id"] for row in rows}).values_list(
            "pk", "full_name", "username"
        )
    }
    rows.sort(key=lambda row: (row["presentation_id"], row["role"], names[row["scorer_id"]]))
    results = {p.pk: Result(presentation_id=p.pk) for p in presentations}
    for row in rows:
        results[row["presentation_id"]].scorers.append(
            ScorerTotal(
                scorer_id=row["scorer_id"],
                scorer_name=names[row["scorer_id"]],
                role=row["role"],
                total=quantize(Decimal(row["total"])),
                scored=row["scored"],
                complete=row["scored"] == indicator_count,
            )
        )
    for result in results.values():
        result.final = combine(result.scorers, policy)
        complete = [s.total for s in result.complete_scorers]
        if len(complete) >= 2:
            result.spread = max(complete) - min(complete)
            result.flagged = result.spread > policy.max_spread
        if result.final is not None:
            band = band_for(bands, result.final)
            if band:
                result.predicate, result.passing = band.name, band.passing
    return results


def _counted(scores):
    """The scores that count: not for a participant recorded as not presenting, nor by a member recorded absent.

    The services refuse such a score; this keeps a result right for one saved before the rule.
    """
    session_of_score = Presentation.objects.filter(pk=OuterRef(OuterRef("presentation_id"))).values("session_id")
    absent = SessionAbsence.objects.filter(
        Q(presentation_id=OuterRef("presentation_id")) | Q(presentation__isnull=True, session_id__in=session_of_score),
        kind=SessionAbsence.Kind.MEMBER,
        member_id=OuterRef("scorer_id"),
    )
    no_show = SessionAbsence.objects.filter(
        kind=SessionAbsence.Kind.PARTICIPANT, presentation_id=OuterRef("presentation_id")
    )
    return scores.exclude(Exists(absent)).exclude(Exists(no_show))


def session_results(session) -> list[tuple[Presentation, Result]]:
    """Every presentation of a session in order, with its result."""
    presentations = list(
        session.presentations.select_related("enrolment__participant__user", "enrolment__project").order_by("order")
    )
    for presentation in presentations:
        presentation.session = session
    results = results_for(presentations)
    return [(p, results[p.pk]) for p in presentations]

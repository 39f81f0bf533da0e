"""Seminar results of many presentations at once, combined in SQL by each rule set's scoring policy.

The rules are those of ``assessments.results``, which combines one session's scorers in Python
for the session page: a scorer counts once they have scored every indicator of the rubric, their
total is rounded to two places (half up), the policy combines the counted totals and rounds again,
and the predicate is the rule set's band holding the result, (above, up_to]. Reports use this
module, where the scope can be a whole country: one row per presentation leaves the database
instead of one per presentation and scorer.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum

from diklat.access import among
from people.models import User

from .models import (
    PredicateBand,
    Presentation,
    Rubric,
    RubricComponent,
    RubricIndicator,
    Score,
    ScoringPolicy,
    Seminar,
    SeminarSession,
)
from .results import quantize

# SQLite does this arithmetic in binary floating point, where 82.275 is 82.27499…: nudging by far
# less than a cent before rounding gives the half-up result that PostgreSQL's exact numerics give.
FLOAT_NUDGE = "0.000000001"


@dataclass(frozen=True)
class Combined:
    presentation_id: int
    cohort_id: int
    kind: str
    final: Decimal | None
    band_id: int | None


@dataclass(frozen=True)
class ExaminerFigures:
    scorer_id: int
    name: str
    scored: int
    mean: Decimal
    lowest: Decimal
    highest: Decimal


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rounded(expression: str) -> str:
    if connection.vendor == "sqlite":
        return f"ROUND(({expression}) + {FLOAT_NUDGE}, 2)"
    return f"ROUND({expression}, 2)"


def _scorer_totals(presentations) -> tuple[str, tuple]:
    """Each scorer's unrounded total and number of indicators scored, per presentation in scope."""
    weighted = ExpressionWrapper(
        F("value") * F("indicator__weight") / Decimal(100), output_field=DecimalField(max_digits=12, decimal_places=6)
    )
    # The scope's presentations as an ARRAY, then their scores by index (see diklat.access.among).
    totals = (
        Score.objects.filter(among("presentation", presentations.values("pk")))
        .order_by()
        .values("presentation_id", "scorer_id", "role")
        .annotate(total=Sum(weighted), scored=Count("pk"))
    )
    return totals.query.sql_with_params()


def _counted_scorers(presentations) -> tuple[str, tuple]:
    """The CTEs every statement here starts from: ``counted`` has one row per presentation and scorer."""
    totals_sql, params = _scorer_totals(presentations)
    sql = f"""
        WITH scorer_totals AS ({totals_sql}),
        indicators AS (
            SELECT component.rubric_id, COUNT(*) AS n
            FROM {_table(RubricIndicator)} indicator
            JOIN {_table(RubricComponent)} component ON component.id = indicator.component_id
            GROUP BY component.rubric_id
        ),
        counted AS (
            SELECT scorer_totals.presentation_id, scorer_totals.scorer_id, scorer_totals.role,
                   {_rounded("scorer_totals.total")} AS total,
                   CASE WHEN scorer_totals.scored = indicators.n THEN 1 ELSE 0 END AS complete,
                   rubric.rule_set_id, seminar.kind, seminar.cohort_id
            FROM scorer_totals
            JOIN {_table(Presentation)} presentation ON presentation.id = scorer_totals.presentation_id
            JOIN {_table(SeminarSession)} session ON session.id = presentation.session_id
            JOIN {_table(Seminar)} seminar ON seminar.id = session.seminar_id
            JOIN {_table(Rubric)} rubric ON rubric.id = seminar.rubric_id
            LEFT JOIN indicators ON indicators.rubric_id = seminar.rubric_id
        )
    """
    return sql, params


ROLE_WEIGHT = (
    "CASE role_means.role WHEN 'examiner' THEN policy.examiner_weight WHEN 'mentor' THEN policy.mentor_weight"
    " WHEN 'coach' THEN policy.coach_weight ELSE 0 END"
)


def combined(presentations) -> list[Combined]:
    """Every presentation in scope that has a score: its combined result and band, in one statement."""
    counted_sql, params = _counted_scorers(presentations)
    examiners_mean = (
        "SUM(CASE WHEN role_means.role = 'examiner' THEN role_means.total_sum END)"
        " / SUM(CASE WHEN role_means.role = 'examiner' THEN role_means.n END)"
    )
    role_weighted = f"SUM(({ROLE_WEIGHT}) * role_means.mean) / NULLIF(SUM({ROLE_WEIGHT}), 0)"
    sql = f"""{counted_sql},
        role_means AS (
            SELECT presentation_id, role, SUM(total) AS total_sum, COUNT(*) AS n, AVG(total) AS mean
            FROM counted WHERE complete = 1 GROUP BY presentation_id, role
        ),
        scored AS (
            SELECT DISTINCT presentation_id, rule_set_id, kind, cohort_id FROM counted
        ),
        finals AS (
            SELECT scored.presentation_id, scored.rule_set_id, scored.kind, scored.cohort_id,
                CASE COALESCE(MAX(policy.method), %s)
                    WHEN %s THEN {_rounded(examiners_mean)}
                    WHEN %s THEN {_rounded("SUM(role_means.total_sum) / SUM(role_means.n)")}
                    ELSE {_rounded(role_weighted)}
                END AS final
            FROM scored
            LEFT JOIN role_means ON role_means.presentation_id = scored.presentation_id
            LEFT JOIN {_table(ScoringPolicy)} policy ON policy.rule_set_id = scored.rule_set_id
            GROUP BY scored.presentation_id, scored.rule_set_id, scored.kind, scored.cohort_id
        )
        SELECT finals.presentation_id, finals.cohort_id, finals.kind, finals.final,
            (SELECT band.id FROM {_table(PredicateBand)} band
             WHERE band.rule_set_id = finals.rule_set_id
               AND (band.above IS NULL OR finals.final > band.above)
               AND (band.up_to IS NULL OR finals.final <= band.up_to)
             ORDER BY CASE WHEN band.up_to IS NULL THEN 0 ELSE 1 END, band.up_to DESC
             LIMIT 1) AS band_id
        FROM finals
    """
    method = ScoringPolicy.Method
    params = (*params, method.MEAN_OF_EXAMINERS, method.MEAN_OF_EXAMINERS, method.MEAN_OF_ALL)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Combined(
            presentation_id=presentation_id,
            cohort_id=cohort_id,
            kind=kind,
            final=None if final is None else quantize(Decimal(str(final))),
            band_id=band_id if final is not None else None,
        )
        for presentation_id, cohort_id, kind, final, band_id in rows
    ]


def examiner_figures(presentations) -> list[ExaminerFigures]:
    """Per examiner: presentations fully scored, and the mean, lowest and highest of their totals."""
    counted_sql, params = _counted_scorers(presentations)
    sql = f"""{counted_sql}
        SELECT counted.scorer_id, COALESCE(NULLIF(MAX(person.full_name), ''), MAX(person.username)), COUNT(*),
            {_rounded("AVG(counted.total)")}, MIN(counted.total), MAX(counted.total)
        FROM counted JOIN {_table(User)} person ON person.id = counted.scorer_id
        WHERE counted.complete = 1 AND counted.role = %s
        GROUP BY counted.scorer_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, "examiner"))
        rows = cursor.fetchall()
    return [
        ExaminerFigures(scorer_id, name, scored, *(quantize(Decimal(str(value))) for value in (mean, lowest, highest)))
        for scorer_id, name, scored, mean, lowest, highest in rows
    ]

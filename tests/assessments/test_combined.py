"""Results combined in SQL (reports) agree with the session page's Python combination, for every policy."""

import random
from decimal import Decimal
from statistics import mean

import pytest

from assessments import combined, results
from assessments.models import PredicateBand, Presentation, Score, ScoringPolicy
from tests import factories
from tests.assessments.factories import PresentationFactory

D = Decimal
ROLES = ["examiner", "examiner", "mentor", "coach"]


@pytest.fixture
def scored(session, indicators):
    """25 presentations, four scorers each with random two-place scores; about one scorer in six is incomplete."""
    draw = random.Random(20261202)
    scorers = factories.UserFactory.create_batch(4)
    presentations = [PresentationFactory(session=session, order=n + 1) for n in range(25)]
    Score.objects.bulk_create(
        Score(presentation=p, indicator=i, scorer=user, role=role, value=D(draw.randint(5000, 10000)) / 100)
        for p in presentations
        for user, role in zip(scorers, ROLES, strict=True)
        if draw.random() > 0.1
        for n, i in enumerate(indicators)
        if n < len(indicators) - 1 or draw.random() > 0.1
    )
    return Presentation.objects.filter(session=session)


def in_python(queryset):
    presentations = list(queryset.select_related("session__seminar__rubric"))
    return results.results_for(presentations)


@pytest.mark.parametrize(
    "method, weights",
    [
        (ScoringPolicy.Method.MEAN_OF_EXAMINERS, {}),
        (ScoringPolicy.Method.MEAN_OF_ALL, {}),
        (ScoringPolicy.Method.ROLE_WEIGHTS, {"examiner_weight": 60, "mentor_weight": 30, "coach_weight": 10}),
        (ScoringPolicy.Method.ROLE_WEIGHTS, {"examiner_weight": 100, "mentor_weight": 0, "coach_weight": 0}),
    ],
)
def test_sql_and_python_give_the_same_final_score_and_band(scored, policy, method, weights):
    policy.method = method
    for name, value in weights.items():
        setattr(policy, name, value)
    policy.save()
    expected = in_python(scored)
    computed = {row.presentation_id: row for row in combined.combined(scored)}
    scored_ids = set(Score.objects.values_list("presentation", flat=True))
    assert set(computed) == scored_ids
    finals = [row.final for row in computed.values()]
    assert any(final is None for final in finals) or len(finals) == 25
    for presentation_id, row in computed.items():
        assert row.final == expected[presentation_id].final, presentation_id
    band_names = dict(PredicateBand.objects.values_list("pk", "name"))
    names = {row.presentation_id: band_names.get(row.band_id, "") for row in computed.values()}
    assert names == {pk: expected[pk].predicate for pk in computed}
    assert any(names.values())


def test_a_tie_at_half_a_cent_rounds_up_on_every_database(session, indicators, policy):
    presentation = PresentationFactory(session=session, order=1)
    first, second = factories.UserFactory.create_batch(2)
    # Totals 82.25 and 82.30: their mean 82.275 is a tie that binary floating point stores as 82.27499…
    for user, value in ((first, D("82.25")), (second, D("82.30"))):
        Score.objects.bulk_create(
            Score(presentation=presentation, indicator=i, scorer=user, role="examiner", value=value) for i in indicators
        )
    (row,) = combined.combined(Presentation.objects.filter(pk=presentation.pk))
    assert row.final == D("82.28")
    assert row.final == in_python(Presentation.objects.filter(pk=presentation.pk))[presentation.pk].final


def test_examiner_figures_are_the_count_mean_and_range_of_complete_examiner_totals(scored, indicators):
    expected = {}
    for result in in_python(scored).values():
        for scorer in result.complete_scorers:
            if scorer.role == "examiner":
                expected.setdefault(scorer.scorer_id, []).append(scorer.total)
    figures = {f.scorer_id: f for f in combined.examiner_figures(scored)}
    assert set(figures) == set(expected) and expected
    for scorer_id, totals in expected.items():
        f = figures[scorer_id]
        assert (f.scored, f.lowest, f.highest) == (len(totals), min(totals), max(totals))
        assert f.mean == results.quantize(D(mean(totals)))

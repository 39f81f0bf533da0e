"""Aggregation arithmetic against hand-computed examples, the predicate bands, and query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import results, services
from assessments.models import PredicateBand, Presentation, Score, ScoringPolicy
from tests import factories
from tests.assessments.factories import PresentationFactory

D = Decimal


def score(presentation, user, values):
    return services.score_presentation(presentation, by=user, scores=values)


def result_of(presentation):
    return results.results_for([presentation])[presentation.pk]


def use_method(policy, method, **weights):
    policy.method = method
    for name, value in weights.items():
        setattr(policy, name, value)
    policy.save()


# --- one scorer's total ------------------------------------------------------------------------


def test_a_scorers_total_is_the_sum_of_score_over_100_times_weight(presentation, examiner_one, full_scores):
    score(presentation, examiner_one, full_scores(80, 90, 70, 100))  # 24 + 18 + 28 + 10

    [total] = result_of(presentation).scorers

    assert total.total == D("80.00")
    assert total.complete is True


def test_a_scorers_total_rounds_half_up_to_two_places(presentation, examiner_one, full_scores):
    score(presentation, examiner_one, full_scores(0, 0, 0, "80.05"))  # 80.05 / 100 × 10 = 8.005

    assert result_of(presentation).scorers[0].total == D("8.01")


# --- combining scorers -------------------------------------------------------------------------


def test_the_result_is_the_mean_of_the_examiners_and_ignores_mentor_and_coach(
    presentation, examiner_one, examiner_two, mentor, coach, full_scores
):
    score(presentation, examiner_one, full_scores(80, 90, 70, 100))  # 80.00
    score(presentation, examiner_two, full_scores("85.5", "85.5", "85.5", "85.5"))  # 85.50
    score(presentation, mentor, full_scores(10, 10, 10, 10))
    score(presentation, coach, full_scores(20, 20, 20, 20))

    assert result_of(presentation).final == D("82.75")


def test_the_mean_of_examiners_rounds_half_up(presentation, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, full_scores(80, 80, 80, 80))
    score(presentation, examiner_two, full_scores("80.01", "80.01", "80.01", "80.01"))  # mean 80.005

    assert result_of(presentation).final == D("80.01")


def test_role_weights_combine_the_examiners_mean_the_mentor_and_the_coach(
    presentation, policy, examiner_one, examiner_two, mentor, coach, full_scores
):
    use_method(policy, ScoringPolicy.Method.ROLE_WEIGHTS, examiner_weight=50, mentor_weight=25, coach_weight=25)
    score(presentation, examiner_one, full_scores(75, 75, 75, 75))
    score(presentation, examiner_two, full_scores(85, 85, 85, 85))  # examiners' mean 80
    score(presentation, mentor, full_scores(90, 90, 90, 90))
    score(presentation, coach, full_scores(70, 70, 70, 70))

    assert result_of(presentation).final == D("80.00")  # 40 + 22.5 + 17.5


def test_role_weights_leave_out_a_missing_role_and_renormalise(presentation, policy, examiner_one, mentor, full_scores):
    use_method(policy, ScoringPolicy.Method.ROLE_WEIGHTS, examiner_weight=50, mentor_weight=25, coach_weight=25)
    score(presentation, examiner_one, full_scores(80, 80, 80, 80))
    score(presentation, mentor, full_scores(90, 90, 90, 90))

    assert result_of(presentation).final == D("83.33")  # (50 × 80 + 25 × 90) / 75


def test_the_mean_of_all_counts_every_scorer_equally(
    presentation, policy, examiner_one, examiner_two, mentor, coach, full_scores
):
    use_method(policy, ScoringPolicy.Method.MEAN_OF_ALL)
    score(presentation, examiner_one, full_scores(80, 90, 70, 100))  # 80.00
    score(presentation, examiner_two, full_scores("85.5", "85.5", "85.5", "85.5"))
    score(presentation, mentor, full_scores(90, 90, 90, 90))
    score(presentation, coach, full_scores(70, 70, 70, 70))

    assert result_of(presentation).final == D("81.38")  # 325.5 / 4 = 81.375


def test_an_incomplete_scorer_does_not_count(presentation, examiner_one, examiner_two, indicators, full_scores):
    score(presentation, examiner_one, full_scores(80, 90, 70, 100))
    services.score_presentation(presentation, by=examiner_two, scores={indicators[0].pk: 10}, complete=False)

    result = result_of(presentation)

    assert sorted(s.complete for s in result.scorers) == [False, True]
    assert result.final == D("80.00")
    assert result.spread is None


def test_a_presentation_nobody_has_fully_scored_has_no_result(presentation, examiner_one, indicators):
    services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: 90}, complete=False)

    result = result_of(presentation)

    assert result.final is None
    assert result.predicate == ""


# --- spread and flag ---------------------------------------------------------------------------


def test_a_spread_exactly_at_the_limit_is_not_flagged(presentation, policy, examiner_one, examiner_two, full_scores):
    assert policy.max_spread == D("15")
    score(presentation, examiner_one, full_scores(70, 70, 70, 70))
    score(presentation, examiner_two, full_scores(85, 85, 85, 85))

    result = result_of(presentation)

    assert result.spread == D("15.00")
    assert result.flagged is False


def test_a_spread_above_the_limit_is_flagged(presentation, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, full_scores(70, 70, 70, 70))
    score(presentation, examiner_two, full_scores("85.01", "85.01", "85.01", "85.01"))

    result = result_of(presentation)

    assert result.spread == D("15.01")
    assert result.flagged is True


def test_the_spread_limit_is_a_setting(presentation, policy, examiner_one, examiner_two, full_scores):
    policy.max_spread = D("5")
    policy.save()
    score(presentation, examiner_one, full_scores(80, 80, 80, 80))
    score(presentation, examiner_two, full_scores(86, 86, 86, 86))

    assert result_of(presentation).flagged is True


# --- predicate bands ---------------------------------------------------------------------------

BOUNDARIES = [
    ("100", "Sangat Memuaskan"),
    ("90.01", "Sangat Memuaskan"),
    ("90", "Memuaskan"),
    ("80.01", "Memuaskan"),
    ("80", "Cukup Memuaskan"),
    ("70.01", "Cukup Memuaskan"),
    ("70", "Kurang Memuaskan"),
    ("60.01", "Kurang Memuaskan"),
    ("60", "Tidak Memuaskan"),
    ("0", "Tidak Memuaskan"),
]


@pytest.mark.parametrize(("total", "predicate"), BOUNDARIES)
def test_the_seeded_band_table_gives_the_predicate_of_a_total(cohort, total, predicate):
    bands = PredicateBand.objects.filter(rule_set=cohort.rule_set)

    assert bands.for_score(D(total)).name == predicate


@pytest.mark.parametrize(("total", "predicate"), BOUNDARIES)
def test_band_for_agrees_with_the_database_lookup(cohort, total, predicate):
    bands = list(PredicateBand.objects.filter(rule_set=cohort.rule_set))

    assert results.band_for(bands, D(total)).name == predicate


def test_only_the_two_lowest_bands_fail(cohort):
    failing = PredicateBand.objects.filter(rule_set=cohort.rule_set, passing=False).values_list("name", flat=True)

    assert sorted(failing) == ["Kurang Memuaskan", "Tidak Memuaskan"]


def test_the_result_carries_the_predicate_of_its_final_score(presentation, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, full_scores(90, 90, 90, 90))
    score(presentation, examiner_two, full_scores(90, 90, 90, 90))

    result = result_of(presentation)

    assert (result.final, result.predicate, result.passing) == (D("90.00"), "Memuaskan", True)


def test_an_edited_band_table_changes_the_predicate(presentation, cohort, examiner_one, full_scores):
    PredicateBand.objects.filter(rule_set=cohort.rule_set, name="Memuaskan").update(up_to=D("95"))
    PredicateBand.objects.filter(rule_set=cohort.rule_set, name="Sangat Memuaskan").update(above=D("95"))
    score(presentation, examiner_one, full_scores(92, 92, 92, 92))

    assert result_of(presentation).predicate == "Memuaskan"


# --- speed -------------------------------------------------------------------------------------


def _scored_presentations(session, count, scorers, indicators):
    made = [PresentationFactory(session=session, order=n + 1) for n in range(count)]
    Score.objects.bulk_create(
        Score(presentation=p, indicator=i, scorer=user, role="examiner", value=D(75 + n % 20))
        for p in made
        for n, user in enumerate(scorers)
        for i in indicators
    )
    return Presentation.objects.filter(session=session).select_related("session__seminar__rubric")


def _queries_of_results_for(presentations):
    with CaptureQueriesContext(connection) as context:
        computed = results.results_for(list(presentations))
    return len(context.captured_queries), computed


@pytest.mark.parametrize("count", [1, 30])
def test_results_for_runs_a_fixed_number_of_queries(session, indicators, count, django_assert_max_num_queries):
    scorers = factories.UserFactory.create_batch(3)
    presentations = list(_scored_presentations(session, count, scorers, indicators))

    with django_assert_max_num_queries(5):
        computed = results.results_for(presentations)

    assert len(computed) == count
    assert all(len(r.scorers) == 3 and r.final is not None for r in computed.values())


def test_results_for_30_presentations_runs_as_many_queries_as_for_one(seminar, indicators):
    from tests.assessments.factories import SessionFactory

    scorers = factories.UserFactory.create_batch(3)
    one = _scored_presentations(SessionFactory(seminar=seminar), 1, scorers, indicators)
    thirty = _scored_presentations(SessionFactory(seminar=seminar), 30, scorers, indicators)

    assert _queries_of_results_for(one)[0] == _queries_of_results_for(thirty)[0]

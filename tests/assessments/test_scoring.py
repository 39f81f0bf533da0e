"""Scoring a presentation: saving, updating in place, refusals, and the audit of every change."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import services
from assessments.models import Classification, Score, ScoreChange
from tests.assessments.factories import build_rubric

D = Decimal


def values_of(presentation, user):
    return list(
        Score.objects.filter(presentation=presentation, scorer=user)
        .order_by("indicator__order", "indicator__component__order")
        .values_list("value", flat=True)
    )


def stored(presentation, user):
    return {s.indicator_id: s.value for s in Score.objects.filter(presentation=presentation, scorer=user)}


# --- saving ------------------------------------------------------------------------------------


def test_a_complete_save_stores_one_score_per_indicator(presentation, examiner_one, indicators, full_scores):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    assert stored(presentation, examiner_one) == {
        indicators[0].pk: D("80"),
        indicators[1].pk: D("90"),
        indicators[2].pk: D("70"),
        indicators[3].pk: D("100"),
    }


def test_a_score_records_the_scorers_role(presentation, examiner_one, mentor, coach, full_scores):
    for user in (examiner_one, mentor, coach):
        services.score_presentation(presentation, by=user, scores=full_scores(80, 80, 80, 80))

    roles = dict(Score.objects.filter(presentation=presentation).values_list("scorer", "role").distinct())

    assert roles == {examiner_one.pk: "examiner", mentor.pk: "mentor", coach.pk: "coach"}


def test_saving_again_updates_in_place_and_never_adds_a_row(presentation, examiner_one, indicators, full_scores):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    services.score_presentation(presentation, by=examiner_one, scores=full_scores(81, 90, 70, "99.5"))

    assert Score.objects.filter(presentation=presentation, scorer=examiner_one).count() == 4
    assert stored(presentation, examiner_one)[indicators[0].pk] == D("81")
    assert stored(presentation, examiner_one)[indicators[3].pk] == D("99.5")


def test_the_database_refuses_a_second_score_by_the_same_scorer_for_an_indicator(
    presentation, examiner_one, indicators, full_scores
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            presentation=presentation, indicator=indicators[0], scorer=examiner_one, role="examiner", value=50
        )

    assert Score.objects.filter(presentation=presentation, scorer=examiner_one).count() == 4


def test_a_partial_save_keeps_what_was_scored(presentation, examiner_one, indicators):
    services.score_presentation(
        presentation, by=examiner_one, scores={indicators[0].pk: 80, indicators[1].pk: ""}, complete=False
    )

    assert stored(presentation, examiner_one) == {indicators[0].pk: D("80")}


def test_scores_may_be_written_with_a_decimal_comma(presentation, examiner_one, indicators):
    services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: "85,5"}, complete=False)

    assert stored(presentation, examiner_one) == {indicators[0].pk: D("85.5")}


def test_indicator_ids_may_come_as_text(presentation, examiner_one, indicators):
    services.score_presentation(presentation, by=examiner_one, scores={str(indicators[0].pk): "70"}, complete=False)

    assert stored(presentation, examiner_one) == {indicators[0].pk: D("70")}


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["100.01", "-1", "250"])
def test_a_score_outside_the_rubrics_range_is_refused_at_its_indicator(
    presentation, examiner_one, indicators, full_scores, value
):
    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, value))

    assert caught.value.message_dict == {f"indicator_{indicators[3].pk}": ["A score must be between 0 and 100."]}
    assert not Score.objects.exists()


def test_a_rubric_with_another_range_refuses_scores_outside_it(presentation, rubric, examiner_one, indicators):
    rubric.score_min, rubric.score_max = D("50"), D("90")
    rubric.save()

    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: 45}, complete=False)

    assert caught.value.message_dict[f"indicator_{indicators[0].pk}"] == ["A score must be between 50 and 90."]


def test_a_score_that_is_not_a_number_is_refused(presentation, examiner_one, indicators):
    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: "baik"}, complete=False)

    assert caught.value.message_dict == {f"indicator_{indicators[0].pk}": ["“baik” is not a number."]}


def test_a_score_with_more_than_two_decimals_is_refused(presentation, examiner_one, indicators):
    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: "80.125"}, complete=False)

    assert caught.value.message_dict == {f"indicator_{indicators[0].pk}": ["Use at most two decimals."]}


def test_a_missing_indicator_on_submit_is_refused_naming_it_and_nothing_is_saved(
    presentation, examiner_one, indicators
):
    partial = {indicators[0].pk: 80, indicators[1].pk: 90, indicators[2].pk: 70}

    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores=partial, complete=True)

    assert caught.value.message_dict == {f"indicator_{indicators[3].pk}": ["Score “Replikasi”."]}
    assert not Score.objects.exists()
    assert not ScoreChange.objects.exists()


def test_one_bad_score_keeps_the_good_ones_unsaved(presentation, examiner_one, full_scores):
    with pytest.raises(ValidationError):
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 101))

    assert not Score.objects.exists()


def test_an_indicator_of_another_rubric_is_refused(presentation, cohort, examiner_one):
    foreign = build_rubric(cohort.rule_set, [("X", [("x", 100)])], version=90).components.get().indicators.get()

    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores={foreign.pk: 80}, complete=False)

    assert caught.value.message_dict == {
        f"indicator_{foreign.pk}": ["This indicator is not part of the seminar's rubric."]
    }


def test_a_remark_longer_than_the_limit_is_refused(presentation, examiner_one, indicators):
    with pytest.raises(ValidationError) as caught:
        services.score_presentation(
            presentation,
            by=examiner_one,
            scores={indicators[0].pk: 80},
            remarks={indicators[0].pk: "x" * 501},
            complete=False,
        )

    assert list(caught.value.message_dict) == [f"remark_{indicators[0].pk}"]
    assert not Score.objects.exists()


def test_scoring_in_a_finalised_session_is_refused(presentation, session, examiner_one, full_scores):
    session.status, session.finalised_at = session.Status.FINALISED, timezone.now()
    session.save()

    with pytest.raises(ValidationError, match="finalised"):
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    assert not Score.objects.exists()


# --- who may score -----------------------------------------------------------------------------


def test_an_examiner_of_another_session_cannot_score_this_participant(presentation, elsewhere, full_scores):
    with pytest.raises(PermissionDenied):
        services.score_presentation(presentation, by=elsewhere.examiner, scores=full_scores(80, 90, 70, 100))

    assert not Score.objects.exists()


def test_an_examiner_cannot_score_a_participant_of_another_session(elsewhere, examiner_one, full_scores):
    with pytest.raises(PermissionDenied):
        services.score_presentation(elsewhere.presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))


def test_a_mentor_scores_their_own_participant(presentation, mentor, full_scores):
    services.score_presentation(presentation, by=mentor, scores=full_scores(80, 90, 70, 100))

    assert Score.objects.filter(presentation=presentation, scorer=mentor, role="mentor").count() == 4


def test_a_mentor_cannot_score_another_participant_of_the_session(
    presentation, other_presentation, mentor, full_scores
):
    with pytest.raises(PermissionDenied):
        services.score_presentation(other_presentation, by=mentor, scores=full_scores(80, 90, 70, 100))

    assert not Score.objects.filter(scorer=mentor).exists()


def test_the_chair_who_is_not_an_examiner_cannot_score(presentation, chair, full_scores):
    with pytest.raises(PermissionDenied):
        services.score_presentation(presentation, by=chair, scores=full_scores(80, 90, 70, 100))


def test_the_participant_cannot_score_themselves(presentation, participant, full_scores):
    with pytest.raises(PermissionDenied):
        services.score_presentation(presentation, by=participant.user, scores=full_scores(100, 100, 100, 100))


def test_a_stranger_cannot_score(presentation, stranger, full_scores):
    with pytest.raises(PermissionDenied):
        services.score_presentation(presentation, by=stranger, scores=full_scores(80, 90, 70, 100))


# --- audit -------------------------------------------------------------------------------------


def test_the_first_entry_of_each_score_is_recorded(presentation, examiner_one, indicators, full_scores):
    before = timezone.now()

    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    changes = ScoreChange.objects.filter(presentation=presentation)
    assert changes.count() == 4
    first = changes.get(indicator=indicators[0])
    assert (first.old_value, first.new_value) == (None, D("80"))
    assert (first.scorer, first.changed_by) == (examiner_one, examiner_one)
    assert first.at >= before
    assert first.after_release is False


def test_each_change_is_recorded_with_old_and_new_value(presentation, examiner_one, indicators, full_scores):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    services.score_presentation(presentation, by=examiner_one, scores=full_scores(85, 90, 70, 100))

    history = ScoreChange.objects.filter(indicator=indicators[0]).order_by("pk")
    assert [(c.old_value, c.new_value) for c in history] == [(None, D("80")), (D("80"), D("85"))]
    assert ScoreChange.objects.count() == 5


def test_saving_unchanged_scores_records_nothing(presentation, examiner_one, full_scores):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    services.score_presentation(presentation, by=examiner_one, scores=full_scores("80.00", 90, 70, 100))

    assert ScoreChange.objects.count() == 4


def test_a_remark_change_is_recorded(presentation, examiner_one, indicators):
    first = indicators[0].pk
    services.score_presentation(
        presentation, by=examiner_one, scores={first: 80}, remarks={first: "Baik"}, complete=False
    )

    services.score_presentation(
        presentation, by=examiner_one, scores={first: 80}, remarks={first: "Perlu data"}, complete=False
    )

    change = ScoreChange.objects.order_by("pk").last()
    assert (change.old_remark, change.new_remark) == ("Baik", "Perlu data")
    assert Score.objects.get(indicator_id=first).remark == "Perlu data"


def test_a_remark_not_given_again_is_kept(presentation, examiner_one, indicators):
    first = indicators[0].pk
    services.score_presentation(
        presentation, by=examiner_one, scores={first: 80}, remarks={first: "Baik"}, complete=False
    )

    services.score_presentation(presentation, by=examiner_one, scores={first: 82}, complete=False)

    assert Score.objects.get(indicator_id=first).remark == "Baik"
    assert ScoreChange.objects.order_by("pk").last().new_remark == "Baik"


@pytest.fixture
def reopened(presentation, session, chair, examiner_one, examiner_two, full_scores):
    """A session scored, finalised and released, then reopened by its chair."""
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 90, 70, 100))
    services.finalise_session(session, by=chair)
    services.reopen_session(session, by=chair, reason="Salah ketik nilai")
    return session


def test_after_a_reopen_a_change_without_a_reason_is_refused(reopened, presentation, examiner_one, full_scores):
    with pytest.raises(ValidationError) as caught:
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(85, 90, 70, 100))

    assert list(caught.value.message_dict) == ["reason"]
    assert values_of(presentation, examiner_one)[0] == D("80")


def test_after_a_reopen_a_change_with_a_reason_is_recorded_as_after_release(
    reopened, presentation, examiner_one, indicators, full_scores
):
    services.score_presentation(
        presentation, by=examiner_one, scores=full_scores(85, 90, 70, 100), reason="Nilai capaian tertukar"
    )

    change = ScoreChange.objects.get(after_release=True)
    assert (change.indicator_id, change.old_value, change.new_value) == (indicators[0].pk, D("80"), D("85"))
    assert change.reason == "Nilai capaian tertukar"
    assert change.changed_by == examiner_one


def test_after_a_reopen_saving_unchanged_scores_needs_no_reason(reopened, presentation, examiner_one, full_scores):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))

    assert not ScoreChange.objects.filter(after_release=True).exists()


def test_after_a_reopen_wiping_a_remark_needs_a_reason(reopened, presentation, examiner_one, indicators, full_scores):
    first = indicators[0].pk
    Score.objects.filter(indicator_id=first).update(remark="Baik")

    with pytest.raises(ValidationError) as caught:
        services.score_presentation(
            presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100), remarks={first: ""}
        )

    assert list(caught.value.message_dict) == ["reason"]


# --- classification ----------------------------------------------------------------------------


def test_an_examiner_classifies_a_project_with_a_reason(presentation, examiner_one):
    services.classify_presentation(
        presentation, by=examiner_one, verdict="routine", reason="Ini tugas rutin bidang humas."
    )

    verdict = Classification.objects.get(presentation=presentation)
    assert (verdict.examiner, verdict.verdict) == (examiner_one, "routine")


def test_classifying_again_updates_the_examiners_verdict(presentation, examiner_one):
    services.classify_presentation(presentation, by=examiner_one, verdict="routine", reason="Rutin.")

    services.classify_presentation(presentation, by=examiner_one, verdict="innovation", reason="Ada terobosan.")

    assert list(Classification.objects.values_list("verdict", flat=True)) == ["innovation"]


def test_a_classification_needs_a_reason(presentation, examiner_one):
    with pytest.raises(ValidationError) as caught:
        services.classify_presentation(presentation, by=examiner_one, verdict="innovation", reason="  ")

    assert list(caught.value.message_dict) == ["reason"]
    assert not Classification.objects.exists()


def test_a_classification_needs_a_known_verdict(presentation, examiner_one):
    with pytest.raises(ValidationError) as caught:
        services.classify_presentation(presentation, by=examiner_one, verdict="maybe", reason="Entahlah.")

    assert list(caught.value.message_dict) == ["verdict"]


@pytest.mark.parametrize("who", ["mentor", "coach", "chair"])
def test_only_examiners_classify(request, presentation, who):
    with pytest.raises(PermissionDenied):
        services.classify_presentation(
            presentation, by=request.getfixturevalue(who), verdict="innovation", reason="Bagus."
        )

    assert not Classification.objects.exists()


def test_an_examiner_of_another_session_cannot_classify(presentation, elsewhere):
    with pytest.raises(PermissionDenied):
        services.classify_presentation(presentation, by=elsewhere.examiner, verdict="routine", reason="Rutin.")

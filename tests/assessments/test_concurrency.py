"""Scorers saving at the same moment, on PostgreSQL (SQLite serialises every write anyway)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from assessments import services
from assessments.absences import record_absence
from assessments.models import Score, ScoreChange, SeminarSession, SessionAbsence, SessionEvent

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_together(*calls):
    """Start every call at the same moment, each in its own thread and connection; return result or error."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck: a deadlock?"
    return outcomes


def test_two_examiners_saving_at_the_same_moment_both_keep_their_scores(
    presentation, examiner_one, examiner_two, full_scores
):
    outcomes = run_together(
        lambda: services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100)),
        lambda: services.score_presentation(presentation, by=examiner_two, scores=full_scores(60, 60, 60, 60)),
    )

    assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert Score.objects.filter(presentation=presentation, scorer=examiner_one).count() == 4
    assert Score.objects.filter(presentation=presentation, scorer=examiner_two).count() == 4
    assert set(Score.objects.filter(scorer=examiner_two).values_list("value", flat=True)) == {Decimal("60")}


def test_the_same_scorer_saving_twice_at_once_leaves_one_row_per_indicator(presentation, examiner_one, full_scores):
    outcomes = run_together(
        lambda: services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80)),
        lambda: services.score_presentation(presentation, by=examiner_one, scores=full_scores(90, 90, 90, 90)),
    )

    assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
    scores = Score.objects.filter(presentation=presentation, scorer=examiner_one)
    assert scores.count() == 4
    assert len(set(scores.values_list("value", flat=True))) == 1  # one save wins whole, never a mix
    # The audit trail tells the same story: 4 first entries, then 4 changes by the later save.
    assert ScoreChange.objects.filter(old_value__isnull=True).count() == 4
    assert ScoreChange.objects.filter(old_value__isnull=False).count() == 4


@pytest.mark.parametrize("round_", range(3))
def test_scoring_racing_with_finalising_never_changes_a_score_after_finalising(
    presentation, session, chair, examiner_one, examiner_two, full_scores, round_
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 80, 80, 80))

    outcomes = run_together(
        lambda: services.score_presentation(presentation, by=examiner_two, scores=full_scores(82, 82, 82, 82)),
        lambda: services.finalise_session(session, by=chair),
    )

    scored, finalised = outcomes
    assert not isinstance(finalised, Exception), finalised
    assert not isinstance(scored, Exception) or isinstance(scored, ValidationError), scored
    session = SeminarSession.objects.get(pk=session.pk)
    assert session.status == SeminarSession.Status.FINALISED
    assert not Score.objects.filter(updated_at__gt=session.finalised_at).exists()
    assert not ScoreChange.objects.filter(at__gt=session.finalised_at).exists()
    values = set(Score.objects.filter(scorer=examiner_two).values_list("value", flat=True))
    assert values == ({Decimal("80")} if isinstance(scored, ValidationError) else {Decimal("82")})


def test_scoring_in_one_session_does_not_wait_for_another_session_of_the_same_seminar(
    presentation, elsewhere, examiner_one, full_scores
):
    first_saved, done = threading.Event(), threading.Event()

    def hold_a_session_open():
        with transaction.atomic():
            services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))
            first_saved.set()
            done.wait(timeout=10)

    def score_next_door():
        first_saved.wait(timeout=10)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                return services.score_presentation(
                    elsewhere.presentation, by=elsewhere.examiner, scores=full_scores(70, 70, 70, 70)
                )
        finally:
            done.set()

    held, next_door = run_together(hold_a_session_open, score_next_door)

    assert not isinstance(next_door, Exception), next_door
    assert held is None
    assert Score.objects.count() == 8


@pytest.mark.parametrize("round_", range(3))
def test_finalising_twice_at_once_succeeds_once(
    presentation, session, chair, examiner_one, examiner_two, full_scores, round_
):
    for examiner in (examiner_one, examiner_two):
        services.score_presentation(presentation, by=examiner, scores=full_scores(80, 80, 80, 80))

    outcomes = run_together(
        lambda: services.finalise_session(session, by=chair),
        lambda: services.finalise_session(session, by=chair),
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1, outcomes
    assert isinstance(refused[0], ValidationError) and "already finalised" in refused[0].messages[0]
    assert SessionEvent.objects.filter(session=session, kind=SessionEvent.Kind.FINALISED).count() == 1


def test_an_absence_racing_with_finalising_is_either_counted_or_refused(
    presentation, session, chair, examiner_one, examiner_two, full_scores
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))

    recorded, finalised = run_together(
        lambda: record_absence(session, by=chair, kind="member", member=examiner_two, reason="Sakit"),
        lambda: services.finalise_session(session, by=chair),
    )

    session = SeminarSession.objects.get(pk=session.pk)
    if isinstance(finalised, Exception):  # finalising came first and saw the gap
        assert session.is_open and not isinstance(recorded, Exception)
    else:  # the absence came first and closed the gap
        assert not session.is_open and SessionAbsence.objects.filter(session=session).exists()

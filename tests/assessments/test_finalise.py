"""Finalising a session releases its results; reopening withdraws them; who sees scores when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import access, services
from assessments.models import Presentation, Score, SeminarSession, SessionEvent
from notifications.models import Notification


@pytest.fixture
def scored(presentation, other_presentation, examiner_one, examiner_two, full_scores):
    """Both participants of the session scored completely by both examiners, close together."""
    for target in (presentation, other_presentation):
        services.score_presentation(target, by=examiner_one, scores=full_scores(80, 90, 70, 100))
        services.score_presentation(target, by=examiner_two, scores=full_scores(85, 85, 85, 85))
    return [presentation, other_presentation]


def test_the_chair_finalises_and_releases_every_result(scored, session, chair):
    before = timezone.now()

    services.finalise_session(session, by=chair)

    session.refresh_from_db()
    assert session.status == SeminarSession.Status.FINALISED
    assert session.finalised_by == chair and session.finalised_at >= before
    assert set(Presentation.objects.filter(session=session).values_list("released_at", flat=True)) == {
        session.finalised_at
    }


def test_finalising_records_a_session_event(scored, session, chair):
    services.finalise_session(session, by=chair)

    event = SessionEvent.objects.get(session=session)
    assert (event.kind, event.by) == (SessionEvent.Kind.FINALISED, chair)


@pytest.mark.parametrize("who", ["examiner_one", "mentor", "stranger"])
def test_only_the_chair_finalises(request, scored, session, who):
    with pytest.raises(PermissionDenied):
        services.finalise_session(session, by=request.getfixturevalue(who))

    session.refresh_from_db()
    assert session.is_open
    assert not SessionEvent.objects.exists()


def test_finalising_is_refused_while_a_sheet_is_incomplete(
    scored, session, chair, examiner_two, other_presentation, indicators
):
    Score.objects.filter(presentation=other_presentation, scorer=examiner_two, indicator=indicators[3]).delete()

    with pytest.raises(ValidationError) as caught:
        services.finalise_session(session, by=chair)

    assert caught.value.message_dict["missing"] == [
        f"Penguji Dua (examiner) scored 3 of 4 indicators for {other_presentation.enrolment.participant}."
    ]
    session.refresh_from_db()
    assert session.is_open
    assert not Presentation.objects.released().exists()
    assert not SessionEvent.objects.exists()


def test_a_result_scored_only_by_the_mentor_is_not_complete(presentation, session, chair, mentor, full_scores):
    services.score_presentation(presentation, by=mentor, scores=full_scores(80, 90, 70, 100))

    with pytest.raises(ValidationError) as caught:
        services.finalise_session(session, by=chair)

    assert len(caught.value.message_dict["missing"]) == 2  # both examiners' sheets


def test_flagged_results_must_be_acknowledged_before_release(
    presentation, session, chair, examiner_one, examiner_two, full_scores
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(60, 60, 60, 60))
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(90, 90, 90, 90))

    with pytest.raises(ValidationError) as caught:
        services.finalise_session(session, by=chair)

    assert list(caught.value.message_dict) == ["acknowledge_flags"]
    assert str(presentation.enrolment.participant) in caught.value.message_dict["acknowledge_flags"][0]
    session.refresh_from_db()
    assert session.is_open


def test_acknowledged_flags_let_the_chair_release(
    presentation, session, chair, examiner_one, examiner_two, full_scores
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(60, 60, 60, 60))
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(90, 90, 90, 90))

    services.finalise_session(session, by=chair, acknowledge_flags=True)

    presentation.refresh_from_db()
    assert presentation.released_at is not None


def test_a_finalised_session_cannot_be_finalised_again(scored, session, chair):
    services.finalise_session(session, by=chair)

    with pytest.raises(ValidationError, match="already finalised"):
        services.finalise_session(session, by=chair)

    assert SessionEvent.objects.count() == 1


def test_finalising_does_not_release_another_sessions_presentations(scored, session, chair, elsewhere):
    services.finalise_session(session, by=chair)

    elsewhere.presentation.refresh_from_db()
    assert elsewhere.presentation.released_at is None


# --- reopening ---------------------------------------------------------------------------------


def test_reopening_needs_a_reason(scored, session, chair):
    services.finalise_session(session, by=chair)

    with pytest.raises(ValidationError) as caught:
        services.reopen_session(session, by=chair, reason="   ")

    assert list(caught.value.message_dict) == ["reason"]
    session.refresh_from_db()
    assert not session.is_open


def test_reopening_withdraws_the_release_and_records_the_reason(scored, session, chair):
    services.finalise_session(session, by=chair)

    services.reopen_session(session, by=chair, reason="Nilai penguji 2 tertukar")

    session.refresh_from_db()
    assert session.is_open and session.finalised_at is None and session.finalised_by is None
    assert not Presentation.objects.released().exists()
    event = SessionEvent.objects.get(kind=SessionEvent.Kind.REOPENED)
    assert (event.by, event.reason) == (chair, "Nilai penguji 2 tertukar")


def test_only_the_chair_reopens(scored, session, chair, examiner_one):
    services.finalise_session(session, by=chair)

    with pytest.raises(PermissionDenied):
        services.reopen_session(session, by=examiner_one, reason="Koreksi")

    session.refresh_from_db()
    assert not session.is_open


def test_an_open_session_cannot_be_reopened(session, chair):
    with pytest.raises(ValidationError, match="open already"):
        services.reopen_session(session, by=chair, reason="Koreksi")


def test_a_reopened_session_can_be_scored_and_finalised_again(scored, session, chair, examiner_one, full_scores):
    services.finalise_session(session, by=chair)
    services.reopen_session(session, by=chair, reason="Koreksi")
    services.score_presentation(scored[0], by=examiner_one, scores=full_scores(81, 90, 70, 100), reason="Koreksi")

    services.finalise_session(session, by=chair)

    assert list(SessionEvent.objects.values_list("kind", flat=True)) == ["finalised", "reopened", "finalised"]
    assert Presentation.objects.released().count() == 2


# --- who sees scores ---------------------------------------------------------------------------


def test_a_participant_does_not_see_their_scores_before_release(scored, participant):
    assert access.scores_visible(participant.user, scored[0]) is False


def test_a_participant_sees_their_scores_after_release(scored, session, chair, participant):
    services.finalise_session(session, by=chair)

    assert access.scores_visible(participant.user, Presentation.objects.get(pk=scored[0].pk)) is True


def test_a_participant_no_longer_sees_their_scores_after_a_reopen(scored, session, chair, participant):
    services.finalise_session(session, by=chair)
    services.reopen_session(session, by=chair, reason="Koreksi")

    assert access.scores_visible(participant.user, Presentation.objects.get(pk=scored[0].pk)) is False


def test_a_participant_never_sees_another_participants_presentation(scored, session, chair, participant):
    services.finalise_session(session, by=chair)

    visible = Presentation.objects.visible_to(participant.user)

    assert list(visible) == [scored[0]]


def test_the_panel_sees_scores_before_release(scored, examiner_one, mentor, chair):
    assert all(access.scores_visible(user, scored[0]) for user in (examiner_one, mentor, chair))


def test_finalising_tells_each_participant_their_result_is_released(
    scored, session, chair, run_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.finalise_session(session, by=chair)
    assert not Notification.objects.exists()
    run_tasks(callbacks)
    told = Notification.objects.filter(kind="result_released")
    assert {n.recipient_id for n in told} == {p.enrolment.participant.user_id for p in scored}
    assert {n.link for n in told} == {"/seminars/my-results/"}

"""A recorded absence and a score sheet never stand side by side; the chair may withdraw an absence while open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.absences import record_absence, withdraw_absence
from assessments.models import Classification, Score, SessionAbsence
from assessments.results import results_for, session_results


def absent(session, chair, member, presentation=None, reason="Tugas mendadak dari pimpinan."):
    return record_absence(session, by=chair, kind="member", member=member, presentation=presentation, reason=reason)


def no_show(session, chair, presentation, reason="Sakit."):
    return record_absence(session, by=chair, kind="participant", presentation=presentation, reason=reason)


# --- recording an absence that scores on record would contradict --------------------------------


def test_an_absence_for_a_participant_the_member_has_scored_is_refused_naming_the_scores(
    session, presentation, chair, examiner_two, full_scores
):
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 80, 80, 80))

    with pytest.raises(ValidationError) as refused:
        absent(session, chair, examiner_two, presentation)

    participant = presentation.enrolment.participant
    assert refused.value.message_dict["member"] == [
        f"Penguji Dua has already scored {participant}: an absent member has no sheet."
    ]
    assert not SessionAbsence.objects.exists()


def test_an_absence_from_the_whole_session_is_refused_when_the_member_scored_anyone(
    session, presentation, other_presentation, chair, examiner_two, indicators
):
    services.score_presentation(other_presentation, by=examiner_two, scores={indicators[0].pk: 70}, complete=False)

    with pytest.raises(ValidationError) as refused:
        absent(session, chair, examiner_two)

    assert str(other_presentation.enrolment.participant) in refused.value.message_dict["member"][0]
    assert not SessionAbsence.objects.exists()


def test_an_absence_for_a_participant_not_yet_scored_by_that_member_is_recorded(
    session, presentation, other_presentation, chair, examiner_two, full_scores
):
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 80, 80, 80))

    absence = absent(session, chair, examiner_two, other_presentation)

    assert absence.presentation == other_presentation


def test_a_no_show_is_refused_once_someone_has_scored_the_participant(
    session, presentation, chair, examiner_one, full_scores
):
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))

    with pytest.raises(ValidationError) as refused:
        no_show(session, chair, presentation)

    message = refused.value.message_dict["presentation"][0]
    assert "Penguji Satu" in message and "did not present has no sheet" in message
    assert not SessionAbsence.objects.exists()


def test_the_chair_cannot_be_recorded_absent_from_the_session_they_chair(session, presentation, chair):
    session.examiners.add(chair)  # even when the chair also examines, and so is an expected scorer

    with pytest.raises(ValidationError) as refused:
        absent(session, chair, chair)

    assert refused.value.message_dict["member"] == [
        "The chair chairs the whole session and cannot be recorded absent from it."
    ]


# --- scoring against a recorded absence ---------------------------------------------------------


def test_a_member_absent_for_a_participant_cannot_score_them(session, presentation, chair, examiner_two, full_scores):
    absent(session, chair, examiner_two, presentation, reason="Pulang lebih awal.")

    with pytest.raises(ValidationError) as refused:
        services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 80, 80, 80))

    assert "You are recorded absent for" in refused.value.messages[0]
    assert "Pulang lebih awal." in refused.value.messages[0]
    assert not Score.objects.exists()


def test_a_member_absent_from_the_whole_session_cannot_score_anyone(
    session, presentation, other_presentation, chair, examiner_two, indicators
):
    absent(session, chair, examiner_two)

    for target in (presentation, other_presentation):
        with pytest.raises(ValidationError, match="recorded absent from this session"):
            services.score_presentation(target, by=examiner_two, scores={indicators[0].pk: 80}, complete=False)

    assert not Score.objects.exists()


def test_an_absent_examiner_cannot_give_a_verdict(session, presentation, chair, examiner_two):
    absent(session, chair, examiner_two, presentation)

    with pytest.raises(ValidationError, match="recorded absent"):
        services.classify_presentation(presentation, by=examiner_two, verdict="innovation", reason="Bagus.")

    assert not Classification.objects.exists()


def test_a_participant_who_did_not_present_cannot_be_scored(session, presentation, chair, examiner_one, full_scores):
    no_show(session, chair, presentation, reason="Dinas luar kota.")

    with pytest.raises(ValidationError) as refused:
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))

    assert "is recorded as not presenting (Dinas luar kota.)" in refused.value.messages[0]
    assert not Score.objects.exists()


def test_a_score_saved_before_the_rule_does_not_count_against_a_recorded_absence(
    session, presentation, other_presentation, chair, examiner_one, examiner_two, full_scores
):
    """Older data may hold both: the result leaves out the absent member's sheet and gives a no-show none."""
    for target in (presentation, other_presentation):
        services.score_presentation(target, by=examiner_one, scores=full_scores(80, 80, 80, 80))
        services.score_presentation(target, by=examiner_two, scores=full_scores(60, 60, 60, 60))
    SessionAbsence.objects.create(
        session=session, kind="member", member=examiner_two, presentation=presentation, by=chair, reason="x"
    )
    SessionAbsence.objects.create(
        session=session, kind="participant", presentation=other_presentation, by=chair, reason="y"
    )

    results = {p.pk: r for p, r in session_results(session)}

    assert [s.scorer_id for s in results[presentation.pk].scorers] == [examiner_one.pk]
    assert results[presentation.pk].final is not None and float(results[presentation.pk].final) == 80
    assert results[other_presentation.pk].final is None
    assert results[other_presentation.pk].predicate == "" and results[other_presentation.pk].scorers == []
    assert set(results_for([presentation])) == {presentation.pk}


# --- withdrawing ---------------------------------------------------------------------------------


def test_the_chair_withdraws_an_absence_and_its_history_keeps_who_why_and_what(
    session, presentation, chair, examiner_two, full_scores
):
    absence = absent(session, chair, examiner_two, presentation, reason="Salah catat.")

    withdraw_absence(absence, by=chair, reason="Beliau ternyata hadir.")

    assert not SessionAbsence.objects.exists()
    withdrawn = SessionAbsence.history.filter(id=absence.pk, history_type="-").get()
    assert (withdrawn.history_user, withdrawn.history_change_reason) == (chair, "Beliau ternyata hadir.")
    assert (withdrawn.member, withdrawn.reason) == (examiner_two, "Salah catat.")
    assert SessionAbsence.history.filter(id=absence.pk, history_type="+").get().history_user == chair
    # Once withdrawn, the member scores again.
    services.score_presentation(presentation, by=examiner_two, scores=full_scores(80, 80, 80, 80))


def test_only_the_chair_withdraws_an_absence(session, presentation, chair, examiner_one, examiner_two):
    absence = absent(session, chair, examiner_two, presentation)

    with pytest.raises(PermissionDenied):
        withdraw_absence(absence, by=examiner_one)

    assert SessionAbsence.objects.filter(pk=absence.pk).exists()


def test_an_absence_of_a_finalised_session_cannot_be_withdrawn(
    session, presentation, chair, examiner_one, examiner_two, full_scores
):
    absence = absent(session, chair, examiner_two, presentation)
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 80, 80, 80))
    services.finalise_session(session, by=chair)

    with pytest.raises(ValidationError, match="reopen it to withdraw"):
        withdraw_absence(absence, by=chair)

    assert SessionAbsence.objects.filter(pk=absence.pk).exists()


def test_a_withdrawal_reason_past_the_limit_is_refused(session, presentation, chair, examiner_two):
    absence = absent(session, chair, examiner_two, presentation)

    with pytest.raises(ValidationError) as refused:
        withdraw_absence(absence, by=chair, reason="x" * 1001)

    assert "reason" in refused.value.message_dict
    assert SessionAbsence.objects.filter(pk=absence.pk).exists()

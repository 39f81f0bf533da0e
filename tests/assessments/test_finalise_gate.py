"""The finalise gate: every expected sheet complete, or the chair's recorded absence, and not before the start."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.absences import record_absence
from assessments.completeness import IncompleteSession, missing_for_finalise
from assessments.models import Presentation, ScoringPolicy, SessionAbsence, SessionEvent
from tests import factories


def codes(session):
    return [(gap.code, gap.scorer, gap.presentation) for gap in missing_for_finalise(session)]


def score(presentation, *scorers, values=(80, 90, 70, 100), full_scores):
    for scorer in scorers:
        services.score_presentation(presentation, by=scorer, scores=full_scores(*values))


def test_a_fully_scored_session_lacks_nothing(presentation, session, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)

    assert missing_for_finalise(session) == []


def test_each_examiner_without_a_sheet_is_named(presentation, session, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, full_scores=full_scores)

    gaps = missing_for_finalise(session)

    assert [(g.code, g.scorer, g.presentation) for g in gaps] == [("no_sheet", examiner_two, presentation)]
    assert gaps[0].participant == presentation.enrolment.participant
    assert gaps[0].message == f"Penguji Dua (examiner) has not scored {presentation.enrolment.participant}."


def test_a_partial_sheet_is_a_gap_with_its_count(
    presentation, session, examiner_one, examiner_two, indicators, full_scores
):
    score(presentation, examiner_one, full_scores=full_scores)
    services.score_presentation(presentation, by=examiner_two, scores={indicators[0].pk: 80}, complete=False)

    (gap,) = missing_for_finalise(session)

    assert (gap.code, gap.scorer) == ("incomplete_sheet", examiner_two)
    assert "1 of 4 indicators" in gap.message


def test_finalising_with_a_gap_saves_nothing_and_carries_the_gaps(
    presentation, session, chair, examiner_one, full_scores
):
    score(presentation, examiner_one, full_scores=full_scores)

    with pytest.raises(IncompleteSession) as caught:
        services.finalise_session(session, by=chair)

    assert [g.code for g in caught.value.gaps] == ["no_sheet"]
    session.refresh_from_db()
    assert session.is_open and not SessionEvent.objects.exists()
    assert not Presentation.objects.released().exists()


def test_a_session_cannot_be_finalised_before_it_starts_and_says_when_in_the_hosts_zone(
    presentation, session, seminar, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)
    start = datetime.datetime(2030, 3, 4, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    seminar.starts_at = start
    seminar.save(update_fields=["starts_at"])

    with pytest.raises(IncompleteSession) as caught:
        services.finalise_session(session, by=chair)

    (gap,) = caught.value.gaps
    assert gap.code == "not_started"
    assert "04-03-2030 08:00 WITA" in gap.message  # the cohort's organiser is in Sulawesi Selatan


def test_the_sessions_own_start_counts_over_the_seminars(
    presentation, session, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)
    session.starts_at = timezone.now() + datetime.timedelta(minutes=5)
    session.save(update_fields=["starts_at"])

    assert [g.code for g in missing_for_finalise(session)] == ["not_started"]


def test_the_mentor_is_expected_when_the_policy_weights_mentors(
    presentation, session, policy, mentor, coach, examiner_one, examiner_two, full_scores
):
    policy.method, policy.examiner_weight, policy.mentor_weight, policy.coach_weight = "role_weights", 70, 30, 0
    policy.save()
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)

    assert codes(session) == [("no_sheet", mentor, presentation)]


def test_every_guide_is_expected_when_the_policy_takes_the_mean_of_all(
    presentation, session, policy, mentor, coach, examiner_one, examiner_two, full_scores
):
    policy.method = ScoringPolicy.Method.MEAN_OF_ALL
    policy.save()
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)

    assert {scorer for _code, scorer, _p in codes(session)} == {mentor, coach}


def test_a_mentor_who_examines_the_session_is_expected_once(
    presentation, session, policy, mentor, coach, examiner_one, examiner_two, full_scores
):
    policy.method = ScoringPolicy.Method.MEAN_OF_ALL
    policy.save()
    session.examiners.add(mentor)

    assert sorted(scorer.pk for _c, scorer, _p in codes(session)) == sorted(
        u.pk for u in (examiner_one, examiner_two, mentor, coach)
    )


def test_a_member_absent_from_the_session_is_not_waited_for(
    presentation, other_presentation, session, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, full_scores=full_scores)
    score(other_presentation, examiner_one, full_scores=full_scores)
    record_absence(session, by=chair, kind="member", member=examiner_two, reason="Sakit, surat keterangan dokter")

    services.finalise_session(session, by=chair)

    assert Presentation.objects.released().count() == 2


def test_a_member_absent_for_one_presentation_is_still_expected_for_the_others(
    presentation, other_presentation, session, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, full_scores=full_scores)
    score(other_presentation, examiner_one, full_scores=full_scores)
    record_absence(
        session, by=chair, kind="member", member=examiner_two, presentation=presentation, reason="Konflik kepentingan"
    )

    assert codes(session) == [("no_sheet", examiner_two, other_presentation)]


def test_a_participant_who_did_not_present_is_excluded_from_release(
    presentation, other_presentation, session, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)
    record_absence(session, by=chair, kind="participant", presentation=other_presentation, reason="Dinas luar")

    services.finalise_session(session, by=chair)

    assert list(Presentation.objects.released()) == [presentation]
    assert (
        not Presentation.objects.reportable_by(factories.UserFactory(is_superuser=True))
        .filter(pk=other_presentation.pk)
        .exists()
    )


def test_nobody_left_to_score_is_a_gap(presentation, session, chair, examiner_one, examiner_two):
    for examiner in (examiner_one, examiner_two):
        record_absence(session, by=chair, kind="member", member=examiner, reason="Tidak hadir")

    assert codes(session) == [("no_scorer", None, presentation)]


def test_reopening_keeps_every_recorded_absence(presentation, session, chair, examiner_one, examiner_two, full_scores):
    score(presentation, examiner_one, full_scores=full_scores)
    record_absence(session, by=chair, kind="member", member=examiner_two, reason="Sakit")
    services.finalise_session(session, by=chair)

    services.reopen_session(session, by=chair, reason="Koreksi nilai")

    assert SessionAbsence.objects.filter(session=session, member=examiner_two).exists()
    assert missing_for_finalise(session) == []


def test_the_gaps_cost_the_same_queries_for_one_or_many_participants(
    session, cohort, examiner_one, django_assert_num_queries
):
    def count_for(n):
        for order in range(n):
            enrolment = factories.EnrolmentFactory(cohort=cohort)
            factories.AssignmentFactory(enrolment=enrolment, role="mentor")
            Presentation.objects.create(session=session, enrolment=enrolment, order=100 + order + n)
        with django_assert_num_queries(7) as captured:
            missing_for_finalise(session)
        return len(captured)

    assert count_for(1) == count_for(20)


# --- recording absences: refusals --------------------------------------------------------------


def test_only_the_chair_records_an_absence(presentation, session, examiner_one, examiner_two):
    with pytest.raises(PermissionDenied):
        record_absence(session, by=examiner_one, kind="member", member=examiner_two, reason="Sakit")

    assert not SessionAbsence.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_an_absence_needs_a_reason_of_reasonable_length(presentation, session, chair, examiner_two, reason):
    with pytest.raises(ValidationError) as caught:
        record_absence(session, by=chair, kind="member", member=examiner_two, reason=reason)

    assert list(caught.value.message_dict) == ["reason"]


def test_someone_off_the_panel_cannot_be_recorded_absent(presentation, session, chair):
    stranger = factories.UserFactory(full_name="Orang Lain")

    with pytest.raises(ValidationError, match="Orang Lain is not an expected scorer"):
        record_absence(session, by=chair, kind="member", member=stranger, reason="Sakit")


def test_a_participant_of_another_session_cannot_be_recorded(presentation, session, chair, elsewhere):
    with pytest.raises(ValidationError) as caught:
        record_absence(session, by=chair, kind="participant", presentation=elsewhere.presentation, reason="Sakit")

    assert "presentation" in caught.value.message_dict


def test_an_absence_is_recorded_once(presentation, session, chair):
    record_absence(session, by=chair, kind="participant", presentation=presentation, reason="Sakit")

    with pytest.raises(ValidationError, match="recorded already"):
        record_absence(session, by=chair, kind="participant", presentation=presentation, reason="Sakit lagi")

    assert SessionAbsence.objects.count() == 1


def test_an_unknown_kind_is_refused(presentation, session, chair):
    with pytest.raises(ValidationError) as caught:
        record_absence(session, by=chair, kind="holiday", presentation=presentation, reason="Libur")

    assert list(caught.value.message_dict) == ["kind"]


def test_no_absence_is_recorded_in_a_finalised_session(
    presentation, session, chair, examiner_one, examiner_two, full_scores
):
    score(presentation, examiner_one, examiner_two, full_scores=full_scores)
    services.finalise_session(session, by=chair)

    with pytest.raises(ValidationError, match="finalised"):
        record_absence(session, by=chair, kind="participant", presentation=presentation, reason="Sakit")

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events.judging import judge, leaderboard, queue
from events.models import Submission
from events.submitting import submit

from .factories import EventFactory, GroupFactory, MissionFactory, at, member, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def judge_user(event, django_user_model):
    user = django_user_model.objects.create_user("juri", full_name="Juri Satu")
    event.judges.add(user)
    return user


def hand_in(mission, group, minute=0):
    user = group.members.first().user if group.members.exists() else member(group).user
    return submit(mission, user, files=[photo()], now=at(mission.event, 0, 9, minute)).submission


def test_a_judge_approves_with_the_missions_points(event, judge_user):
    group = GroupFactory(event=event)
    submission = hand_in(MissionFactory(event=event, points=20), group)
    judged = judge(submission, approve=True, by=judge_user)
    assert (judged.status, judged.points, judged.judged_by) == (Submission.Status.APPROVED, 20, judge_user)


def test_points_can_be_adjusted_within_the_missions_worth(event, judge_user):
    submission = hand_in(MissionFactory(event=event, points=20), GroupFactory(event=event))
    assert judge(submission, approve=True, by=judge_user, points="15").points == 15
    assert judge(submission, approve=True, by=judge_user, points=12).points == 12  # adjusted again
    for bad in (21, -1, "abc"):
        with pytest.raises(ValidationError) as error:
            judge(submission, approve=True, by=judge_user, points=bad)
        assert "points" in error.value.message_dict
    submission.refresh_from_db()
    assert submission.points == 12


def test_a_creative_task_is_scored_per_criterion(event, judge_user):
    mission = MissionFactory(
        event=event,
        kind="creative",
        points=20,
        criteria=[{"name": "Gagasan", "max_points": 12}, {"name": "Kekompakan", "max_points": 8}],
    )
    submission = hand_in(mission, GroupFactory(event=event))
    with pytest.raises(ValidationError, match="“Kekompakan” between 0 and 8"):
        judge(submission, approve=True, by=judge_user, criterion_points={"Gagasan": 10, "Kekompakan": 9})
    judged = judge(submission, approve=True, by=judge_user, criterion_points={"Gagasan": "10", "Kekompakan": 7})
    assert judged.points == 17 and judged.criterion_points == {"Gagasan": 10, "Kekompakan": 7}


def test_a_rejection_needs_a_note_and_the_group_may_send_again(event, judge_user):
    group = GroupFactory(event=event)
    mission = MissionFactory(event=event)
    submission = hand_in(mission, group)
    with pytest.raises(ValidationError) as error:
        judge(submission, approve=False, by=judge_user, note=" ")
    assert "note" in error.value.message_dict
    judge(submission, approve=False, by=judge_user, note="Foto tidak menunjukkan lokasi.")
    with pytest.raises(ValidationError, match="rejected"):
        judge(submission, approve=True, by=judge_user)
    again = hand_in(mission, group, minute=5)
    assert again.attempt == 2 and again.status == Submission.Status.PENDING


def test_an_approved_submission_cannot_be_rejected_afterwards(event, judge_user):
    submission = hand_in(MissionFactory(event=event), GroupFactory(event=event))
    judge(submission, approve=True, by=judge_user)
    with pytest.raises(ValidationError, match="only have its points adjusted"):
        judge(submission, approve=False, by=judge_user, note="Salah")


def test_only_the_events_judges_and_staff_judge(event, judge_user, stranger):
    submission = hand_in(MissionFactory(event=event), GroupFactory(event=event))
    attendee = submission.submitted_by
    for outsider in (stranger, attendee):
        with pytest.raises(PermissionDenied):
            judge(submission, approve=True, by=outsider)
    staff = member(GroupFactory(event=event)).user
    event.organiser.staff.add(staff)
    assert judge(submission, approve=True, by=staff).status == Submission.Status.APPROVED


def test_another_events_judge_cannot_judge_here(event, judge_user):
    elsewhere = MissionFactory(event=EventFactory())
    submission = hand_in(elsewhere, GroupFactory(event=elsewhere.event))
    with pytest.raises(PermissionDenied):
        judge(submission, approve=True, by=judge_user)


def test_the_leaderboard_ranks_by_approved_points_and_ties_share_a_rank(event, judge_user):
    first, second, third = (GroupFactory(event=event) for _index in range(3))
    big, small = MissionFactory(event=event, points=30), MissionFactory(event=event, points=10)
    judge(hand_in(big, second), approve=True, by=judge_user)
    judge(hand_in(small, first), approve=True, by=judge_user)
    judge(hand_in(small, third), approve=True, by=judge_user)
    hand_in(big, first, minute=3)  # pending: not counted
    rows = leaderboard(event)
    assert [(group.pk, group.score, group.rank) for group in rows] == [
        (second.pk, 30, 1),
        (first.pk, 10, 2),
        (third.pk, 10, 2),
    ]
    assert rows[1].pending_count == 1


def test_a_rejection_takes_points_off_the_leaderboard_only_when_it_was_not_approved(event, judge_user):
    group = GroupFactory(event=event)
    submission = hand_in(MissionFactory(event=event, points=10), group)
    judge(submission, approve=False, by=judge_user, note="Kurang jelas")
    assert leaderboard(event)[0].score == 0


def sized_event(groups: int, per_group: int):
    event = EventFactory()
    missions = [MissionFactory(event=event) for _index in range(3)]
    for _index in range(groups):
        group = GroupFactory(event=event)
        for _person in range(per_group):
            member(group)
        for minute, mission in enumerate(missions):
            hand_in(mission, group, minute)
    return event


@pytest.mark.parametrize("groups, per_group", [(2, 2), (8, 5)])
def test_the_leaderboard_and_the_queue_take_a_fixed_number_of_queries(groups, per_group, django_assert_num_queries):
    event = sized_event(groups, per_group)
    with django_assert_num_queries(1):
        assert len(leaderboard(event)) == groups
    with django_assert_num_queries(2):
        assert len([submission.files.all() for submission in queue(event)]) == groups * 3

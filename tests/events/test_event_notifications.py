"""What events tell people, through the queue: invitations, judged missions, action items."""

import pytest

from events import actions, invitations
from events.judging import judge
from events.submitting import submit
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import UserFactory

from .factories import EventFactory, GroupFactory, MissionFactory, at, member, photo

pytestmark = pytest.mark.django_db


def test_an_invitee_is_told_of_the_event(run_tasks, django_capture_on_commit_callbacks):
    event = EventFactory(kind="retreat", title="Retret Kepala OPD")
    person = UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        invitations.invite_person(event, person)
    run_tasks(callbacks)
    notification = Notification.objects.get(recipient=person, kind=Kind.EVENT_INVITATION)
    assert notification.title == "Invitation: Retret Kepala OPD" and notification.link == f"/events/{event.pk}/"


def test_the_whole_group_learns_of_a_judgement_once(run_tasks, django_capture_on_commit_callbacks):
    group = GroupFactory(event=EventFactory())
    members = [member(group).user for _index in range(3)]
    judge_user = UserFactory()
    group.event.judges.add(judge_user)
    submission = submit(
        MissionFactory(event=group.event, title="Foto"), members[0], files=[photo()], now=at(group.event, 0, 9)
    ).submission
    with django_capture_on_commit_callbacks() as callbacks:
        judge(submission, approve=True, by=judge_user, points=8)
    run_tasks(callbacks + callbacks)
    told = Notification.objects.filter(kind=Kind.MISSION_JUDGED)
    assert sorted(told.values_list("recipient", flat=True)) == sorted(user.pk for user in members)
    assert told.first().title == "Approved: Foto (8 points)"


def test_an_owner_is_told_of_an_item_and_staff_of_its_report(run_tasks, django_capture_on_commit_callbacks):
    event = EventFactory()
    staff, owner = UserFactory(), UserFactory()
    event.organiser.staff.add(staff)
    with django_capture_on_commit_callbacks() as callbacks:
        item = actions.create(event, title="Satu data", owner=owner, due="Q2 2027", by=staff)
    run_tasks(callbacks)
    assert Notification.objects.get(recipient=owner).title.startswith("Action item for you from")
    with django_capture_on_commit_callbacks() as callbacks:
        actions.move(item, "done", by=owner, note="Portal aktif")
    run_tasks(callbacks)
    reported = Notification.objects.get(recipient=staff)
    assert reported.title == "Reported done, to verify: Satu data" and reported.body == "Portal aktif"

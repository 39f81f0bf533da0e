"""The daily command: what falls due on each recipient's own date, queued once however often it runs."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from notifications.kinds import Kind
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db
WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
DUE = datetime.date(2027, 3, 15)


def run(at: datetime.datetime) -> str:
    out = io.StringIO()
    call_command("send_reminders", at=at.isoformat(), stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def milestone_due(project, due=DUE, **fields):
    project.status = project.Status.IN_IMPLEMENTATION
    project.save()
    return factories.MilestoneFactory(
        project=project, target_date=due, start_date=due - datetime.timedelta(days=60), **fields
    )


def in_zone(user, zone: str):
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    return user


def test_seven_days_before_is_the_recipients_own_date(project):
    milestone_due(project)
    in_zone(project.enrolment.participant.user, "Asia/Jayapura")
    # 8 March 00:30 in Jayapura (WIT) is still 7 March in Jakarta: seven days before for WIT only.
    moment = datetime.datetime(2027, 3, 8, 0, 30, tzinfo=WIT)
    assert run(moment - datetime.timedelta(hours=1)) == "queued 0 reminders (0 already sent)"
    assert run(moment) == "queued 1 reminders (0 already sent)"
    reminder = Notification.objects.get()
    assert reminder.kind == Kind.MILESTONE_DUE and reminder.title.startswith("Milestone due in 7 days")
    assert reminder.key.endswith(":h-7")


def test_the_same_moment_is_a_day_earlier_in_wib(project):
    milestone_due(project)
    in_zone(project.enrolment.participant.user, "Asia/Jakarta")
    assert run(datetime.datetime(2027, 3, 8, 0, 30, tzinfo=WIT)) == "queued 0 reminders (0 already sent)"
    assert run(datetime.datetime(2027, 3, 8, 0, 30, tzinfo=WIB)) == "queued 1 reminders (0 already sent)"


@pytest.mark.parametrize(
    ("local_day", "slot", "title"),
    [
        (datetime.date(2027, 3, 12), "h-3", "Milestone due in 3 days"),
        (datetime.date(2027, 3, 14), "h-1", "Milestone due tomorrow"),
        (datetime.date(2027, 3, 15), "h-0", "Milestone due today"),
        (datetime.date(2027, 3, 22), "late-1", "Milestone overdue"),
    ],
)
def test_each_offset_opens_at_local_midnight(project, local_day, slot, title):
    milestone_due(project)
    in_zone(project.enrolment.participant.user, "Asia/Makassar")
    midnight = datetime.datetime.combine(local_day, datetime.time(0, 0), tzinfo=WITA)
    run(midnight - datetime.timedelta(minutes=1))
    before = set(Notification.objects.values_list("key", flat=True))
    run(midnight)
    new = Notification.objects.exclude(key__in=before)
    assert [n.key.rsplit(":", 1)[1] for n in new] == [slot]
    assert new.get().title.startswith(title)


def test_a_second_run_queues_nothing(project, mentor):
    milestone_due(project, due=DUE - datetime.timedelta(days=1))  # a day late on the 15th: the mentor hears too
    moment = datetime.datetime(2027, 3, 15, 6, 0, tzinfo=WIB)
    assert run(moment) == "queued 2 reminders (0 already sent)"
    assert run(moment) == "queued 0 reminders (2 already sent)"
    assert run(moment + datetime.timedelta(days=1)) == "queued 0 reminders (1 already sent)"  # the mentor's, caught up
    assert run(moment + datetime.timedelta(days=2)) == "queued 0 reminders (0 already sent)"  # none due until week 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        project.enrolment.participant.user_id,
        mentor.pk,
    }


def test_a_draft_plan_and_a_finished_milestone_are_not_reminded(project):
    factories.MilestoneFactory(project=project, target_date=DUE)  # the project is still a draft
    other = factories.ChangeProjectFactory(status="in_implementation")
    factories.MilestoneFactory(project=other, target_date=DUE, status="done", progress=100, completed_on=DUE)
    assert run(datetime.datetime(2027, 3, 15, 6, 0, tzinfo=WIB)) == "queued 0 reminders (0 already sent)"


def test_the_reminder_links_to_the_milestone_on_the_project_page(project):
    milestone = milestone_due(project)
    run(datetime.datetime(2027, 3, 15, 6, 0, tzinfo=WIB))
    assert Notification.objects.get().link == f"/projects/{project.pk}/#milestone-{milestone.pk}"


def test_an_at_without_its_zone_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="with its zone"):
        call_command("send_reminders", at="2027-03-15T06:00")

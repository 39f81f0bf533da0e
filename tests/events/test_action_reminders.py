"""Action items of an event are reminded like feedback: the owner before and after the date, staff when long overdue."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from events import actions
from events.models import ActionItem
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import UserFactory

from .factories import EventFactory, InviteeFactory

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def run(at: datetime.datetime) -> None:
    call_command("send_reminders", at=at.isoformat(), stdout=io.StringIO())


def slots(recipient) -> list[str]:
    keys = Notification.objects.filter(recipient=recipient, kind=Kind.ACTION_ITEM_DUE).order_by("pk")
    return [key.rsplit(":", 1)[1] for key in keys.values_list("key", flat=True)]


@pytest.fixture
def item():
    event = EventFactory(kind="retreat")
    staff = UserFactory(time_zone="Asia/Makassar")
    event.organiser.staff.add(staff)
    owner = InviteeFactory(event=event, user=UserFactory(time_zone="Asia/Makassar")).user
    item = actions.create(event, title="Satu data kinerja OPD", owner=owner, due="TW II 2027", by=staff)
    item.staff = staff
    return item


def test_the_owner_is_reminded_before_and_after_a_quarters_end(item):
    run(datetime.datetime(2027, 6, 23, 7, tzinfo=WITA))  # H-7 of 30 June
    run(datetime.datetime(2027, 6, 30, 7, tzinfo=WITA))
    run(datetime.datetime(2027, 7, 8, 7, tzinfo=WITA))  # a week late
    assert slots(item.owner) == ["h-7", "h-0", "late-1"]
    reminder = Notification.objects.filter(recipient=item.owner).order_by("pk").first()
    assert reminder.title.startswith("Action item due in 7 days: Satu data")
    assert reminder.link == f"/events/{item.event_id}/actions/{item.pk}/"


def test_the_organisers_staff_hear_of_an_item_long_overdue(item):
    run(datetime.datetime(2027, 7, 30, 7, tzinfo=WITA))  # 30 days late
    assert slots(item.staff) == ["long-1"]
    assert Notification.objects.get(recipient=item.staff).title.startswith("Action item long overdue")


def test_an_item_reported_done_is_no_longer_reminded(item):
    actions.move(item, ActionItem.Status.DONE, by=item.owner, note="Selesai")
    run(datetime.datetime(2027, 6, 23, 7, tzinfo=WITA))
    assert slots(item.owner) == []

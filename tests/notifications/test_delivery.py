"""Sending: claimed once, retried with back-off, failures recorded; choices, quiet hours and digests honoured."""

import datetime
import smtplib
from zoneinfo import ZoneInfo

import pytest
from django.core.mail.backends import locmem
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.kinds import Kind
from notifications.models import ChannelChoice, Delivery, NotificationSettings
from notifications.services import Message, notify
from notifications.tasks import deliver
from notifications.upkeep import gather_digests, requeue_stuck
from tests import factories

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def person(db):
    return factories.UserFactory(email="andi@example.go.id", time_zone="Asia/Makassar")


def tell(user, key="k1", kind=Kind.PROJECT_STATUS, **fields):
    return notify(
        [Message(user.pk, kind, key, fields.pop("title", "Proyek Anda disetujui"), link="/projects/1/")], **fields
    )


def test_a_failing_mail_server_is_retried_later_and_the_error_recorded(
    person, run_tasks, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("server down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    with django_capture_on_commit_callbacks() as callbacks:
        tell(person)
    run_tasks(callbacks)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.RETRYING, 1)
    assert "server down" in delivery.last_error
    assert timezone.now() + datetime.timedelta(seconds=50) < delivery.next_attempt_at
    retry = DBTaskResult.objects.filter(task_path="notifications.tasks.deliver").latest("enqueued_at")
    assert retry.run_after == delivery.next_attempt_at and retry.status == "READY"
    assert mailoutbox == []


def test_after_the_last_attempt_the_delivery_is_failed(person, monkeypatch, settings):
    settings.DELIVERY_RETRY_MINUTES = [1]
    monkeypatch.setattr(
        locmem.EmailBackend, "send_messages", lambda self, m: (_ for _ in ()).throw(OSError("no route"))
    )
    tell(person)
    delivery = Delivery.objects.get()
    assert deliver.call(delivery.pk) == "retrying"
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert deliver.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Delivery.Status.FAILED, 2, "OSError: no route")


def test_a_refused_address_fails_at_once(person, monkeypatch):
    def refused(self, messages):
        raise smtplib.SMTPRecipientsRefused({"andi@example.go.id": (550, b"no such user")})

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refused)
    tell(person)
    delivery = Delivery.objects.get()
    assert deliver.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and "refused" in delivery.last_error


def test_a_delivery_is_sent_once_however_many_tasks_ask(person, mailoutbox):
    tell(person)
    delivery = Delivery.objects.get()
    assert deliver.call(delivery.pk) == "sent"
    assert deliver.call(delivery.pk) == "not waiting"
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert delivery.sent_at and delivery.provider_id.startswith("<diklat-delivery-")


def test_a_delivery_a_killed_worker_left_claimed_is_taken_up_again(
    person, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    tell(person)
    delivery = Delivery.objects.get()
    twenty_minutes_ago = timezone.now() - datetime.timedelta(minutes=20)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENDING, claimed_at=twenty_minutes_ago, attempts=1
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert requeue_stuck() == 1
    run_tasks(callbacks)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert len(mailoutbox) == 1


def test_a_delivery_being_sent_now_is_not_taken_up(person):
    tell(person)
    Delivery.objects.update(status=Delivery.Status.SENDING, claimed_at=timezone.now())
    assert requeue_stuck() == 0


def test_a_kind_turned_off_for_email_makes_no_delivery_but_stays_in_the_centre(person):
    ChannelChoice.objects.create(user=person, kind=Kind.PROJECT_STATUS, email=False)
    assert tell(person).created == 1
    assert not Delivery.objects.exists()
    assert person.notifications.count() == 1


def test_no_address_no_delivery(db):
    nobody = factories.UserFactory(email="")
    tell(nobody)
    assert not Delivery.objects.exists()


def test_an_inactive_account_is_told_nothing(person):
    person.is_active = False
    person.save()
    assert tell(person).created == 0


def test_quiet_hours_hold_the_message_until_they_end_in_the_users_zone(person, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(user=person, quiet_from=datetime.time(21, 0), quiet_until=datetime.time(6, 0))
    late_evening = datetime.datetime(2027, 3, 15, 22, 30, tzinfo=WITA)
    with django_capture_on_commit_callbacks(execute=True):
        tell(person, now=late_evening)
    delivery = Delivery.objects.get()
    assert delivery.next_attempt_at == datetime.datetime(2027, 3, 16, 6, 0, tzinfo=WITA)
    task = DBTaskResult.objects.get(task_path="notifications.tasks.deliver")
    assert task.run_after == datetime.datetime(2027, 3, 16, 6, 0, tzinfo=WITA)


def test_outside_quiet_hours_the_message_goes_at_once(person):
    NotificationSettings.objects.create(user=person, quiet_from=datetime.time(21, 0), quiet_until=datetime.time(6, 0))
    noon = datetime.datetime(2027, 3, 15, 12, 0, tzinfo=WITA)
    tell(person, now=noon)
    assert Delivery.objects.get().next_attempt_at == noon


def test_a_digest_holds_the_days_messages_and_sends_them_as_one(
    person, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationSettings.objects.create(user=person, digest=True)
    tell(person, key="a", title="Tonggak capaian jatuh tempo besok")
    tell(person, key="b", title="Masukan baru dari penguji")
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DIGEST}
    with django_capture_on_commit_callbacks() as callbacks:
        assert gather_digests() == 1
    run_tasks(callbacks)
    assert len(mailoutbox) == 1
    digest_mail = mailoutbox[0]
    assert "2 notifications today" in digest_mail.subject
    assert "Tonggak capaian jatuh tempo besok" in digest_mail.body and "Masukan baru dari penguji" in digest_mail.body
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    with django_capture_on_commit_callbacks() as callbacks:
        assert gather_digests() == 0  # nothing held any more


def test_a_retry_that_would_fall_in_quiet_hours_waits_until_they_end(person, monkeypatch):
    NotificationSettings.objects.create(user=person, quiet_from=datetime.time(21, 0), quiet_until=datetime.time(6, 0))
    evening = datetime.datetime(2027, 3, 15, 20, 58, tzinfo=WITA)
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", lambda self, m: (_ for _ in ()).throw(OSError("down")))
    tell(person, now=evening)
    delivery = Delivery.objects.get()
    monkeypatch.setattr(timezone, "now", lambda: evening)
    assert deliver.call(delivery.pk) == "retrying"  # a minute later would be 20:59; five, 21:03
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == datetime.datetime(2027, 3, 15, 20, 59, tzinfo=WITA)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=evening)
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == datetime.datetime(2027, 3, 16, 6, 0, tzinfo=WITA)


def test_a_digest_that_cannot_be_sent_fails_each_of_its_messages(
    person, run_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    def refused(self, messages):
        raise smtplib.SMTPRecipientsRefused({"andi@example.go.id": (550, b"no such user")})

    NotificationSettings.objects.create(user=person, digest=True)
    tell(person, key="a")
    tell(person, key="b")
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refused)
    with django_capture_on_commit_callbacks() as callbacks:
        gather_digests()
    run_tasks(callbacks)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.FAILED}
    assert all("refused" in error for error in Delivery.objects.values_list("last_error", flat=True))

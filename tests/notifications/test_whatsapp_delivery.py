"""WhatsApp deliveries through the gateway: sent, retried after a 500 or a timeout, rate-limited, never twice."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.kinds import Kind
from notifications.models import Delivery
from notifications.services import Message, notify, resend
from notifications.tasks import deliver
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return factories.UserFactory(email="", mobile_phone="+6281234567890")


def whatsapp_delivery(user, key="k") -> Delivery:
    notify(
        [Message(user.pk, Kind.RESULT_RELEASED, key, "Hasil seminar Anda sudah terbit", "Buka halaman hasil.", "/x/")]
    )
    return Delivery.objects.get(notification__key=key, channel="whatsapp")


def test_a_message_reaches_the_gateway_with_its_reference(person, fake_gateway):
    delivery = whatsapp_delivery(person)
    assert deliver.call(delivery.pk) == "sent"
    (received,) = fake_gateway.messages
    assert received.to == "+6281234567890" and "*Hasil seminar Anda sudah terbit*" in received.message
    assert received.reference == delivery.reference
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.provider_id) == ("sent", 1, received.id)


def test_a_500_is_retried_with_back_off_and_then_sent(person, fake_gateway):
    fake_gateway.respond(status=500)
    delivery = whatsapp_delivery(person)
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.status == "retrying" and "500" in delivery.last_error and delivery.attempts == 1
    assert DBTaskResult.objects.filter(
        task_path="notifications.tasks.deliver", run_after=delivery.next_attempt_at
    ).exists()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())  # the minute has passed
    assert deliver.call(delivery.pk) == "sent"
    assert len(fake_gateway.messages) == 1


def test_a_timeout_is_recorded_and_retried_and_the_gateway_keeps_one_message(person, fake_gateway):
    fake_gateway.respond(delay=1.0)  # accepted, but after the 0.5 s the adapter waits
    delivery = whatsapp_delivery(person)
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert "time" in delivery.last_error.lower()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert deliver.call(delivery.pk) == "sent"
    assert len(fake_gateway.messages) == 1  # the retry carried the same reference: not delivered twice


def test_a_429_waits_at_least_as_long_as_the_gateway_asks(person, fake_gateway):
    fake_gateway.respond(status=429, retry_after=600)
    delivery = whatsapp_delivery(person)
    before = timezone.now()
    deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.next_attempt_at >= before + datetime.timedelta(seconds=600)


def test_an_unknown_number_fails_without_retry(person, fake_gateway):
    fake_gateway.respond(status=400, body={"error": "nomor tidak terdaftar di WhatsApp"})
    delivery = whatsapp_delivery(person)
    assert deliver.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "nomor tidak terdaftar" in delivery.last_error


def test_past_the_per_minute_cap_a_message_waits_without_using_an_attempt(person, fake_gateway, settings):
    settings.WHATSAPP_PER_MINUTE = 1
    first, second = whatsapp_delivery(person, "a"), whatsapp_delivery(person, "b")
    assert deliver.call(first.pk) == "sent"
    assert deliver.call(second.pk) == "rate limited"
    second.refresh_from_db()
    assert (second.status, second.attempts) == ("retrying", 0)
    assert second.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert len(fake_gateway.messages) == 1


def test_staff_resending_makes_it_a_new_message_for_the_gateway(person, fake_gateway):
    delivery = whatsapp_delivery(person)
    deliver.call(delivery.pk)
    resend(delivery)
    assert deliver.call(delivery.pk) == "sent"
    assert len(fake_gateway.messages) == 2
    assert fake_gateway.messages[0].reference != fake_gateway.messages[1].reference


def test_without_a_gateway_the_worker_prints_the_message(person, settings, capsys):
    settings.WHATSAPP_GATEWAY_URL = ""
    delivery = whatsapp_delivery(person)
    assert deliver.call(delivery.pk) == "sent"
    assert "+6281234567890" in capsys.readouterr().out

"""Sending, in the worker: one task per delivery (or digest), claimed once, retried with back-off."""

import datetime
import logging

from django.conf import settings
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from .channels import channel_for
from .channels.base import PermanentFailure, TemporaryFailure
from .kinds import Channel
from .models import Delivery, Digest
from .preferences import recipients
from .render import digest_outgoing, outgoing

logger = logging.getLogger(__name__)
WAITING = [Delivery.Status.QUEUED, Delivery.Status.RETRYING]


def _claim(model, pk: int, now: datetime.datetime) -> bool:
    """Take the row for this worker: a conditional UPDATE, so two workers never both send it."""
    due = Q(status__in=WAITING)
    if model is Delivery:
        due &= Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + datetime.timedelta(seconds=1))
    claimed = model.objects.filter(due, pk=pk).update(
        status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def _later(attempts: int, retry_after: float | None, now: datetime.datetime) -> datetime.datetime | None:
    """When to try again after this many attempts; None when the attempts are used up."""
    steps = settings.DELIVERY_RETRY_MINUTES
    if attempts > len(steps):
        return None
    wait = datetime.timedelta(minutes=steps[attempts - 1])
    if retry_after:
        wait = max(wait, datetime.timedelta(seconds=retry_after))
    return now + wait


def _whatsapp_is_busy(now: datetime.datetime) -> bool:
    """The gateway's per-minute cap, counted in the database so that every worker sees the same count."""
    recent = Delivery.objects.filter(channel=Channel.WHATSAPP, sent_at__gte=now - datetime.timedelta(minutes=1))
    return recent.count() >= settings.WHATSAPP_PER_MINUTE


def _failed(model, row, error: str) -> str:
    """Record the failure; a digest's held messages fail with it, so that staff see each one."""
    model.objects.filter(pk=row.pk).update(
        status=Delivery.Status.FAILED, last_error=error, **({"next_attempt_at": None} if model is Delivery else {})
    )
    if model is Digest:
        row.deliveries.update(status=Delivery.Status.FAILED, last_error=error)
    return "failed"


def _send(model, row, message, now: datetime.datetime, task_fn) -> str:
    """Send and record the outcome on the row (a Delivery or a Digest); queue the retry if there is one."""
    rows = model.objects.filter(pk=row.pk)
    try:
        provider_id = channel_for(row.channel).send(message)
    except PermanentFailure as error:
        return _failed(model, row, str(error)[:300])
    except Exception as error:
        if not isinstance(error, TemporaryFailure):
            logger.exception("delivery %s %s failed unexpectedly", model.__name__, row.pk)
        retry_after = getattr(error, "retry_after", None)
        at = _later(row.attempts, retry_after, now)
        text = (str(error) or error.__class__.__name__)[:300]
        if at is None:
            return _failed(model, row, text)
        if model is Delivery:  # a retry waits out the recipient's quiet hours too
            person = recipients([row.notification.recipient_id]).get(row.notification.recipient_id)
            at = (person and person.quiet_end(at)) or at
        fields = {"next_attempt_at": at} if model is Delivery else {}
        rows.update(status=Delivery.Status.RETRYING, last_error=text, **fields)
        task_fn.using(run_after=at).enqueue(row.pk)
        return "retrying"
    fields = {"provider_id": provider_id[:100]} if model is Delivery else {}
    rows.update(status=Delivery.Status.SENT, sent_at=timezone.now(), last_error="", **fields)
    if model is Digest:
        row.deliveries.update(status=Delivery.Status.SENT, sent_at=timezone.now())
    return "sent"


@task()
def deliver(delivery_id: int) -> str:
    """Send one delivery if it is still waiting and due; the outcome is written on it."""
    now = timezone.now()
    if not _claim(Delivery, delivery_id, now):
        return "not waiting"
    delivery = Delivery.objects.select_related("notification").get(pk=delivery_id)
    if delivery.channel == Channel.WHATSAPP and _whatsapp_is_busy(now):
        at = now + datetime.timedelta(seconds=60)
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.RETRYING, attempts=F("attempts") - 1, next_attempt_at=at
        )
        deliver.using(run_after=at).enqueue(delivery_id)
        return "rate limited"
    return _send(Delivery, delivery, outgoing(delivery), now, deliver)


@task()
def deliver_digest(digest_id: int) -> str:
    """Send one user's day of held messages on one channel as a single message."""
    now = timezone.now()
    if not _claim(Digest, digest_id, now):
        return "not waiting"
    digest = Digest.objects.get(pk=digest_id)
    held = list(
        digest.deliveries.select_related("notification").order_by("notification__created_at", "notification__pk")
    )
    if not held:
        Digest.objects.filter(pk=digest_id).update(status=Delivery.Status.SENT, sent_at=now)
        return "empty"
    person = recipients([digest.user_id]).get(digest.user_id)
    address = person.address(digest.channel) if person else held[-1].address
    message = digest_outgoing(digest, address or held[-1].address, [row.notification for row in held])
    return _send(Digest, digest, message, now, deliver_digest)

"""Recording notifications once, with their deliveries; the sending is queued when the transaction commits."""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .kinds import Channel, Kind
from .models import ChannelChoice, Delivery, Notification, NotificationSettings
from .preferences import Recipient, recipients
from .tasks import deliver

RESENDABLE = (Delivery.Status.FAILED, Delivery.Status.SENT)
# At this many rows per INSERT both SQLite and PostgreSQL stay well under their parameter limits.
BATCH = 500


@dataclass(frozen=True)
class Message:
    recipient_id: int
    kind: str
    key: str
    title: str
    body: str = ""
    link: str = ""
    cohort_id: int | None = None


@dataclass(frozen=True)
class Recorded:
    created: int  # new notifications
    existing: int  # keys already taken: sent before, by this run's predecessor or a concurrent one


def _deliveries(notification: Notification, recipient: Recipient, now: datetime.datetime) -> list[Delivery]:
    planned = []
    for channel in Channel:
        address = recipient.address(channel)
        if not address or not recipient.wants(notification.kind, channel):
            continue
        if recipient.digest:
            status, at = Delivery.Status.DIGEST, None
        else:
            status, at = Delivery.Status.QUEUED, recipient.quiet_end(now) or now
        planned.append(
            Delivery(notification=notification, channel=channel, address=address, status=status, next_attempt_at=at)
        )
    return planned


def notify(messages: Iterable[Message], *, now: datetime.datetime | None = None) -> Recorded:
    """Record each message whose key is new, with a delivery on each channel its recipient wants.

    Safe to call twice with the same messages, or from two servers at once: the unique key lets
    one insert win, and only the notifications this call created get deliveries.
    """
    messages = list({message.key: message for message in messages}.values())
    now = now or timezone.now()
    run = uuid.uuid4()
    with transaction.atomic():
        people = recipients({message.recipient_id for message in messages})
        wanted = [message for message in messages if message.recipient_id in people]
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=m.recipient_id,
                    kind=m.kind,
                    key=m.key,
                    title=m.title[:200],
                    body=m.body[:2000],
                    link=m.link[:300],
                    cohort_id=m.cohort_id,
                    run=run,
                    created_at=now,
                )
                for m in wanted
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        created = list(Notification.objects.filter(run=run).order_by("pk"))
        planned = [
            delivery
            for notification in created
            for delivery in _deliveries(notification, people[notification.recipient_id], now)
        ]
        Delivery.objects.bulk_create(planned, batch_size=BATCH)
        queue_deliveries([delivery for delivery in planned if delivery.status == Delivery.Status.QUEUED])
    return Recorded(created=len(created), existing=len(messages) - len(created))


def queue_deliveries(deliveries: Sequence[Delivery]) -> None:
    """Enqueue each delivery's sending once the data it reads is committed."""
    jobs = [(delivery.pk, delivery.next_attempt_at) for delivery in deliveries]

    def enqueue():
        for pk, at in jobs:
            deliver.using(run_after=at if at and at > timezone.now() else None).enqueue(pk)

    if jobs:
        transaction.on_commit(enqueue)


@transaction.atomic
def resend(delivery: Delivery, *, now: datetime.datetime | None = None) -> Delivery:
    """Queue a failed (or sent) delivery once more, for staff; the attempts start again.

    One on its way (queued, sending, retrying) or held for the digest is left as it is: resending it
    would send it twice, or pull it out of the digest.
    """
    now = now or timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status__in=RESENDABLE).update(
        status=Delivery.Status.QUEUED,
        attempts=0,
        last_error="",
        next_attempt_at=now,
        claimed_at=None,
        resends=F("resends") + 1,
    )
    before = delivery.resends
    delivery.refresh_from_db()
    if delivery.resends != before:
        queue_deliveries([delivery])
    return delivery


def mark_read(user, notification_ids=None, *, now: datetime.datetime | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given)."""
    unread = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=now or timezone.now())


@transaction.atomic
def save_preferences(
    user, *, choices: dict[str, tuple[bool, bool]], digest: bool, quiet_from, quiet_until, mobile_phone: str
):
    """Store the user's channels per kind (only where they differ from the default), digest and quiet hours."""
    ChannelChoice.objects.filter(user=user).delete()
    ChannelChoice.objects.bulk_create(
        [
            ChannelChoice(user=user, kind=kind, email=email, whatsapp=whatsapp)
            for kind, (email, whatsapp) in choices.items()
            if not (email and whatsapp)
        ]
    )
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"digest": digest, "quiet_from": quiet_from, "quiet_until": quiet_until}
    )
    if user.mobile_phone != mobile_phone:
        user.mobile_phone = mobile_phone
        user.save(update_fields=["mobile_phone"])


@transaction.atomic
def unsubscribe(user_id: int, kind: str) -> None:
    """Turn e-mail off for one kind, or for every kind when none is given (the link in each e-mail)."""
    for each in [kind] if kind else list(Kind.values):
        choice, _created = ChannelChoice.objects.get_or_create(user_id=user_id, kind=each)
        if choice.email:
            choice.email = False
            choice.save(update_fields=["email"])

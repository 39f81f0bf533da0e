"""The daily run's housekeeping: bundle held messages into digests, take up deliveries a worker dropped."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Delivery, Digest
from .preferences import recipients
from .tasks import deliver, deliver_digest


def gather_digests(now: datetime.datetime | None = None) -> int:
    """One digest per user and channel for the day's held messages; returns how many were queued."""
    now = now or timezone.now()
    held = defaultdict(list)
    for pk, user_id, channel in Delivery.objects.filter(status=Delivery.Status.DIGEST, digest__isnull=True).values_list(
        "pk", "notification__recipient_id", "channel"
    ):
        held[user_id, channel].append(pk)
    people = recipients({user_id for user_id, _channel in held})
    queued = []
    with transaction.atomic():
        for (user_id, channel), delivery_ids in held.items():
            person = people.get(user_id)
            if person is None:
                continue
            digest, _created = Digest.objects.get_or_create(
                user_id=user_id, channel=channel, on=person.local(now).date()
            )
            if digest.status not in (Delivery.Status.QUEUED, Delivery.Status.RETRYING) or digest.claimed_at:
                continue  # today's digest went out already: these wait for tomorrow's
            Delivery.objects.filter(pk__in=delivery_ids, digest__isnull=True).update(digest=digest)
            queued.append((digest.pk, person.quiet_end(now)))

        def enqueue():
            for pk, at in queued:
                deliver_digest.using(run_after=at).enqueue(pk)

        transaction.on_commit(enqueue)
    return len(queued)


def requeue_stuck(now: datetime.datetime | None = None) -> int:
    """Queue again what a killed worker left claimed, or what lost its task; the claim stops a double send."""
    now = now or timezone.now()
    after = datetime.timedelta(minutes=settings.DELIVERY_STUCK_MINUTES)
    stuck = list(Delivery.objects.stuck(now, after).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=stuck, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.RETRYING, next_attempt_at=now
    )
    digests = list(
        Digest.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - after).values_list("pk", flat=True)
    )
    Digest.objects.filter(pk__in=digests).update(status=Delivery.Status.RETRYING)

    def enqueue():
        for pk in stuck:
            deliver.enqueue(pk)
        for pk in digests:
            deliver_digest.enqueue(pk)

    transaction.on_commit(enqueue)
    return len(stuck) + len(digests)

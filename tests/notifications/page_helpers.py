"""Rows for the notification pages' tests: notifications and deliveries made directly, many at once."""

import datetime
import itertools

from django.utils import timezone

from notifications.kinds import Channel, Kind
from notifications.models import Delivery, Notification

_keys = itertools.count(1)


def notifications(user, count=1, *, read=False, cohort=None, kind=Kind.MILESTONE_DUE, link="/projects/", **fields):
    """``count`` notifications for ``user``, the newest last (one minute apart, ending now)."""
    now = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            key=f"test-{next(_keys)}",
            title=fields.get("title", f"Pemberitahuan {i + 1}"),
            body=fields.get("body", ""),
            link=link,
            cohort=cohort,
            created_at=now - datetime.timedelta(minutes=count - i),
            read_at=now if read else None,
        )
        for i in range(count)
    ]
    return Notification.objects.bulk_create(rows)


def deliveries(user, count=1, *, cohort, channel=Channel.EMAIL, status=Delivery.Status.SENT, **fields):
    """``count`` deliveries to ``user`` of notifications about ``cohort``, one notification each."""
    address = fields.pop("address", user.email or f"{user.username}@example.go.id")
    made = notifications(user, count, cohort=cohort, **fields)
    return Delivery.objects.bulk_create(
        [
            Delivery(
                notification=n,
                channel=channel,
                address=address,
                status=status,
                attempts=1,
                last_error="Gateway answered 500" if status == Delivery.Status.FAILED else "",
                sent_at=timezone.now() if status == Delivery.Status.SENT else None,
                created_at=n.created_at,
            )
            for n in made
        ]
    )

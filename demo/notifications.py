"""The demo's notifications: the history the build's decisions produced, today's reminders, and every state.

The build's transitions and released results queue their notifications like any change. load_demo runs
that queue once, in-process, with mail kept in memory: what happened before today is history, not mail
to send again. Today's reminders are then queued for the worker (`make run` starts one). A few
deliveries are set in the states a real day leaves behind (failed, waiting to retry, held for a
digest), and the demo people's choices show each preference: the mentor takes a daily digest, the
examiner keeps quiet hours, the participant gets WhatsApp.
"""

import datetime

from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.reminders.run import due_reminders
from notifications.services import Message, notify

from .people import Cast

IN_MEMORY = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PARTICIPANT_WHATSAPP = "+6281234500001"


def run_history() -> None:
    """Turn the build's queued decisions into notifications, sending their mail nowhere."""
    with override_settings(MAILERS=IN_MEMORY, WHATSAPP_GATEWAY_URL=""):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="load-demo",
            excluded_queue_names=[],
        ).run()


def settle_history(cast: Cast, now: datetime.datetime) -> None:
    """The history has been read, but for the participant's newest news (their released result)."""
    history = Notification.objects.filter(key__startswith="event:", read_at__isnull=True)
    participant = cast.enrolled[0].participant.user
    newest = history.filter(recipient=participant).order_by("-pk").values_list("pk", flat=True)[:1]
    history.exclude(pk__in=list(newest)).update(read_at=now)


def ensure_choices(cast: Cast) -> None:
    first = cast.enrolled[0]
    participant = first.participant.user
    if participant.mobile_phone != PARTICIPANT_WHATSAPP:
        participant.mobile_phone = PARTICIPANT_WHATSAPP
        participant.save(update_fields=["mobile_phone"])
    NotificationSettings.objects.get_or_create(user=first.mentor, defaults={"digest": True})
    NotificationSettings.objects.get_or_create(
        user=cast.examiners[0], defaults={"quiet_from": datetime.time(21, 0), "quiet_until": datetime.time(6, 0)}
    )


def ensure_states(cast: Cast, now: datetime.datetime) -> None:
    """One delivery failed after its attempts, one waiting to retry, one read notification, for the demo people."""
    first = cast.enrolled[0]
    project = first.enrolment.project
    link = f"/projects/{project.pk}/"
    samples = [
        Message(
            first.participant.user_id,
            Kind.BUDGET_APPROVED,
            "demo:budget-approved",
            "Anggaran disetujui: Pengadaan perangkat pemantauan media",
            "Rp 3.800.000 untuk tahun anggaran berikutnya.",
            link,
            first.enrolment.cohort_id,
        ),
        Message(
            first.participant.user_id,
            Kind.ADOPTION_STAGE,
            "demo:adoption",
            "Dinas Komunikasi dan Informatika: diterapkan",
            "Replikasi SIGAP HUMAS berjalan.",
            f"/rollout/projects/{project.pk}/",
            first.enrolment.cohort_id,
        ),
    ]
    notify(samples, now=now)
    failed = Delivery.objects.filter(notification__key="demo:budget-approved", channel="whatsapp")
    failed.update(
        status=Delivery.Status.FAILED,
        attempts=6,
        last_error="Gateway menjawab 500: layanan sedang gangguan",
        next_attempt_at=None,
    )
    retrying = Delivery.objects.filter(notification__key="demo:adoption", channel="whatsapp")
    retrying.update(
        status=Delivery.Status.RETRYING,
        attempts=2,
        last_error="Waktu habis menunggu gateway (10 detik)",
        next_attempt_at=now + datetime.timedelta(minutes=30),
    )
    Notification.objects.filter(key="demo:adoption").update(read_at=now)


def build_notifications(cast: Cast, now: datetime.datetime | None = None) -> int:
    """Everything above; returns how many reminders were queued for today."""
    now = now or timezone.now()
    run_history()
    settle_history(cast, now)
    ensure_choices(cast)
    ensure_states(cast, now)
    return notify(due_reminders(now), now=now).created

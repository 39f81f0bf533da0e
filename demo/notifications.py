"""The demo's notifications: the history the build's decisions produced, today's reminders, and every state.

The build's transitions and released results queue their notifications like any change. load_demo runs
those tasks itself and records their messages as sent: what happened before today is history, not mail
to send now. Today's reminders are then queued for the worker (`make run` starts one). A few
deliveries are set in the states a real day leaves behind (failed, waiting to retry, held for a
digest), and the demo people's choices show each preference: the mentor takes a daily digest, the
examiner keeps quiet hours, the participant gets WhatsApp. The reminders of the past week are queued
as the daily run would have queued them.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.reminders.run import due_reminders
from notifications.services import Message, notify
from notifications.worker import in_process_worker
from projects.models import Milestone

from .people import Cast

PARTICIPANT_WHATSAPP = "+6281234500001"
WEEK = 6  # days of catch-up: each item's reminder of the last week


def run_history(now: datetime.datetime) -> None:
    """Turn the build's queued decisions into notifications whose messages count as sent long ago."""
    worker = in_process_worker("load-demo")
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    decisions = list(DBTaskResult.objects.ready().exclude(task_path__startswith="notifications."))
    for result in decisions:
        result.claim(worker.worker_id)
        worker.run_task(result)
    Delivery.objects.filter(notification__pk__gt=before, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENT, attempts=1, sent_at=now
    )


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
    overdue = Milestone.objects.overdue(now.date()).filter(project=project).order_by("target_date", "pk").first()
    if overdue is not None:  # the mentor takes a digest: this one waits for tomorrow's
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Your participant's milestone is overdue: %(activity)s") % {"activity": overdue.activity}
        samples.append(
            Message(
                first.mentor.pk, Kind.MILESTONE_DUE, "demo:mentor-digest", title, "", link, first.enrolment.cohort_id
            )
        )
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
    run_history(now)
    settle_history(cast, now)
    ensure_choices(cast)
    ensure_states(cast, now)
    # The past week's reminders, as if the daily run had been running: the demo's plans are dated from
    # the day it is built, so the participant's overdue milestone is among them.
    return notify(due_reminders(now, catch_up=WEEK), now=now).created

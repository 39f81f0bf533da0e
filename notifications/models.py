"""Notifications (the in-app centre), their deliveries by e-mail and WhatsApp, and each user's choices."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diklat.models import Cohort

from .kinds import REMINDER_KINDS, Channel, Kind


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing one person is told; shown in their notification centre and sent on their channels."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    # One per item, recipient and occasion (a reminder's offset, an event's row): a second run, a second
    # server or a retried task finds the key taken and creates nothing.
    key = models.CharField(_("key"), max_length=160, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=2000, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # Which organiser's staff see it on their delivery page.
    cohort = models.ForeignKey(
        Cohort, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("cohort")
    )
    # The run of `send_reminders` (or the task) that created it: how a run counts what it queued itself.
    run = models.UUIDField(_("run"), null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_by_recipient"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_reminder(self) -> bool:
        return self.kind in REMINDER_KINDS


class DeliveryQuerySet(models.QuerySet):
    def stuck(self, now: datetime.datetime, after: datetime.timedelta):
        """Claimed by a worker that never finished (killed mid-task), or queued with no task to run it."""
        return self.filter(
            Q(status=Delivery.Status.SENDING, claimed_at__lt=now - after)
            | Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRYING], next_attempt_at__lt=now - after)
        )


class Delivery(models.Model):
    """A notification on one outgoing channel: its address, status, attempts and last error."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Waiting to retry")
        DIGEST = "digest", _("Held for the daily digest")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification, models.CASCADE, related_name="deliveries", verbose_name=_("notification")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    address = models.CharField(_("address"), max_length=254)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's id"), max_length=100, blank=True)
    # Staff resending a delivery makes it a new message for the gateway (a new reference).
    resends = models.PositiveSmallIntegerField(_("resent"), default=0)
    digest = models.ForeignKey(
        "Digest", models.SET_NULL, null=True, blank=True, related_name="deliveries", verbose_name=_("digest")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_by_status"),
            models.Index(fields=["channel", "sent_at"], name="delivery_sent_by_channel"),
            models.Index(fields=["-created_at", "-id"], name="delivery_newest_first"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.address}: {self.get_status_display()}"

    @property
    def reference(self) -> str:
        """The same on every attempt: the gateway's idempotency key and the mail's Message-ID."""
        return f"diklat-delivery-{self.pk}-{self.resends}"


class Digest(models.Model):
    """One day's held messages of one user on one channel, sent as a single message."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("user"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    on = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=Delivery.Status, default=Delivery.Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "channel", "on"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return f"{self.user} {self.on} {self.get_channel_display()}"


class NotificationSettings(models.Model):
    """A user's daily digest and quiet hours (in their own time zone)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_settings", verbose_name=_("user")
    )
    digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("One message a day with everything, instead of one message per notification."),
    )
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(quiet_from__isnull=True, quiet_until__isnull=True)
                | Q(quiet_from__isnull=False, quiet_until__isnull=False),
                name="quiet_hours_have_both_ends",
            ),
        ]

    def __str__(self):
        return str(self.user)


class ChannelChoice(models.Model):
    """A user's channels for one kind, where they differ from the default (e-mail and WhatsApp on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="channel_choices", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    email = models.BooleanField(_("e-mail"), default=True)
    whatsapp = models.BooleanField(_("WhatsApp"), default=True)

    class Meta:
        verbose_name = _("channel choice")
        verbose_name_plural = _("channel choices")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="channel_choice_once_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"

"""What an event decided: action items with an owner and a due date, followed up to verification."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Agency

from .events import Event


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[ActionItem.Status.DONE, ActionItem.Status.VERIFIED])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class ActionItem(models.Model):
    """A decision or commitment of an event, owned by a head of agency, due by a date or a quarter."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done, to be verified")
        VERIFIED = "verified", _("Verified")

    event = models.ForeignKey(Event, models.CASCADE, related_name="action_items", verbose_name=_("event"))
    title = models.CharField(_("decision or commitment"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="event_action_items", verbose_name=_("owner")
    )
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="event_action_items", verbose_name=_("agency")
    )
    due_date = models.DateField(_("due date"))
    due_as_written = models.CharField(_("due (as written)"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["status", "due_date"], name="action_item_due")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:action", args=[self.event_id, self.pk])


class ActionUpdate(models.Model):
    """A step in an action item's follow-up: who moved it to which status, and what they said."""

    item = models.ForeignKey(ActionItem, models.CASCADE, related_name="updates", verbose_name=_("action item"))
    status = models.CharField(_("status"), max_length=12, choices=ActionItem.Status)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("action item update")
        verbose_name_plural = _("action item updates")

    def __str__(self):
        return f"{self.item} — {self.get_status_display()}"

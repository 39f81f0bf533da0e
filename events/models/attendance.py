"""Who is invited to an event, their answer (apologies with a reason), and their check-ins per day and session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Agency

from .events import AgendaSession, Event


class ApologyReason(models.TextChoices):
    OTHER_TRAINING = "other_training", _("In other training (e.g. a Diklat)")
    OFFICIAL_DUTY = "official_duty", _("On official duty")
    SICK = "sick", _("Sick")
    LEAVE = "leave", _("On leave")
    OTHER = "other", _("Other reason")


class InviteeQuerySet(models.QuerySet):
    def expected(self):
        """Those who have not sent their apologies: the people groups and attendance lists are made of."""
        return self.exclude(response=Invitee.Response.APOLOGISED)


class Invitee(models.Model):
    """One person invited to an event, in the position and agency they were invited for."""

    class Response(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ATTENDING = "attending", _("Will attend")
        APOLOGISED = "apologised", _("Apologies sent")

    event = models.ForeignKey(Event, models.CASCADE, related_name="invitees", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="event_invitations", verbose_name=_("person")
    )
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="event_invitees", verbose_name=_("agency")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    response = models.CharField(_("answer"), max_length=10, choices=Response, default=Response.PENDING)
    apology_reason = models.CharField(_("reason"), max_length=16, choices=ApologyReason, blank=True)
    apology_note = models.CharField(_("note"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    group = models.ForeignKey(
        "events.Group", models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("group")
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    objects = InviteeQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "pk"]
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="invitee_once_per_event"),
            models.CheckConstraint(
                condition=Q(response="apologised", apology_reason__gt="") | ~Q(response="apologised"),
                name="invitee_apology_has_a_reason",
            ),
        ]

    def __str__(self):
        return str(self.user)


class CheckIn(models.Model):
    """Presence recorded for one day of the event, or for one of its agenda sessions."""

    class Method(models.TextChoices):
        CODE = "code", _("Check-in code")
        STAFF = "staff", _("Ticked by staff")

    invitee = models.ForeignKey(Invitee, models.CASCADE, related_name="check_ins", verbose_name=_("invitee"))
    day = models.DateField(_("day"))
    session = models.ForeignKey(
        AgendaSession,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
        verbose_name=_("session"),
        help_text=_("Empty for the day's arrival."),
    )
    checked_in_at = models.DateTimeField(_("arrived at"))
    late = models.BooleanField(_("late"), default=False)
    method = models.CharField(_("how"), max_length=5, choices=Method)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["day", "checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["invitee", "day"], condition=Q(session__isnull=True), name="check_in_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["invitee", "session"], condition=Q(session__isnull=False), name="check_in_once_a_session"
            ),
        ]

    def __str__(self):
        return f"{self.invitee} — {self.day:%d-%m-%Y}"

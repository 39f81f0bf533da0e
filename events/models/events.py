"""A leadership event: a retreat or capacity-building days for the heads of agencies, with venues and agenda."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from diklat.models import Organiser
from evidence.models import EvidenceFile
from regions.models import ZONE_ABBREVIATIONS, Region

# The longest event the product plans for; a typo in a year should not make a 400-day retreat.
MAX_EVENT_DAYS = 14


class EventQuerySet(models.QuerySet):
    def organised_by(self, user):
        """The events the user manages as staff of their organiser (every one for a superuser)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(organiser__staff=user)

    def attended_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(invitees__user=user)

    def judged_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(judges=user)

    def visible_to(self, user):
        """Every event the user manages, attends or judges: never another one."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        ids = set(self.organised_by(user).values_list("pk", flat=True))
        ids |= set(self.model.objects.filter(invitees__user=user).values_list("pk", flat=True))
        ids |= set(self.model.objects.filter(judges=user).values_list("pk", flat=True))
        return self.filter(pk__in=ids)


class Event(models.Model):
    """A short leadership event run by a training agency for a government's heads of agencies."""

    class Kind(models.TextChoices):
        RETREAT = "retreat", _("Retreat")
        CAPACITY_BUILDING = "capacity_building", _("Capacity building")
        COORDINATION = "coordination", _("Coordination meeting")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    organiser = models.ForeignKey(Organiser, models.PROTECT, related_name="events", verbose_name=_("organiser"))
    host_government = models.ForeignKey(
        Region, models.PROTECT, related_name="events", verbose_name=_("host government")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=32, choices=[(zone, zone) for zone in ZONE_ABBREVIATIONS], default="Asia/Jakarta"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    objectives = models.TextField(_("objectives"), blank=True)
    day_starts_at = models.TimeField(
        _("day starts at"),
        default=datetime.time(7, 0),
        help_text=_("Arrivals after this time, plus the grace minutes, are recorded as late."),
    )
    late_after_minutes = models.PositiveSmallIntegerField(_("grace minutes"), default=15)
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="judged_events", verbose_name=_("judges")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("leadership event")
        verbose_name_plural = _("leadership events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="event_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(time_zone__in=list(ZONE_ABBREVIATIONS)), name="event_time_zone_is_indonesian"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
            if (self.ends_on - self.starts_on).days + 1 > MAX_EVENT_DAYS:
                raise ValidationError({"ends_on": _("An event lasts %(max)s days at most.") % {"max": MAX_EVENT_DAYS}})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_abbreviation(self) -> str:
        return ZONE_ABBREVIATIONS[self.time_zone]

    @property
    def days(self) -> list[datetime.date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=offset) for offset in range(count)]

    def local_moment(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        """A wall-clock time of one of the event's days, in the event's zone (07:00 WITA on day 2)."""
        return datetime.datetime.combine(day, time, tzinfo=self.zone)

    def local_today(self, now: datetime.datetime) -> datetime.date:
        return now.astimezone(self.zone).date()


class Venue(models.Model):
    """A candidate location, weighed before one is chosen."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="venues", verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (Rp)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Capacity, distance, access, what speaks for it."))
    chosen = models.BooleanField(_("chosen"), default=False)

    class Meta:
        ordering = ["-chosen", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(fields=["event"], condition=Q(chosen=True), name="event_one_chosen_venue"),
            models.UniqueConstraint(fields=["event", "name"], name="venue_name_unique_per_event"),
        ]

    def __str__(self):
        return self.name


class AgendaSession(models.Model):
    """One item of the agenda: a talk, a discussion, a mission block, on one day of the event."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="sessions", verbose_name=_("event"))
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    partner = models.CharField(
        _("partner institution"), max_length=200, blank=True, help_text=_("E.g. Kodam, Kemendagri, Lemhannas.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["day", "starts_at", "title"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="agenda_session_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return f"{self.day:%d-%m-%Y} {self.starts_at:%H:%M} {self.title}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        if self.day and self.event_id and not self.event.starts_on <= self.day <= self.event.ends_on:
            raise ValidationError({"day": _("Choose a day of the event.")})


class SessionMaterial(EvidenceFile):
    """A speaker's material for an agenda session: slides as PDF, or an image."""

    upload_folder = "event-materials"

    session = models.ForeignKey(AgendaSession, models.CASCADE, related_name="materials", verbose_name=_("session"))

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")

"""Seminars, their sessions and panels, the participants presenting, and the session's audit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments import access
from diklat.access import assigned, report_project_scope
from mentors.roles import GUIDES

from .rubrics import Rubric, SeminarKind


class Seminar(models.Model):
    """A design or results seminar of a cohort, held in the host's time zone."""

    cohort = models.ForeignKey("diklat.Cohort", models.PROTECT, related_name="seminars", verbose_name=_("cohort"))
    kind = models.CharField(_("seminar"), max_length=8, choices=SeminarKind)
    rubric = models.ForeignKey(Rubric, models.PROTECT, related_name="seminars", verbose_name=_("rubric"))
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="seminar_once_per_kind_per_cohort"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.cohort}"

    def clean(self):
        if self.rubric_id and self.cohort_id and self.kind:
            rubric, cohort = self.rubric, self.cohort
            if rubric.rule_set_id != cohort.rule_set_id or rubric.kind != self.kind:
                raise ValidationError(
                    {"rubric": _("Choose a rubric of this seminar's kind and of the cohort's rule set.")}
                )
            if rubric.weight_errors():
                raise ValidationError({"rubric": rubric.weight_errors()})


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.session_scope(user))


class SeminarSession(models.Model):
    """One room or time slot of a seminar: a panel and the participants presenting in order."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for scoring")
        FINALISED = "finalised", _("Finalised")

    seminar = models.ForeignKey(Seminar, models.CASCADE, related_name="sessions", verbose_name=_("seminar"))
    name = models.CharField(_("name"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("room"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="chaired_sessions", verbose_name=_("chair")
    )
    examiners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="examined_sessions", verbose_name=_("examiners")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised by"),
    )

    objects = SessionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["seminar", "starts_at", "name"]
        verbose_name = _("seminar session")
        verbose_name_plural = _("seminar sessions")
        constraints = [
            models.UniqueConstraint(fields=["seminar", "name"], name="session_name_unique_per_seminar"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(finalised_at__isnull=False), name="session_finalised_has_a_time"
            ),
        ]

    def __str__(self):
        return f"{self.seminar.get_kind_display()} — {self.name}"

    def get_absolute_url(self):
        return reverse("assessments:session", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PresentationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.presentation_scope(user))

    def released(self):
        return self.filter(released_at__isnull=False)

    def reportable_by(self, user):
        """Released results of the projects the user may report on: reports never show a running result."""
        return self.released().filter(report_project_scope(user, prefix="enrolment__project__"))

    def scorable_by(self, user):
        """Presentations this user sits on the panel of: as a session examiner, or as mentor/coach."""
        own_participant = assigned(user, "enrolment", roles=GUIDES)
        return self.filter(Q(session__examiners=user) | own_participant).distinct()


class Presentation(models.Model):
    """A participant presenting their change project in a session, in order."""

    session = models.ForeignKey(SeminarSession, models.CASCADE, related_name="presentations", verbose_name=_("session"))
    enrolment = models.ForeignKey(
        "diklat.Enrolment", models.PROTECT, related_name="presentations", verbose_name=_("participant")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    released_at = models.DateTimeField(_("result released at"), null=True, blank=True)

    objects = PresentationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="presentation_once_per_session"),
            models.UniqueConstraint(fields=["session", "order"], name="presentation_order_unique"),
        ]

    def __str__(self):
        return f"{self.order}. {self.enrolment.participant}"

    def get_absolute_url(self):
        return reverse("assessments:score", args=[self.pk])

    def clean(self):
        if self.session_id and self.enrolment_id and self.enrolment.cohort_id != self.session.seminar.cohort_id:
            raise ValidationError({"enrolment": _("This participant is not in the seminar's cohort.")})
        elsewhere = Presentation.objects.filter(
            enrolment_id=self.enrolment_id, session__seminar_id=self.session.seminar_id
        ).exclude(session_id=self.session_id)
        if self.session_id and self.enrolment_id and elsewhere.exists():
            raise ValidationError(
                {"enrolment": _("This participant already presents in another session of this seminar.")}
            )


class SessionEvent(models.Model):
    """Finalising and reopening a session: who, when and why."""

    class Kind(models.TextChoices):
        FINALISED = "finalised", _("Finalised and released")
        REOPENED = "reopened", _("Reopened")

    session = models.ForeignKey(SeminarSession, models.CASCADE, related_name="events", verbose_name=_("session"))
    kind = models.CharField(_("event"), max_length=10, choices=Kind)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["session", "at", "pk"]
        verbose_name = _("session event")
        verbose_name_plural = _("session events")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="reopened") | ~Q(reason=""), name="session_reopening_has_a_reason"
            ),
        ]

    def __str__(self):
        at = timezone.localtime(self.at)  # the reader's zone, with its label (WIB, WITA, WIT)
        return f"{self.get_kind_display()} ({at:%d-%m-%Y %H:%M} {at.tzname()})"

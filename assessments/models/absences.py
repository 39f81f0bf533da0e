"""What the chair records when a sheet cannot come: a panel member absent, a participant who did not present."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .seminars import Presentation, SeminarSession


class AbsenceQuerySet(models.QuerySet):
    def of_member(self, member_id: int, presentation: Presentation):
        """The member's absence recorded for this presentation or for its whole session."""
        mine = self.filter(kind=SessionAbsence.Kind.MEMBER, member_id=member_id, session_id=presentation.session_id)
        return mine.filter(Q(presentation__isnull=True) | Q(presentation_id=presentation.pk))

    def no_show(self, presentation: Presentation):
        return self.filter(kind=SessionAbsence.Kind.PARTICIPANT, presentation_id=presentation.pk)


class SessionAbsence(models.Model):
    """A panel member absent (from the session or from one presentation), or a participant who did not present."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Panel member absent")
        PARTICIPANT = "participant", _("Participant did not present")

    session = models.ForeignKey(SeminarSession, models.CASCADE, related_name="absences", verbose_name=_("session"))
    kind = models.CharField(_("kind"), max_length=11, choices=Kind)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("panel member"),
    )
    presentation = models.ForeignKey(
        Presentation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="absences",
        verbose_name=_("presentation"),
        help_text=_("Empty for a panel member absent from the whole session."),
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = AbsenceQuerySet.as_manager()

    # A withdrawn absence is deleted: its history row keeps what was recorded, who withdrew it and why.
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "at", "pk"]
        verbose_name = _("session absence")
        verbose_name_plural = _("session absences")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="absence_has_a_reason"),
            models.CheckConstraint(
                condition=(Q(kind="member") & Q(member__isnull=False))
                | (Q(kind="participant") & Q(member__isnull=True) & Q(presentation__isnull=False)),
                name="absence_names_who",
            ),
            models.UniqueConstraint(
                fields=["presentation"], condition=Q(kind="participant"), name="absence_no_show_once"
            ),
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=Q(kind="member", presentation__isnull=True),
                name="absence_member_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["presentation", "member"],
                condition=Q(kind="member", presentation__isnull=False),
                name="absence_member_once_per_presentation",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.PARTICIPANT:
            return _("%(participant)s did not present") % {"participant": self.presentation.enrolment.participant}
        return _("%(member)s absent") % {"member": self.member}

    @property
    def whole_session(self) -> bool:
        return self.kind == self.Kind.MEMBER and self.presentation_id is None

"""Who guides and examines each participant within a cohort."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access

from .roles import Role


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.assignment_scope(user))


class Assignment(models.Model):
    """A mentor, coach or examiner assigned to one participant's enrolment."""

    Role = Role

    enrolment = models.ForeignKey(
        "diklat.Enrolment", models.CASCADE, related_name="assignments", verbose_name=_("enrolment")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="assignments", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=8, choices=Role)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("E.g. the mentor's post as the participant's superior.")
    )

    objects = AssignmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["enrolment", "role"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "user", "role"], name="assignment_once_per_role"),
            # Exactly one mentor per participant: the mentor approves the project.
            models.UniqueConstraint(
                fields=["enrolment"], condition=models.Q(role="mentor"), name="assignment_one_mentor_per_enrolment"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.user} → {self.enrolment.participant}"

    def clean(self):
        if self.enrolment_id and self.user_id and self.enrolment.participant.user_id == self.user_id:
            raise ValidationError({"user": _("A participant cannot mentor, coach or examine themselves.")})

"""Scores per indicator and scorer, their audit trail, and the examiners' innovation verdicts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .rubrics import RubricIndicator, plain_number
from .seminars import Presentation


class PanelRole(models.TextChoices):
    EXAMINER = "examiner", _("Examiner")
    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Coach")


class Score(models.Model):
    """One scorer's score of one indicator for one presentation: updated in place, never duplicated."""

    presentation = models.ForeignKey(
        Presentation, models.CASCADE, related_name="scores", verbose_name=_("presentation")
    )
    indicator = models.ForeignKey(RubricIndicator, models.PROTECT, related_name="scores", verbose_name=_("indicator"))
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="scores", verbose_name=_("scorer")
    )
    role = models.CharField(_("role"), max_length=8, choices=PanelRole)
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    remark = models.CharField(_("remark"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["presentation", "scorer", "indicator"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["presentation", "indicator", "scorer"], name="score_once_per_scorer_and_indicator"
            ),
            models.CheckConstraint(condition=Q(value__gte=0) & Q(value__lte=100), name="score_between_0_and_100"),
        ]

    def __str__(self):
        return f"{self.indicator}: {plain_number(self.value)}"


class ScoreChange(models.Model):
    """The audit trail: every score entered or changed, before and after release."""

    presentation = models.ForeignKey(
        Presentation, models.CASCADE, related_name="score_changes", verbose_name=_("presentation")
    )
    indicator = models.ForeignKey(RubricIndicator, models.PROTECT, related_name="+", verbose_name=_("indicator"))
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("scorer"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    old_value = models.DecimalField(_("old score"), max_digits=5, decimal_places=2, null=True, blank=True)
    new_value = models.DecimalField(_("new score"), max_digits=5, decimal_places=2)
    old_remark = models.CharField(_("old remark"), max_length=500, blank=True)
    new_remark = models.CharField(_("new remark"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    after_release = models.BooleanField(_("after release"), default=False)

    class Meta:
        ordering = ["presentation", "at", "pk"]
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")

    def __str__(self):
        old = "—" if self.old_value is None else plain_number(self.old_value)
        return f"{self.indicator}: {old} → {plain_number(self.new_value)}"


class Classification(models.Model):
    """An examiner's verdict: a real innovation, or routine work dressed up as change."""

    class Verdict(models.TextChoices):
        INNOVATION = "innovation", _("Innovation")
        ROUTINE = "routine", _("Routine work")

    presentation = models.ForeignKey(
        Presentation, models.CASCADE, related_name="classifications", verbose_name=_("presentation")
    )
    examiner = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("examiner"))
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict)
    reason = models.TextField(_("reason"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["presentation", "examiner"]
        verbose_name = _("innovation verdict")
        verbose_name_plural = _("innovation verdicts")
        constraints = [
            models.UniqueConstraint(fields=["presentation", "examiner"], name="classification_once_per_examiner"),
            models.CheckConstraint(condition=~Q(reason=""), name="classification_has_a_reason"),
        ]

    def __str__(self):
        return self.get_verdict_display()

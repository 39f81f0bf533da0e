"""Rubrics as versioned data, the predicate band table, and how a rule set combines scorers."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal("100")


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form: 100.00 → "100", 8.50 → "8.5"."""
    return f"{value.normalize():f}"


class SeminarKind(models.TextChoices):
    DESIGN = "design", _("Design seminar")
    RESULTS = "results", _("Results seminar (leadership laboratory)")


class RubricQuerySet(models.QuerySet):
    def current(self, rule_set, kind):
        """The newest version of the rubric for a rule set and seminar kind."""
        return self.filter(rule_set=rule_set, kind=kind).order_by("-version").first()


class Rubric(models.Model):
    """A scoring rubric: components and indicators with weights, for one rule set and seminar kind."""

    rule_set = models.ForeignKey("diklat.RuleSet", models.PROTECT, related_name="rubrics", verbose_name=_("rule set"))
    kind = models.CharField(_("seminar"), max_length=8, choices=SeminarKind)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    score_min = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=2, default=0)
    score_max = models.DecimalField(_("highest score"), max_digits=5, decimal_places=2, default=100)
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("copied from")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["rule_set", "kind", "-version"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "kind", "version"], name="rubric_version_unique"),
            models.CheckConstraint(condition=Q(score_max__gt=F("score_min")), name="rubric_score_range_ordered"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        """A rubric that any score uses can no longer change: copy it instead."""
        return RubricIndicator.objects.filter(component__rubric=self, scores__isnull=False).exists()

    def weight_errors(self) -> list[str]:
        """Say where the weights do not add up (components to 100, indicators to their component)."""
        errors = []
        components = list(self.components.annotate(indicator_total=Sum("indicators__weight")))
        total = sum((c.weight for c in components), Decimal(0))
        if total != HUNDRED:
            errors.append(_("The component weights add up to %(total)s, not 100.") % {"total": plain_number(total)})
        for component in components:
            indicator_total = component.indicator_total or Decimal(0)
            if indicator_total != component.weight:
                errors.append(
                    _("The indicators of “%(component)s” add up to %(total)s, not its weight %(weight)s.")
                    % {
                        "component": component.name,
                        "total": plain_number(indicator_total),
                        "weight": plain_number(component.weight),
                    }
                )
        return errors

    def check_weights(self) -> None:
        errors = self.weight_errors()
        if errors:
            raise ValidationError(errors)


weight_field_validators = [MinValueValidator(Decimal("0.01")), MaxValueValidator(HUNDRED)]


class RubricComponent(models.Model):
    rubric = models.ForeignKey(Rubric, models.CASCADE, related_name="components", verbose_name=_("rubric"))
    name = models.CharField(_("component"), max_length=250)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, validators=weight_field_validators)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["rubric", "order", "pk"]
        verbose_name = _("rubric component")
        verbose_name_plural = _("rubric components")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="component_weight_in_range"),
        ]

    def __str__(self):
        return self.name


class RubricIndicator(models.Model):
    component = models.ForeignKey(
        RubricComponent, models.CASCADE, related_name="indicators", verbose_name=_("component")
    )
    name = models.CharField(_("indicator"), max_length=300)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, validators=weight_field_validators)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["component__order", "component", "order", "pk"]
        verbose_name = _("rubric indicator")
        verbose_name_plural = _("rubric indicators")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="indicator_weight_in_range"),
        ]

    def __str__(self):
        return self.name


class LevelDescriptor(models.Model):
    """What a score range means for one indicator, shown to scorers beside the field."""

    indicator = models.ForeignKey(RubricIndicator, models.CASCADE, related_name="levels", verbose_name=_("indicator"))
    lowest = models.DecimalField(_("from"), max_digits=5, decimal_places=2)
    highest = models.DecimalField(_("to"), max_digits=5, decimal_places=2)
    description = models.CharField(_("description"), max_length=300)

    class Meta:
        ordering = ["indicator", "-highest"]
        verbose_name = _("level descriptor")
        verbose_name_plural = _("level descriptors")
        constraints = [
            models.CheckConstraint(condition=Q(highest__gte=F("lowest")), name="level_range_ordered"),
        ]

    def __str__(self):
        return f"{plain_number(self.lowest)}–{plain_number(self.highest)}: {self.description}"


class PredicateBandQuerySet(models.QuerySet):
    def for_score(self, score: Decimal):
        """The band whose range holds the score: above its floor, up to and including its ceiling."""
        return (
            self.filter(Q(above__isnull=True) | Q(above__lt=score))
            .filter(Q(up_to__isnull=True) | Q(up_to__gte=score))
            .first()
        )


class PredicateBand(models.Model):
    """A qualification predicate and the total scores it covers: (above, up_to]."""

    rule_set = models.ForeignKey(
        "diklat.RuleSet", models.CASCADE, related_name="predicate_bands", verbose_name=_("rule set")
    )
    name = models.CharField(_("predicate"), max_length=60)
    above = models.DecimalField(
        _("above"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Empty for the lowest band.")
    )
    up_to = models.DecimalField(
        _("up to and including"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty for the highest band."),
    )
    passing = models.BooleanField(_("passing"), default=True)

    objects = PredicateBandQuerySet.as_manager()

    class Meta:
        ordering = ["rule_set", "-up_to"]
        verbose_name = _("predicate band")
        verbose_name_plural = _("predicate bands")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "name"], name="predicate_name_unique_per_rule_set"),
            models.CheckConstraint(
                condition=Q(above__isnull=True) | Q(up_to__isnull=True) | Q(up_to__gt=F("above")),
                name="predicate_band_ordered",
            ),
        ]

    def __str__(self):
        return self.name


class ScoringPolicy(models.Model):
    """How a rule set combines the scorers of one participant, and when they disagree too much."""

    class Method(models.TextChoices):
        MEAN_OF_EXAMINERS = "examiners", _("Mean of the examiners")
        ROLE_WEIGHTS = "role_weights", _("Weighted by role")
        MEAN_OF_ALL = "all", _("Mean of every scorer")

    rule_set = models.OneToOneField(
        "diklat.RuleSet", models.CASCADE, related_name="scoring_policy", verbose_name=_("rule set")
    )
    method = models.CharField(_("combination"), max_length=12, choices=Method, default=Method.MEAN_OF_EXAMINERS)
    examiner_weight = models.PositiveSmallIntegerField(_("examiners' weight (%)"), default=50)
    mentor_weight = models.PositiveSmallIntegerField(_("mentor's weight (%)"), default=25)
    coach_weight = models.PositiveSmallIntegerField(_("coach's weight (%)"), default=25)
    max_spread = models.DecimalField(
        _("largest spread before the chair is alerted"), max_digits=5, decimal_places=2, default=Decimal("15")
    )

    class Meta:
        verbose_name = _("scoring policy")
        verbose_name_plural = _("scoring policies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="role_weights") | Q(examiner_weight=100 - F("mentor_weight") - F("coach_weight")),
                name="scoring_role_weights_add_up_to_100",
            ),
            models.CheckConstraint(condition=Q(max_spread__gte=0), name="scoring_spread_not_negative"),
        ]

    def __str__(self):
        return f"{self.rule_set}: {self.get_method_display()}"

    def weight_of(self, role: str) -> int:
        return {"examiner": self.examiner_weight, "mentor": self.mentor_weight, "coach": self.coach_weight}[role]

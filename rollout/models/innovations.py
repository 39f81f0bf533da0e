"""Innovations that grew out of change projects, their maturity history, and their coverage of the rollout."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, NullIf, Round
from django.utils.translation import gettext_lazy as _

from diklat import access

from .adoptions import Adoption
from .affairs import GovernmentAffair
from .targets import RolloutTarget


def _count(queryset) -> Coalesce:
    """The number of rows of a subquery filtered on ``innovation=OuterRef("pk")``, 0 when none."""
    counted = queryset.order_by().values("innovation").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class InnovationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.report_project_scope(user, prefix="project__"))

    def lineage_choices(self, user):
        """Innovations one may record as the origin of another: past the initiative stage, or visible to the user.

        An innovation that has been tried out is what gets replicated, and its name is public (registries
        publish it); an initiative stays private to those who may see its project.
        """
        visible = Innovation.objects.visible_to(user).values("pk")
        return self.filter(Q(stage__in=[Innovation.Stage.TRIAL, Innovation.Stage.APPLIED]) | Q(pk__in=visible))

    def with_coverage(self):
        """Annotate targets, targets covered by an adoption at "applied" or beyond, adopters and coverage (%)."""
        targets = RolloutTarget.objects.filter(innovation=OuterRef("pk"))
        adoptions = Adoption.objects.filter(innovation=OuterRef("pk"))
        return self.annotate(
            targets_count=_count(targets),
            covered_count=_count(targets.covered()),
            adoptions_count=_count(adoptions),
            adopters_count=_count(adoptions.applied()),
        ).annotate(
            coverage=Round(
                Cast(F("covered_count"), FloatField()) * 100.0 / NullIf(Cast(F("targets_count"), FloatField()), 0.0),
                1,
            )
        )


class Innovation(models.Model):
    """A change project that has become an innovation, and how mature and anchored it is."""

    class Stage(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        TRIAL = "trial", _("Trial")
        APPLIED = "applied", _("Applied")

    class Form(models.TextChoices):
        GOVERNANCE = "governance", _("Governance")
        PUBLIC_SERVICE = "public_service", _("Public service")
        OTHER = "other", _("Other")

    class Regulation(models.TextChoices):
        NONE = "none", _("None")
        DECREE = "decree", _("Decree (SK)")
        HEAD_REGULATION = "perkada", _("Regional head regulation (Perkada)")
        REGIONAL_REGULATION = "perda", _("Regional regulation (Perda)")

    project = models.OneToOneField(
        "projects.ChangeProject", models.CASCADE, related_name="innovation", verbose_name=_("project")
    )
    name = models.CharField(_("innovation name"), max_length=200)
    stage = models.CharField(_("maturity"), max_length=10, choices=Stage, default=Stage.INITIATIVE)
    form = models.CharField(_("form"), max_length=14, choices=Form)
    is_digital = models.BooleanField(_("digital"), default=False)
    regulation = models.CharField(_("anchoring regulation"), max_length=8, choices=Regulation, default=Regulation.NONE)
    regulation_reference = models.CharField(_("regulation reference"), max_length=200, blank=True)
    affairs = models.ManyToManyField(
        GovernmentAffair, blank=True, related_name="innovations", verbose_name=_("affairs")
    )
    derived_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="derivatives",
        verbose_name=_("adopted from"),
        help_text=_("When this innovation replicates one of another cohort or province."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(regulation="none") | Q(regulation_reference=""), name="innovation_regulation_consistent"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        origin, seen = self.derived_from, set()
        while origin is not None and origin.pk not in seen:
            if origin.pk == self.pk or origin.project_id == self.project_id:
                raise ValidationError(
                    {"derived_from": _("An innovation cannot be adopted from itself or from one derived from it.")}
                )
            seen.add(origin.pk)
            origin = origin.derived_from


class InnovationStageChange(models.Model):
    """A dated step on the maturity ladder (initiative → trial → applied)."""

    innovation = models.ForeignKey(
        Innovation, models.CASCADE, related_name="stage_changes", verbose_name=_("innovation")
    )
    from_stage = models.CharField(_("from"), max_length=10, choices=Innovation.Stage, blank=True)
    to_stage = models.CharField(_("to"), max_length=10, choices=Innovation.Stage)
    on = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["innovation", "on", "pk"]
        verbose_name = _("maturity change")
        verbose_name_plural = _("maturity changes")

    def __str__(self):
        return f"{self.get_to_stage_display()} ({self.on:%d-%m-%Y})"

"""The agencies and regional governments an innovation should reach, and whether it has reached them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .adoptions import Adoption


class RolloutTargetQuerySet(models.QuerySet):
    @staticmethod
    def _reached() -> Q:
        """A target is reached when its agency, or an agency of its government, applies the innovation."""
        adopters = Adoption.objects.applied().filter(innovation=OuterRef("innovation"))
        return Q(Exists(adopters.filter(agency=OuterRef("agency")))) | Q(
            Exists(adopters.filter(agency__government=OuterRef("government")))
        )

    def covered(self):
        return self.filter(self._reached())

    def with_covered(self):
        return self.annotate(covered=ExpressionWrapper(self._reached(), output_field=models.BooleanField()))


class RolloutTarget(models.Model):
    """An agency, or a whole regional government, the innovation should reach."""

    # Named, not imported: the innovations module imports this one to count an innovation's targets.
    innovation = models.ForeignKey(
        "rollout.Innovation", models.CASCADE, related_name="targets", verbose_name=_("innovation")
    )
    agency = models.ForeignKey(
        "regions.Agency", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    government = models.ForeignKey(
        "regions.Region", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("regional government")
    )

    objects = RolloutTargetQuerySet.as_manager()

    class Meta:
        ordering = ["innovation", "pk"]
        verbose_name = _("rollout target")
        verbose_name_plural = _("rollout targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, government__isnull=True)
                | Q(agency__isnull=True, government__isnull=False),
                name="rollout_target_is_an_agency_or_a_government",
            ),
            models.UniqueConstraint(fields=["innovation", "agency"], name="rollout_target_agency_once"),
            models.UniqueConstraint(fields=["innovation", "government"], name="rollout_target_government_once"),
        ]

    def __str__(self):
        return str(self.agency or self.government)

    def clean(self):
        if bool(self.agency_id) == bool(self.government_id):
            raise ValidationError(_("Choose either an agency or a regional government."))
        if self.agency_id and self.innovation_id and self.agency_id == self.innovation.project.agency_id:
            raise ValidationError({"agency": _("The innovation's own agency cannot be a rollout target.")})

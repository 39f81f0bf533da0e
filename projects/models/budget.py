"""Budget lines of a change project, in whole rupiah."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access


class BudgetSource(models.TextChoices):
    APBD = "apbd", _("Regional budget (APBD)")
    APBN = "apbn", _("State budget (APBN)")
    CSR = "csr", _("Company CSR funds")
    GRANT = "grant", _("Grant")
    OTHER = "other", _("Other")


class BudgetLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="project__"))


class BudgetLine(models.Model):
    """Money planned, approved and realised for one purpose, source and fiscal year."""

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    source = models.CharField(_("source"), max_length=5, choices=BudgetSource)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.CharField(_("description"), max_length=300)
    document_reference = models.CharField(
        _("budget document"), max_length=100, blank=True, help_text=_("E.g. the DPA number.")
    )
    planned = models.BigIntegerField(_("planned (Rp)"), validators=[MinValueValidator(0)])
    approved = models.BigIntegerField(_("approved (Rp)"), validators=[MinValueValidator(0)], null=True, blank=True)
    realised = models.BigIntegerField(_("realised (Rp)"), validators=[MinValueValidator(0)], null=True, blank=True)

    objects = BudgetLineQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["project_id", "fiscal_year", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        # A fiscal year's lines in list order (the API's ?fiscal_year= filter, the budget reports).
        indexes = [models.Index(fields=["fiscal_year", "project", "id"], name="budget_line_by_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0)
                & (Q(approved__isnull=True) | Q(approved__gte=0))
                & (Q(realised__isnull=True) | Q(realised__gte=0)),
                name="budget_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2000) & Q(fiscal_year__lte=2100), name="budget_fiscal_year_sane"
            ),
            models.CheckConstraint(condition=Q(source__in=[s.value for s in BudgetSource]), name="budget_source_known"),
        ]

    def __str__(self):
        return f"{self.description} ({self.fiscal_year})"

"""Budget lines of a change project, in whole rupiah: planned, approved with its document, realised with evidence."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access
from diklat.versioning import Versioned
from evidence.models import EvidenceFile


class BudgetSource(models.TextChoices):
    APBD = "apbd", _("Regional budget (APBD)")
    APBN = "apbn", _("State budget (APBN)")
    CSR = "csr", _("Company CSR funds")
    GRANT = "grant", _("Grant")
    OTHER = "other", _("Other")


class BudgetStage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    REALISED = "realised", _("Realised")


class BudgetLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="project__"))

    def planned(self):
        return self.filter(approved__isnull=True)

    def approved(self):
        return self.filter(approved__isnull=False, realised__isnull=True)

    def realised(self):
        return self.filter(realised__isnull=False)


class BudgetLine(Versioned):
    """Money for one purpose, source and fiscal year: the participant plans it, the approver named by
    the rule set approves it with the budget document, and the participant records its realisation
    with evidence. The stages go in order; the database refuses a line that skips one."""

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    source = models.CharField(_("source"), max_length=5, choices=BudgetSource)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.CharField(_("description"), max_length=300)
    planned = models.BigIntegerField(_("planned (Rp)"), validators=[MinValueValidator(0)])
    # Approval: by the mentor or organiser staff (RuleSet.budget_approver), with the budget document.
    approved = models.BigIntegerField(_("approved (Rp)"), validators=[MinValueValidator(0)], null=True, blank=True)
    document_reference = models.CharField(
        _("budget document"), max_length=100, blank=True, help_text=_("E.g. the DPA number.")
    )
    document_date = models.DateField(_("date of the budget document"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Realisation: by the participant, with the SP2D or receipt and its scan.
    realised = models.BigIntegerField(_("realised (Rp)"), validators=[MinValueValidator(0)], null=True, blank=True)
    realisation_reference = models.CharField(
        _("SP2D or receipt"), max_length=100, blank=True, help_text=_("E.g. the SP2D number or the receipt number.")
    )
    overrun_reason = models.TextField(
        _("why more than approved was spent"), blank=True, help_text=_("Required when realised exceeds approved.")
    )
    realised_at = models.DateTimeField(_("realisation recorded at"), null=True, blank=True)

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
            models.CheckConstraint(
                condition=Q(realised__isnull=True) | Q(approved__isnull=False), name="budget_realised_after_approved"
            ),
            models.CheckConstraint(
                condition=Q(approved__isnull=True)
                | (~Q(document_reference="") & Q(document_date__isnull=False) & Q(approved_at__isnull=False)),
                name="budget_approval_documented",
            ),
            models.CheckConstraint(
                condition=Q(realised__isnull=True) | (~Q(realisation_reference="") & Q(realised_at__isnull=False)),
                name="budget_realisation_documented",
            ),
            models.CheckConstraint(
                condition=Q(realised__isnull=True) | Q(realised__lte=F("approved")) | ~Q(overrun_reason=""),
                name="budget_overrun_explained",
            ),
        ]

    def __str__(self):
        return f"{self.description} ({self.fiscal_year})"

    @property
    def stage(self) -> str:
        if self.realised is not None:
            return BudgetStage.REALISED
        if self.approved is not None:
            return BudgetStage.APPROVED
        return BudgetStage.PLANNED

    def get_stage_display(self) -> str:
        return BudgetStage(self.stage).label


class BudgetEvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="line__project__"))


class BudgetEvidence(EvidenceFile):
    """The scan of an SP2D or receipt proving a budget line's realisation."""

    upload_folder = "budget"

    line = models.ForeignKey(BudgetLine, models.CASCADE, related_name="evidence", verbose_name=_("budget line"))

    objects = BudgetEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["line", "pk"]
        verbose_name = _("budget evidence")
        verbose_name_plural = _("budget evidence")

    def get_absolute_url(self):
        return reverse("projects:budget_evidence", args=[self.pk])

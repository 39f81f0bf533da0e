"""Feedback from the panel, followed from "open" to "verified" — budget feedback above all."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.access import feedback_scope
from diklat import access
from diklat.versioning import Versioned
from evidence.models import EvidenceFile
from projects.models import BudgetLine, BudgetSource


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The project's people see its feedback, and so do whoever gave it and the examiners who heard it."""
        return self.filter(feedback_scope(user))

    def reportable_by(self, user):
        """Feedback the user may see, plus that of the projects of the province they report on."""
        return self.visible_to(user) | self.filter(access.report_project_scope(user, prefix="project__"))

    def unresolved(self):
        return self.exclude(status__in=FeedbackItem.RESOLVED)

    def overdue(self, today=None):
        return self.unresolved().filter(due_date__lt=today or timezone.localdate())


class FeedbackItem(Versioned):
    """What a panel member asked to change in a project, with an owner and a due date."""

    class Category(models.TextChoices):
        BUDGET = "budget", _("Budget")
        SCOPE = "scope", _("Scope")
        STAKEHOLDERS = "stakeholders", _("Stakeholders")
        SUSTAINABILITY = "sustainability", _("Sustainability")
        ROLLOUT = "rollout", _("Rollout")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    RESOLVED = ("implemented", "verified")

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="feedback", verbose_name=_("project")
    )
    presentation = models.ForeignKey(
        "assessments.Presentation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("given at"),
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="feedback_given", verbose_name=_("given by")
    )
    category = models.CharField(_("category"), max_length=14, choices=Category)
    text = models.TextField(_("feedback"))
    milestone = models.ForeignKey(
        "projects.Milestone",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("milestone"),
    )
    owner = models.CharField(_("owner"), max_length=150, help_text=_("Who must act on it."))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN, db_index=True)
    status_note = models.TextField(_("latest note"), blank=True)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "accepted", "in_progress", "implemented", "verified", "rejected"]),
                name="feedback_status_known",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("assessments:feedback", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        return self.status not in self.RESOLVED and self.due_date < (today or timezone.localdate())


class FeedbackEvent(models.Model):
    """One status change of a feedback item, with its note or reason."""

    item = models.ForeignKey(FeedbackItem, models.CASCADE, related_name="events", verbose_name=_("feedback"))
    from_status = models.CharField(_("from"), max_length=12, choices=FeedbackItem.Status, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=FeedbackItem.Status)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["item", "at", "pk"]
        verbose_name = _("feedback status change")
        verbose_name_plural = _("feedback status changes")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class FeedbackEvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(item__in=FeedbackItem.objects.visible_to(user).values("pk"))


class FeedbackEvidence(EvidenceFile):
    """Proof that a feedback item was carried out: a photo, a decree, a budget document."""

    upload_folder = "feedback"

    item = models.ForeignKey(FeedbackItem, models.CASCADE, related_name="evidence", verbose_name=_("feedback"))

    objects = FeedbackEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("feedback evidence")
        verbose_name_plural = _("feedback evidence")

    def get_absolute_url(self):
        return reverse("assessments:feedback-evidence", args=[self.pk])


def lines_sum(field: str, feedback_ref: str = "pk") -> Subquery:
    """SUM of a money field of the lines linked to the budget feedback at ``feedback_ref`` (NULL when none has it)."""
    lines = (
        BudgetLine.objects.filter(feedback=OuterRef(feedback_ref))
        .order_by()
        .values("feedback")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Subquery(lines, output_field=models.BigIntegerField())


class BudgetFeedbackQuerySet(models.QuerySet):
    def with_line_totals(self):
        """Annotate the sums of the linked lines: ``lines_planned``, ``lines_approved``, ``lines_realised``."""
        return self.annotate(
            lines_planned=lines_sum("planned"),
            lines_approved=lines_sum("approved"),
            lines_realised=lines_sum("realised"),
        )


class BudgetFeedback(models.Model):
    """The money side of a budget feedback item: what the panel asked for, and the budget lines that answer it.

    The approved and realised figures are not typed here: they are the sums of the linked lines, each
    approved by the rule set's approver with its budget document and realised with evidence.
    """

    item = models.OneToOneField(FeedbackItem, models.CASCADE, related_name="budget", verbose_name=_("feedback"))
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(_("source"), max_length=5, choices=BudgetSource)
    amount_requested = models.BigIntegerField(_("asked for (Rp)"), validators=[MinValueValidator(0)])
    document_reference = models.CharField(
        _("budget document"), max_length=100, blank=True, help_text=_("E.g. the DPA number.")
    )
    budget_lines = models.ManyToManyField(
        BudgetLine, blank=True, related_name="feedback", verbose_name=_("budget lines")
    )

    history = HistoricalRecords()
    objects = BudgetFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget feedback")
        verbose_name_plural = _("budget feedback")
        constraints = [
            models.CheckConstraint(condition=Q(amount_requested__gte=0), name="budget_feedback_amounts_not_negative"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2000) & Q(fiscal_year__lte=2100), name="budget_feedback_year_sane"
            ),
        ]

    def __str__(self):
        return f"{self.item} ({self.fiscal_year})"

    def _lines_sum(self, field: str) -> int | None:
        amounts = [getattr(line, field) for line in self.budget_lines.all()]  # prefetched by the lists
        amounts = [amount for amount in amounts if amount is not None]
        return sum(amounts) if amounts else None

    @property
    def amount_planned(self) -> int | None:
        return self._lines_sum("planned")

    @property
    def amount_approved(self) -> int | None:
        return self._lines_sum("approved")

    @property
    def amount_realised(self) -> int | None:
        return self._lines_sum("realised")

    @property
    def unrealised(self) -> int:
        approved = self.amount_approved
        expected = self.amount_requested if approved is None else approved
        return max(expected - (self.amount_realised or 0), 0)

"""Milestones in three horizons, and the dated progress updates that carry evidence."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access
from diklat.versioning import Versioned
from evidence.models import EvidenceFile, thumbnail_path


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="project__"))

    def reportable_by(self, user):
        return self.filter(access.report_project_scope(user, prefix="project__"))

    def open(self):
        return self.exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])

    def overdue(self, today=None):
        return self.open().filter(target_date__lt=today or timezone.localdate())


class Milestone(Versioned):
    """One step of the project plan, in the short, medium or long term."""

    class Horizon(models.TextChoices):
        SHORT = "short", _("Short-term")
        MEDIUM = "medium", _("Medium-term")
        LONG = "long", _("Long-term")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    horizon = models.CharField(_("horizon"), max_length=6, choices=Horizon)
    activity = models.CharField(_("activity"), max_length=300)
    output = models.CharField(_("output"), max_length=300, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=150)
    start_date = models.DateField(_("start date"))
    target_date = models.DateField(_("target date"))
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much this milestone counts in the project's progress."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (Rp)"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        # By the project's id, not "project" (which follows the project's own ordering, the
        # participant's name): a national list would join every user and sort by name.
        ordering = ["project_id", "target_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        # One per ordering the API offers (the id breaks ties in the same direction), and the open
        # milestones by date for "overdue" (a partial index: done and cancelled ones never are).
        indexes = [
            models.Index(fields=["project", "target_date", "id"], name="milestone_in_plan_order"),
            models.Index(fields=["target_date", "id"], name="milestone_by_target"),
            models.Index(fields=["start_date", "id"], name="milestone_by_start"),
            models.Index(fields=["progress", "id"], name="milestone_by_progress"),
            models.Index(fields=["weight", "id"], name="milestone_by_weight"),
            models.Index(
                fields=["target_date", "project"],
                condition=~Q(status__in=["done", "cancelled"]),
                name="open_milestone_by_target",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="milestone_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=100), name="milestone_weight_between_1_and_100"
            ),
            models.CheckConstraint(
                condition=Q(target_date__gte=F("start_date")), name="milestone_target_not_before_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(progress=100) & Q(completed_on__isnull=False)),
                name="milestone_done_means_complete",
            ),
            models.CheckConstraint(
                condition=Q(horizon__in=["short", "medium", "long"]), name="milestone_horizon_known"
            ),
        ]

    def __str__(self):
        return self.activity

    def clean(self):
        errors = {}
        if self.start_date and self.target_date and self.target_date < self.start_date:
            errors["target_date"] = _("The target date cannot be before the start date.")
        if self.progress is not None and self.progress > 100:
            errors["progress"] = _("Progress cannot exceed 100%.")
        if self.project_id and self.horizon and self.target_date and "target_date" not in errors:
            message = horizon_violation(self.project.cohort, self.horizon, self.target_date)
            if message:
                errors["target_date"] = message
        if errors:
            raise ValidationError(errors)

    def has_recorded_progress(self) -> bool:
        """Whether an update moved this milestone: it is then cancelled, never deleted (see keep_recorded_progress)."""
        return self.updates.filter(progress_after__isnull=False).exists()

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status not in {self.Status.DONE, self.Status.CANCELLED} and self.target_date < today


def horizon_violation(cohort, horizon: str, target_date) -> str | None:
    """Say why a target date does not fit its horizon's window, or return None when it fits."""
    first, last = cohort.horizon_window(horizon)
    if first is None or last is None or first <= target_date <= last:
        return None
    return _("A %(horizon)s milestone must target a date from %(first)s to %(last)s.") % {
        "horizon": Milestone.Horizon(horizon).label.lower(),
        "first": first.strftime("%d-%m-%Y"),
        "last": last.strftime("%d-%m-%Y"),
    }


def keep_recorded_progress(collector, field, sub_objs, using):
    """on_delete of an update's milestone: a note lets go of it (SET_NULL); an update that moved its
    progress keeps it (RESTRICT), as its before/after figures mean nothing without it.

    So a milestone with recorded progress is cancelled rather than deleted, everywhere (services,
    admin), while deleting its whole project still takes the milestone and its updates together.
    """
    models.RESTRICT(collector, field, sub_objs.filter(progress_after__isnull=False), using)
    models.SET_NULL(collector, field, sub_objs.filter(progress_after__isnull=True), using)


class ProgressUpdateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="project__"))


class ProgressUpdate(models.Model):
    """A dated note on the progress of a project, optionally moving one milestone forward."""

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="updates", verbose_name=_("project")
    )
    milestone = models.ForeignKey(
        Milestone, keep_recorded_progress, null=True, blank=True, related_name="updates", verbose_name=_("milestone")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("author"))
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    progress_before = models.PositiveSmallIntegerField(_("progress before (%)"), null=True, blank=True)
    progress_after = models.PositiveSmallIntegerField(_("progress after (%)"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    # Made on the phone when the update is written (offline perhaps), so that a retry never posts it twice.
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_after__isnull=True) | Q(progress_after__lte=100),
                name="update_progress_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(progress_after__isnull=True) | Q(milestone__isnull=False),
                name="update_progress_needs_a_milestone",
            ),
        ]

    def __str__(self):
        return f"{self.happened_on:%d-%m-%Y}: {self.note[:60]}"


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="update__project__"))


class Evidence(EvidenceFile):
    """A file (image or PDF) attached to a progress update."""

    upload_folder = "evidence"

    update = models.ForeignKey(ProgressUpdate, models.CASCADE, related_name="evidence", verbose_name=_("update"))
    # Made once, on upload (or on the first look for a photo uploaded before thumbnails existed).
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, blank=True, max_length=200)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["update", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def get_absolute_url(self):
        return reverse("projects:evidence", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def get_thumbnail_url(self):
        return reverse("projects:evidence_thumbnail", args=[self.pk])

    def get_preview_url(self):
        return reverse("projects:evidence_preview", args=[self.pk])

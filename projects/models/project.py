"""The change project (proyek/aksi perubahan) and its design: stakeholders, risks, team."""

from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Round
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access
from diklat.versioning import Versioned

from .milestones import Milestone


def weighted_progress(horizon: str | None = None) -> Subquery:
    """Weighted mean progress of a project's milestones, cancelled ones left out, in SQL.

    A subquery per project row rather than a JOIN and GROUP BY over every project: PostgreSQL
    evaluates it only for the rows a page returns, so a page costs the same at any size.
    """
    milestones = Milestone.objects.filter(project=OuterRef("pk")).exclude(status=Milestone.Status.CANCELLED)
    if horizon:
        milestones = milestones.filter(horizon=horizon)
    earned = Cast(Sum(F("weight") * F("progress")), FloatField()) / Cast(Sum("weight"), FloatField())
    rollup = milestones.order_by().values("project").annotate(progress=Round(earned, 1)).values("progress")
    return Subquery(rollup, output_field=FloatField())


class ChangeProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user))

    def reportable_by(self, user):
        """Projects the user may report on: those they may see, and their province's for provincial staff."""
        return self.filter(access.report_project_scope(user))

    def with_progress(self):
        """Annotate progress per horizon and overall (None where there is no milestone)."""
        # A scalar subquery, not EXISTS: the planner would hash an EXISTS over every overdue milestone
        # of the country before the page's limit, where this one reads the page's rows by index.
        first_overdue = Milestone.objects.overdue().filter(project=OuterRef("pk")).order_by().values("pk")[:1]
        return self.annotate(
            progress_short=weighted_progress("short"),
            progress_medium=weighted_progress("medium"),
            progress_long=weighted_progress("long"),
            progress_overall=weighted_progress(),
            has_overdue=IsNull(Subquery(first_overdue), False),
        )

    def for_lists(self):
        return self.select_related(
            "enrolment__participant__user", "enrolment__cohort__programme", "agency__government"
        ).with_progress()


class ChangeProject(Versioned):
    """A participant's change project, designed in training and carried out in their agency."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the mentor")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved by the mentor")
        IN_IMPLEMENTATION = "in_implementation", _("In implementation")
        COMPLETED = "completed", _("Completed")

    enrolment = models.OneToOneField(
        "diklat.Enrolment", models.PROTECT, related_name="project", verbose_name=_("participant in cohort")
    )
    agency = models.ForeignKey(
        "regions.Agency",
        models.PROTECT,
        related_name="change_projects",
        verbose_name=_("agency where it is carried out"),
    )
    title = models.CharField(_("title"), max_length=250)
    background = models.TextField(_("background"), blank=True)
    problem = models.TextField(_("problem"))
    ideal_condition = models.TextField(_("ideal condition"), blank=True)
    breakthrough = models.TextField(_("breakthrough (innovation)"))
    objectives = models.TextField(_("objectives"), blank=True)
    output = models.TextField(_("output"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    key_success_factors = models.TextField(_("key success factors"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    mentor_comment = models.TextField(_("mentor's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ChangeProjectQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["enrolment__participant__user__full_name"]
        verbose_name = _("change project")
        verbose_name_plural = _("change projects")
        # The orderings the API and admin offer over a national list (the name's is on the user).
        indexes = [
            models.Index(fields=["title", "id"], name="project_by_title"),
            models.Index(fields=["status_changed_at", "id"], name="project_by_status_change"),
            models.Index(fields=["updated_at", "id"], name="project_by_update"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "submitted", "returned", "approved", "in_implementation", "completed"]
                ),
                name="project_status_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def participant(self):
        return self.enrolment.participant

    @property
    def cohort(self):
        return self.enrolment.cohort

    @property
    def plan_is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}

    @property
    def milestones_are_editable(self) -> bool:
        return self.status not in {self.Status.SUBMITTED, self.Status.COMPLETED}

    @property
    def accepts_updates(self) -> bool:
        return self.status in {self.Status.APPROVED, self.Status.IN_IMPLEMENTATION}


class ProjectTransition(models.Model):
    """One step of a project's status workflow: who moved it, when, and why."""

    project = models.ForeignKey(ChangeProject, models.CASCADE, related_name="transitions", verbose_name=_("project"))
    from_status = models.CharField(_("from"), max_length=20, choices=ChangeProject.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=ChangeProject.Status)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["project", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(condition=~Q(from_status=F("to_status")), name="transition_changes_status"),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Stakeholder(models.Model):
    class Side(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    class Influence(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEUTRAL = "neutral", _("Neutral")
        NEGATIVE = "negative", _("Negative")

    class Strength(models.TextChoices):
        HIGH = "high", _("High")
        LOW = "low", _("Low")

    project = models.ForeignKey(ChangeProject, models.CASCADE, related_name="stakeholders", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=200)
    side = models.CharField(_("internal or external"), max_length=8, choices=Side)
    influence = models.CharField(_("influence"), max_length=8, choices=Influence, default=Influence.POSITIVE)
    strength = models.CharField(_("strength of influence"), max_length=4, choices=Strength, default=Strength.HIGH)
    role = models.CharField(_("role in the project"), max_length=250, blank=True)

    class Meta:
        ordering = ["project", "side", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self):
        return self.name


class Risk(models.Model):
    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    project = models.ForeignKey(ChangeProject, models.CASCADE, related_name="risks", verbose_name=_("project"))
    description = models.CharField(_("risk"), max_length=300)
    likelihood = models.CharField(_("likelihood"), max_length=6, choices=Level, default=Level.MEDIUM)
    impact = models.CharField(_("impact"), max_length=6, choices=Level, default=Level.MEDIUM)
    mitigation = models.TextField(_("mitigation"))

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self):
        return self.description


class TeamMember(models.Model):
    project = models.ForeignKey(ChangeProject, models.CASCADE, related_name="team", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=150)
    team_role = models.CharField(_("role in the team"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.name} ({self.team_role})"

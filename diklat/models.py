"""Training programmes, the rule sets they follow, organisers, cohorts and enrolment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from regions.models import Agency, Region

from . import access
from .formatting import roman as roman  # kept importable from here
from .horizons import Window, window
from .horizons import add_months as add_months  # kept importable from here


class Programme(models.Model):
    """A leadership-training programme: PKN I, PKN II, PKA or PKP."""

    class Product(models.TextChoices):
        PROYEK = "proyek", _("change project (proyek perubahan)")
        AKSI = "aksi", _("change action (aksi perubahan)")

    code = models.SlugField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=60)
    former_name = models.CharField(_("former name"), max_length=60, blank=True)
    audience = models.CharField(_("for"), max_length=100, blank=True)
    product = models.CharField(_("product"), max_length=8, choices=Product)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self):
        if self.former_name:
            return _("%(name)s (formerly %(former)s)") % {"name": self.name, "former": self.former_name}
        return self.name


class RuleSet(models.Model):
    """The regulation a cohort follows: its stage names, horizons and (later) rubrics."""

    programme = models.ForeignKey(Programme, models.PROTECT, related_name="rule_sets", verbose_name=_("programme"))
    name = models.CharField(_("name"), max_length=120)
    regulation = models.CharField(_("regulation"), max_length=200, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)

    class BudgetApprover(models.TextChoices):
        MENTOR = "mentor", _("The mentor (as head of the agency)")
        ORGANISER = "organiser", _("The organiser's staff")

    medium_horizon_from_months = models.PositiveSmallIntegerField(
        _("medium-term window opens (months after the results seminar)"), default=6
    )
    medium_horizon_months = models.PositiveSmallIntegerField(
        _("medium-term window closes (months after the results seminar)"), default=12
    )
    long_horizon_from_months = models.PositiveSmallIntegerField(
        _("long-term window opens (months after the results seminar)"), default=12
    )
    long_horizon_months = models.PositiveSmallIntegerField(
        _("long-term window closes (months after the results seminar)"), default=24
    )
    budget_approver = models.CharField(
        _("who approves budget lines"),
        max_length=9,
        choices=BudgetApprover,
        default=BudgetApprover.MENTOR,
        help_text=_("Who records the approved amount and its budget document (e.g. the DPA)."),
    )
    documents_due_days = models.PositiveSmallIntegerField(
        _("report and slides due (days before the seminar)"),
        default=3,
        validators=[MaxValueValidator(14)],
        help_text=_("Participants are reminded to hand in their report and slides this many days before."),
    )

    class Meta:
        ordering = ["programme__order", "-effective_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="rule_set_name_unique_per_programme"),
            models.CheckConstraint(
                condition=Q(medium_horizon_months__gt=0) & Q(long_horizon_months__gte=F("medium_horizon_months")),
                name="rule_set_horizons_ordered",
            ),
            models.CheckConstraint(
                condition=Q(medium_horizon_from_months__lte=F("medium_horizon_months"))
                & Q(long_horizon_from_months__lte=F("long_horizon_months"))
                & Q(long_horizon_from_months__gte=F("medium_horizon_from_months")),
                name="rule_set_horizon_windows_ordered",
                violation_error_message=_(
                    "Each window must open before it closes, and the long-term one no earlier than the medium-term one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget_approver__in=["mentor", "organiser"]), name="rule_set_budget_approver_known"
            ),
        ]

    def __str__(self):
        return f"{self.programme.name} — {self.name}"


class Organiser(models.Model):
    """A body that runs cohorts: a LAN centre or a provincial BPSDM."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisers",
        verbose_name=_("regional government"),
        help_text=_("Empty for a national body such as a LAN centre."),
    )
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisers", verbose_name=_("staff")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self):
        return self.name

    @property
    def time_zone(self) -> str:
        return self.region.time_zone if self.region_id else settings.TIME_ZONE


def cohort_name(programme: str, number: int, year: int) -> str:
    """A cohort's name from its programme's name, number and year: the cohort's ``str`` and the raw lists' cell."""
    return _("%(programme)s Cohort %(number)s of %(year)s") % {
        "programme": programme,
        "number": roman(number),
        "year": year,
    }


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cohorts the user organises, or in which they may see an enrolment."""
        return self.filter(access.cohort_scope(user))


class Cohort(models.Model):
    """An angkatan: one run of a programme, by one organiser, in one year."""

    programme = models.ForeignKey(Programme, models.PROTECT, related_name="cohorts", verbose_name=_("programme"))
    rule_set = models.ForeignKey(RuleSet, models.PROTECT, related_name="cohorts", verbose_name=_("rule set"))
    organiser = models.ForeignKey(Organiser, models.PROTECT, related_name="cohorts", verbose_name=_("organiser"))
    number = models.PositiveSmallIntegerField(_("cohort number"))
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    design_seminar_date = models.DateField(_("design seminar"), null=True, blank=True)
    results_seminar_date = models.DateField(
        _("results seminar"),
        null=True,
        blank=True,
        help_text=_("The leadership-laboratory seminar; short-term milestones must end before it."),
    )
    inactivity_days = models.PositiveSmallIntegerField(_("days without a post before flagging"), default=14)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "programme__order", "number"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organiser", "year", "number"], name="cohort_unique_number_per_year"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="cohort_ends_after_start"),
            models.CheckConstraint(
                condition=Q(number__gt=0) & Q(year__gte=2000) & Q(year__lte=2100), name="cohort_number_and_year_sane"
            ),
            models.CheckConstraint(
                condition=Q(results_seminar_date__isnull=True)
                | Q(design_seminar_date__isnull=True)
                | Q(results_seminar_date__gt=F("design_seminar_date")),
                name="cohort_results_seminar_after_design_seminar",
            ),
            models.CheckConstraint(condition=Q(inactivity_days__range=(1, 365)), name="cohort_inactivity_1_to_365"),
        ]

    def __str__(self):
        return cohort_name(self.programme.name, self.number, self.year)

    def clean(self):
        errors = {}
        if self.programme_id and self.rule_set_id and self.rule_set.programme_id != self.programme_id:
            errors["rule_set"] = _("The rule set belongs to another programme.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The cohort cannot end before it starts.")
        for field in ("design_seminar_date", "results_seminar_date"):
            day = getattr(self, field)
            if day and self.start_date and self.end_date and not self.start_date <= day <= self.end_date:
                errors[field] = _("The seminar must fall within the cohort's dates.")
        if errors:
            raise ValidationError(errors)

    @property
    def time_zone(self) -> str:
        return self.organiser.time_zone

    def horizon_window(self, horizon: str) -> Window:
        """Return the first and last day (both allowed) a milestone of this horizon may target."""
        return window(self, horizon)


class CohortStage(models.Model):
    """The dates of one stage of the change-project cycle in a cohort."""

    class Stage(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("Diagnosis of the need for change")
        OWNERSHIP = "ownership", _("Taking ownership")
        DESIGN = "design", _("Designing the change")
        LABORATORY = "laboratory", _("Leadership laboratory")
        EVALUATION = "evaluation", _("Evaluation")

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="stages", verbose_name=_("cohort"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage)
    name = models.CharField(_("name used by the rule set"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["cohort", "start_date"]
        verbose_name = _("cohort stage")
        verbose_name_plural = _("cohort stages")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "stage"], name="cohort_stage_once"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="cohort_stage_ends_after_start"),
        ]

    def __str__(self):
        return self.name or self.get_stage_display()


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.enrolment_scope(user))


class Enrolment(models.Model):
    """A participant's place in a cohort."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        GRADUATED = "graduated", _("Graduated")

    cohort = models.ForeignKey(Cohort, models.PROTECT, related_name="enrolments", verbose_name=_("cohort"))
    participant = models.ForeignKey(
        "people.Participant", models.PROTECT, related_name="enrolments", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    enrolled_on = models.DateField(_("enrolled on"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "participant__user__full_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "participant"], name="enrolment_once_per_cohort"),
        ]

    def __str__(self):
        return f"{self.participant} — {self.cohort}"

"""Innovations that grew out of change projects, and their rollout across agencies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, NullIf, Round
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from diklat import access
from evidence.models import EvidenceFile, upload_path


class GovernmentAffair(models.Model):
    """A government affair (urusan pemerintahan) an innovation serves."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("government affair")
        verbose_name_plural = _("government affairs")

    def __str__(self):
        return self.name


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

    innovation = models.ForeignKey(Innovation, models.CASCADE, related_name="targets", verbose_name=_("innovation"))
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


class AdoptionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_superuser:
            return self.all()  # Q() | X would be X alone: an empty Q drops out of an OR
        return self.filter(
            access.report_project_scope(user, prefix="innovation__project__")
            | access.in_reported_province(user, "agency")
        )

    def applied(self):
        return self.filter(stage__in=Adoption.APPLIED_OR_BEYOND)


class Adoption(models.Model):
    """An agency adopting an innovation, with its stage and the evidence of it."""

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PILOTING = "piloting", _("Piloting")
        APPLIED = "applied", _("Applied")
        INSTITUTIONALISED = "institutionalised", _("Institutionalised")

    class EvidenceKind(models.TextChoices):
        MOU = "mou", _("MoU / cooperation agreement")
        STATEMENT = "statement", _("Statement letter")
        DECREE = "decree", _("Adoption decree")
        OTHER = "other", _("Other document")

    STAGE_ORDER = ["planned", "piloting", "applied", "institutionalised"]
    APPLIED_OR_BEYOND = ["applied", "institutionalised"]

    innovation = models.ForeignKey(Innovation, models.CASCADE, related_name="adoptions", verbose_name=_("innovation"))
    agency = models.ForeignKey(
        "regions.Agency", models.PROTECT, related_name="adoptions", verbose_name=_("adopting agency")
    )
    stage = models.CharField(_("stage"), max_length=17, choices=Stage, default=Stage.PLANNED)
    planned_on = models.DateField(_("planned on"))
    piloting_on = models.DateField(_("piloting since"), null=True, blank=True)
    applied_on = models.DateField(_("applied since"), null=True, blank=True)
    institutionalised_on = models.DateField(_("institutionalised on"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["innovation", "agency__name"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "agency"], name="adoption_once_per_agency"),
            # Each stage has its own date and those of the stages before it, and no later one.
            models.CheckConstraint(
                condition=Q(stage="planned", piloting_on=None, applied_on=None, institutionalised_on=None)
                | Q(stage="piloting", piloting_on__isnull=False, applied_on=None, institutionalised_on=None)
                | Q(stage="applied", piloting_on__isnull=False, applied_on__isnull=False, institutionalised_on=None)
                | Q(
                    stage="institutionalised",
                    piloting_on__isnull=False,
                    applied_on__isnull=False,
                    institutionalised_on__isnull=False,
                ),
                name="adoption_stage_has_its_date",
            ),
            models.CheckConstraint(
                condition=(Q(piloting_on__isnull=True) | Q(piloting_on__gte=F("planned_on")))
                & (Q(applied_on__isnull=True) | Q(applied_on__gte=F("piloting_on")))
                & (Q(institutionalised_on__isnull=True) | Q(institutionalised_on__gte=F("applied_on"))),
                name="adoption_stage_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.innovation} → {self.agency}"

    def clean(self):
        if self.agency_id and self.innovation_id and self.agency_id == self.innovation.project.agency_id:
            raise ValidationError({"agency": _("The innovation's own agency cannot adopt it: choose another agency.")})

    @property
    def covers_applied(self) -> bool:
        return self.stage in self.APPLIED_OR_BEYOND


class AdoptionStageChange(models.Model):
    """A dated change of an adoption's stage; going backwards carries a reason."""

    adoption = models.ForeignKey(Adoption, models.CASCADE, related_name="stage_changes", verbose_name=_("adoption"))
    from_stage = models.CharField(_("from"), max_length=17, choices=Adoption.Stage, blank=True)
    to_stage = models.CharField(_("to"), max_length=17, choices=Adoption.Stage)
    on = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["adoption", "on", "pk"]
        verbose_name = _("adoption stage change")
        verbose_name_plural = _("adoption stage changes")

    def __str__(self):
        return f"{self.get_to_stage_display()} ({self.on:%d-%m-%Y})"


class AdoptionEvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(adoption__in=Adoption.objects.visible_to(user))


class AdoptionEvidence(EvidenceFile):
    """The proof of an adoption: an MoU, a statement letter, an adoption decree, or another upload."""

    upload_folder = "adoptions"

    adoption = models.ForeignKey(Adoption, models.CASCADE, related_name="evidence", verbose_name=_("adoption"))
    kind = models.CharField(_("kind"), max_length=10, choices=Adoption.EvidenceKind)
    reference = models.CharField(_("document number"), max_length=150, blank=True)
    dated = models.DateField(_("document date"), null=True, blank=True)
    # A document number alone is proof enough here: the upload, and so what is known of it, is optional.
    file = models.FileField(_("file"), upload_to=upload_path, max_length=200, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=50, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    objects = AdoptionEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["adoption", "pk"]
        verbose_name = _("adoption evidence")
        verbose_name_plural = _("adoption evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reference="") | ~Q(file=""), name="adoption_evidence_has_a_reference_or_a_file"
            ),
        ]

    def __str__(self):
        return self.reference or self.original_name

    def get_absolute_url(self):
        return reverse("rollout:evidence", args=[self.pk])

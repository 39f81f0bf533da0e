"""Agencies adopting an innovation: the stage each has reached, its dated changes, and the evidence of it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diklat import access
from evidence.models import EvidenceFile, upload_path


class AdoptionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_superuser:
            return self.all()  # Q() | X would be X alone: an empty Q drops out of an OR
        # Each door by its own index, then one ARRAY of ids: an OR across the innovation and the
        # adopting agency made the planner hash-join every adoption of the country.
        through_projects = Adoption.objects.filter(access.report_project_scope(user, prefix="innovation__project__"))
        in_province = Adoption.objects.filter(access.in_reported_province(user, "agency"))
        return self.filter(access.among("pk", access.reached(through_projects.values("pk"), in_province.values("pk"))))

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

    # Named, not imported: the innovations module imports this one to count an innovation's adoptions.
    innovation = models.ForeignKey(
        "rollout.Innovation", models.CASCADE, related_name="adoptions", verbose_name=_("innovation")
    )
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

    history = HistoricalRecords()

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

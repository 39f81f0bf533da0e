"""The written commitment that medium- and long-term work rests on, signed by three people."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from diklat import access
from evidence.models import EvidenceFile
from people.nip import validate_nip


class CommitmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="project__"))


class Commitment(models.Model):
    """The participant, the mentor and the agency head (PPK) commit to carry the project on after the training."""

    project = models.ForeignKey(
        "projects.ChangeProject", models.CASCADE, related_name="commitments", verbose_name=_("project")
    )
    signed_on = models.DateField(_("signed on"))
    summary = models.TextField(_("what is committed to"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "-signed_on", "-pk"]
        verbose_name = _("written commitment")
        verbose_name_plural = _("written commitments")

    def __str__(self):
        return _("Commitment of %(date)s") % {"date": f"{self.signed_on:%d-%m-%Y}"}


class Signatory(models.Model):
    """One of the three who signed a commitment, as printed under the signature."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        MENTOR = "mentor", _("Mentor")
        AGENCY_HEAD = "agency_head", _("Agency head (PPK)")

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="signatories", verbose_name=_("commitment"))
    role = models.CharField(_("signs as"), max_length=11, choices=Role)
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip])

    class Meta:
        ordering = ["commitment", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "role"], name="commitment_signatory_once_per_role"),
            models.CheckConstraint(
                condition=Q(role__in=["participant", "mentor", "agency_head"]), name="commitment_signatory_role_known"
            ),
            models.CheckConstraint(condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"), name="signatory_nip_18_digits"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class CommitmentScanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.project_scope(user, prefix="commitment__project__"))


class CommitmentScan(EvidenceFile):
    """The signed commitment, scanned."""

    upload_folder = "commitments"

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="scans", verbose_name=_("commitment"))

    objects = CommitmentScanQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "pk"]
        verbose_name = _("signed commitment scan")
        verbose_name_plural = _("signed commitment scans")

    def get_absolute_url(self):
        return reverse("projects:commitment_scan", args=[self.pk])

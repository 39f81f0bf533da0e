"""Where an event's money comes from: budget lines by source, in whole rupiah, with their documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evidence.models import EvidenceFile

from .events import Event


class FundingSource(models.TextChoices):
    APBD = "apbd", _("Regional budget (APBD)")
    APBN = "apbn", _("State budget (APBN)")
    CSR = "csr", _("Company CSR funds")
    OTHER = "other", _("Other")


class FundingLine(models.Model):
    """One budget line of an event: planned, committed and realised, in whole rupiah."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="funding_lines", verbose_name=_("event"))
    source = models.CharField(_("source"), max_length=5, choices=FundingSource)
    company = models.CharField(_("company"), max_length=200, blank=True, help_text=_("Required for CSR funds."))
    description = models.CharField(_("for"), max_length=200)
    planned = models.PositiveBigIntegerField(_("planned (Rp)"), default=0)
    committed = models.PositiveBigIntegerField(_("committed (Rp)"), default=0)
    realised = models.PositiveBigIntegerField(_("realised (Rp)"), default=0)

    class Meta:
        ordering = ["event", "source", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="csr") | Q(company__gt=""), name="funding_line_csr_names_the_company"
            ),
        ]

    def __str__(self):
        return self.description

    def clean(self):
        if self.source == FundingSource.CSR and not " ".join(self.company.split()):
            raise ValidationError({"company": _("Name the company whose CSR funds these are.")})


class FundingDocument(EvidenceFile):
    """A letter, agreement or receipt behind a funding line (PDF or image)."""

    upload_folder = "event-funding"

    line = models.ForeignKey(FundingLine, models.CASCADE, related_name="documents", verbose_name=_("funding line"))

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("funding document")
        verbose_name_plural = _("funding documents")

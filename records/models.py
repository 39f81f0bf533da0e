"""Official documents of a finalised seminar session, frozen: the PDF, the data it was made from, its hash."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from diklat.access import NOTHING, among, organised, reached

# No 0/O or 1/I/L: a code read aloud or typed from paper is not mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
# Only these may change on a stored document: the mark that a newer version replaces it.
SUPERSEDING_FIELDS = frozenset({"superseded_at", "superseded_by", "superseded_reason"})


def new_verification_code() -> str:
    """12 characters from 31: about 59 bits, unguessable by anyone who has not seen the document."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def document_path(instance: "OfficialDocument", filename: str) -> str:
    return f"records/{instance.created_at:%Y/%m}/{instance.verification_code}.pdf"


class Letterhead(models.Model):
    """How an organiser heads its documents, and the city its place-and-date line names."""

    organiser = models.OneToOneField(
        "diklat.Organiser", models.CASCADE, related_name="letterhead", verbose_name=_("organiser")
    )
    government = models.CharField(
        _("government line"), max_length=200, blank=True, help_text=_("E.g. PEMERINTAH PROVINSI SULAWESI SELATAN.")
    )
    name = models.CharField(_("name on the letterhead"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(
        _("city"), max_length=100, help_text=_("Named before the date: “Makassar, 2 Desember 2026”.")
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return self.name or str(self.organiser)


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)

    def visible_to(self, user):
        """The chair, examiners and organiser staff see a session's documents; a participant their own sheet."""
        if not user.is_authenticated:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self
        panel = among("session", reached(user.chaired_sessions.values("pk"), user.examined_sessions.values("pk")))
        own_sheet = Q(presentation__enrolment__participant__user=user)
        guided = among("presentation__enrolment", user.assignments.values("enrolment"))
        return self.filter(panel | organised(user, "session__seminar__cohort__organiser") | own_sheet | guided)

    def update(self, **kwargs):
        if set(kwargs) - SUPERSEDING_FIELDS:
            raise ValidationError(_("An official document never changes; only a newer version can replace it."))
        return super().update(**kwargs)

    def delete(self):
        raise ValidationError(_("An official document is never deleted."))


class OfficialDocument(models.Model):
    """A PDF issued when a session was finalised: minutes, score recapitulation, or one participant's result sheet."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes (berita acara)")
        RECAP = "recap", _("Score recapitulation")
        RESULT_SHEET = "sheet", _("Result sheet")

    kind = models.CharField(_("document"), max_length=8, choices=Kind)
    session = models.ForeignKey(
        "assessments.SeminarSession", models.PROTECT, related_name="documents", verbose_name=_("session")
    )
    presentation = models.ForeignKey(
        "assessments.Presentation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("participant's presentation"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    document_date = models.DateField(_("date of the document"))
    data = models.JSONField(_("data it was made from"))
    file = models.FileField(_("PDF"), upload_to=document_path, max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True)
    created_at = models.DateTimeField(_("issued at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("superseded by"),
    )
    superseded_reason = models.TextField(_("why it was superseded"), blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["session", "-version", "kind", "presentation__order"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="document_version_from_1"),
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True, superseded_by__isnull=True)
                | Q(superseded_at__isnull=False, superseded_by__isnull=False),
                name="document_superseded_at_and_by_together",
            ),
            models.CheckConstraint(
                condition=Q(kind="sheet", presentation__isnull=False)
                | (~Q(kind="sheet") & Q(presentation__isnull=True)),
                name="document_result_sheet_has_a_presentation",
            ),
            models.UniqueConstraint(
                fields=["kind", "session", "version"],
                condition=Q(presentation__isnull=True),
                name="document_session_version_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "presentation", "version"],
                condition=Q(presentation__isnull=False),
                name="document_sheet_version_unique",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("An official document never changes; only a newer version can replace it."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("records:download", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An official document is never deleted."))

    def get_verify_url(self):
        return reverse("records:verify", args=[self.verification_code])

    # What evidence.downloads needs to send the file as an attachment.
    content_type = "application/pdf"

    @property
    def original_name(self) -> str:
        return f"{slugify(self.get_kind_display())}-{self.verification_code}-v{self.version}.pdf"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

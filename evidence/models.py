"""What every kind of evidence shares: the stored file and what is known about it.

Progress updates, feedback and adoptions each keep evidence of their own, linked to their own
row; the file, its metadata and the checks on upload live here once.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .checks import CheckedFile, check_evidence


def upload_path(instance: "EvidenceFile", filename: str) -> str:
    """Store under a generated name in the kind's folder: the uploaded name is kept only as metadata."""
    return f"{instance.upload_folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def thumbnail_path(instance: "EvidenceFile", filename: str) -> str:
    """Beside the originals, under a generated name of its own (every thumbnail is uploaded as thumbnail.jpg)."""
    return f"{instance.upload_folder}/thumbnails/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class EvidenceFile(models.Model):
    """An uploaded image or PDF, checked to be what its name says, and who uploaded it when."""

    # The folder in the storage (MEDIA_ROOT or the bucket); never served from there, only through a checked view.
    upload_folder = "evidence"

    file = models.FileField(_("file"), upload_to=upload_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def attach(self, uploaded, checked: CheckedFile | None = None) -> None:
        """Take an upload as this evidence's file, checking it unless the caller already has."""
        checked = checked or check_evidence(uploaded)
        self.file = uploaded
        self.original_name = (uploaded.name or "")[:255]
        self.content_type, self.size = checked.content_type, checked.size

"""Checks on evidence uploads: size, and that the content is what the file name says."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# What each accepted extension must really contain, as Pillow names image formats.
ACCEPTED = {
    ".jpg": ("JPEG", "image/jpeg"),
    ".jpeg": ("JPEG", "image/jpeg"),
    ".png": ("PNG", "image/png"),
    ".webp": ("WEBP", "image/webp"),
    ".pdf": ("PDF", "application/pdf"),
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int


def detect_format(uploaded) -> str | None:
    """Return the real format of the upload's content (JPEG, PNG, WEBP, PDF) or None."""
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "PDF"
    try:
        with Image.open(uploaded) as image:
            # The header's size, before a pixel is decoded: a tiny file can declare billions of them.
            refuse_too_many_pixels(uploaded.name, *image.size)
            image.verify()
            return image.format
    except Image.DecompressionBombError:
        # Past twice Pillow's own limit the header is refused before its size can be read.
        raise ValidationError(
            _("%(name)s: the image has too many pixels.") % {"name": uploaded.name}, code="evidence_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        uploaded.seek(0)


def refuse_too_many_pixels(name: str, width: int, height: int) -> None:
    limit = settings.EVIDENCE_MAX_PIXELS
    if width * height > limit:
        raise ValidationError(
            _("%(name)s is %(width)d × %(height)d pixels; the limit is %(limit)s million pixels.")
            % {"name": name, "width": width, "height": height, "limit": f"{limit / 1_000_000:g}"},
            code="evidence_pixels",
        )


def check_evidence(uploaded) -> CheckedFile:
    """Validate one uploaded evidence file, or raise ValidationError naming the file."""
    name = uploaded.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise ValidationError(
            _("%(name)s: only images (JPG, PNG, WEBP) or PDF files are accepted.") % {"name": name},
            code="evidence_type",
        )
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="evidence_size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="evidence_empty")
    expected_format, content_type = ACCEPTED[suffix]
    if detect_format(uploaded) != expected_format:
        raise ValidationError(
            _("%(name)s is not really a %(kind)s file: its content does not match its name.")
            % {"name": name, "kind": suffix.lstrip(".").upper()},
            code="evidence_mismatch",
        )
    return CheckedFile(content_type=content_type, size=uploaded.size)

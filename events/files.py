"""Evidence of a mission: photos checked as all evidence is, and short phone videos (MP4, MOV) by their header."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from evidence.checks import CheckedFile, check_evidence

VIDEOS = {".mp4": "video/mp4", ".mov": "video/quicktime"}
PHOTOS = {".jpg", ".jpeg", ".png", ".webp"}


def _is_iso_media(uploaded) -> bool:
    # MP4 and QuickTime files open with a box whose type, at byte 4, is "ftyp" (or, in old MOVs, another atom).
    uploaded.seek(0)
    head = uploaded.read(12)
    uploaded.seek(0)
    return len(head) >= 8 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free")


def check_mission_file(uploaded) -> CheckedFile:
    """A photo (JPG, PNG, WEBP) or a video (MP4, MOV); refuse anything else with a message naming the file."""
    name = uploaded.name or ""
    suffix = Path(name).suffix.lower()
    if suffix in VIDEOS:
        limit = settings.EVENT_VIDEO_MAX_BYTES
        if uploaded.size > limit:
            raise ValidationError(
                _("%(name)s is %(size)s; the limit is %(limit)s.")
                % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
                code="evidence_size",
            )
        if not _is_iso_media(uploaded):
            raise ValidationError(
                _("%(name)s is not really a video: its content does not match its name.") % {"name": name},
                code="evidence_mismatch",
            )
        return CheckedFile(content_type=VIDEOS[suffix], size=uploaded.size)
    if suffix not in PHOTOS:
        raise ValidationError(
            _("%(name)s: a mission takes photos (JPG, PNG, WEBP) or videos (MP4, MOV).") % {"name": name},
            code="evidence_type",
        )
    return check_evidence(uploaded)

"""Checking an uploaded PDF against an issued document: the same bytes, another version of it, another document,
or none we issued."""

import hashlib
from dataclasses import dataclass

from .models import OfficialDocument

GENUINE, OTHER_VERSION, OTHER_DOCUMENT, UNKNOWN = "genuine", "version", "other", "unknown"


@dataclass(frozen=True)
class Outcome:
    verdict: str
    sha256: str
    other: OfficialDocument | None = None


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def check_pdf(document: OfficialDocument, uploaded) -> Outcome:
    """Compare the upload's SHA-256 with the document's, then with every document issued."""
    digest = sha256_of(uploaded)
    if digest == document.sha256:
        return Outcome(GENUINE, digest)
    other = OfficialDocument.objects.filter(sha256=digest).first()
    if other is None:
        return Outcome(UNKNOWN, digest)
    same = (other.kind, other.session_id, other.presentation_id) == (
        document.kind,
        document.session_id,
        document.presentation_id,
    )
    return Outcome(OTHER_VERSION if same else OTHER_DOCUMENT, digest, other)

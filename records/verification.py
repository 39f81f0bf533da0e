"""Checking an uploaded PDF against an issued document: the same bytes, another document, or none we issued."""

import hashlib
from dataclasses import dataclass

from .models import OfficialDocument

GENUINE, OTHER_DOCUMENT, UNKNOWN = "genuine", "other", "unknown"


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
    return Outcome(OTHER_DOCUMENT, digest, other) if other else Outcome(UNKNOWN, digest)

"""Issuing and superseding the official documents of a seminar session; checking a PDF against one.

Finalising a session (assessments.services.finalise_session) runs freeze_session inside its own
transaction, through the hook list of assessments.hooks, and reopening runs supersede_session:
a session is never finalised without its documents, and a rollback takes both back. The PDF is
written in the transaction, not queued after it, because its hash is part of the record; a
rollback can leave an unreferenced file in the storage, never a record without its file.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import SeminarSession, SessionEvent
from people.models import User

from .models import OfficialDocument, new_verification_code
from .pdf_documents import render
from .snapshot import session_data, sheet_data

TITLES = {
    OfficialDocument.Kind.MINUTES: "Berita acara",
    OfficialDocument.Kind.RECAP: "Rekapitulasi nilai",
    OfficialDocument.Kind.RESULT_SHEET: "Lembar hasil penilaian",
}


def public_verify_url(code: str) -> str:
    """The address printed on the document and in its QR code."""
    return settings.RECORDS_PUBLIC_URL.rstrip("/") + reverse("records:verify", args=[code])


def _unused_code() -> str:
    while True:
        code = new_verification_code()
        if not OfficialDocument.objects.filter(verification_code=code).exists():
            return code


def _title(kind: str, data: dict, order: int | None) -> str:
    """What the public verify page may show: the kind, the seminar and the session, no one's name."""
    title = f"{TITLES[kind]} {data['seminar']}, {data['cohort']}, {data['session']['name']}"
    return f"{title}, peserta no. {order}" if order is not None else title


def _issue(
    kind: str, session, data: dict, *, version: int, by: User, presentation_id=None, supersedes=None
) -> OfficialDocument:
    code = _unused_code()
    order = data["participants"][0]["order"] if presentation_id else None
    issued_at = session.finalised_at or timezone.now()
    data = {
        **{key: value for key, value in data.items() if key != "nips"},
        "kind": str(kind),
        "title": _title(kind, data, order),
        "version": version,
        "verification_code": code,
        "verify_url": public_verify_url(code),
        "document_date": data["session"]["date"],
        "issued_at": issued_at.isoformat(),
        "supersedes": supersedes,
    }
    pdf = render(data)
    document = OfficialDocument(
        kind=kind,
        session=session,
        presentation_id=presentation_id,
        version=version,
        title=data["title"][: OfficialDocument._meta.get_field("title").max_length],
        document_date=data["document_date"],
        data=data,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        verification_code=code,
        created_at=issued_at,
        created_by=by,
    )
    document.file.save(f"{code}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


@transaction.atomic
def freeze_session(session: SeminarSession, *, by: User) -> list[OfficialDocument]:
    """Issue a finalised session's minutes, score recapitulation and each participant's result sheet."""
    session = SeminarSession.objects.select_related(
        "seminar__cohort__organiser__region",
        "seminar__cohort__organiser__agency",
        "seminar__rubric",
        "chair",
        "finalised_by",
    ).get(pk=session.pk)
    if session.is_open:
        raise ValidationError(_("Only a finalised session has official documents."))
    if OfficialDocument.objects.filter(session=session).current().exists():
        raise ValidationError(_("This session's documents are issued already; reopen it to issue a new version."))
    latest = OfficialDocument.objects.filter(session=session).order_by("-version").values_list("version", flat=True)
    version = (latest.first() or 0) + 1
    data = session_data(session)
    replaced = _replaced(session, version)
    documents = [
        _issue(kind, session, data, version=version, by=by, supersedes=replaced(kind, None))
        for kind in (OfficialDocument.Kind.MINUTES, OfficialDocument.Kind.RECAP)
    ]
    for row in data["participants"]:
        sheet = sheet_data(data, row["presentation_id"])
        documents.append(
            _issue(
                OfficialDocument.Kind.RESULT_SHEET,
                session,
                sheet,
                version=version,
                by=by,
                presentation_id=row["presentation_id"],
                supersedes=replaced(OfficialDocument.Kind.RESULT_SHEET, row["presentation_id"]),
            )
        )
    return documents


def _replaced(session, version: int):
    """What a document of this version says it replaces: the previous version's code and why it was reopened."""
    if version == 1:
        return lambda kind, presentation_id: None
    previous = {
        (kind, presentation_id): code
        for kind, presentation_id, code in OfficialDocument.objects.filter(
            session=session, version=version - 1
        ).values_list("kind", "presentation_id", "verification_code")
    }
    reopened = session.events.filter(kind=SessionEvent.Kind.REOPENED).order_by("-at", "-pk").first()
    reason = reopened.reason if reopened else ""

    def replaced(kind: str, presentation_id: int | None) -> dict:
        # A participant added after the reopening has no earlier sheet: the note then gives only the reason.
        code = previous.get((str(kind), presentation_id))
        return {"version": version - 1, "code": code, "reopened_reason": reason}

    return replaced


@transaction.atomic
def supersede_session(session: SeminarSession, *, by: User, reason: str = "") -> int:
    """Mark the session's current documents superseded: it was reopened, and finalising again issues the next."""
    return (
        OfficialDocument.objects.filter(session=session)
        .current()
        .update(superseded_at=timezone.now(), superseded_by=by, superseded_reason=reason)
    )

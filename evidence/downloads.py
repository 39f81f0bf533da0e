"""Serving evidence: always as a download, through a view that has checked who may see it.

The bytes pass through the app from any storage. With EVIDENCE_SIGNED_URL_SECONDS set and a
storage that signs its URLs (S3), the checked view redirects instead to a URL that expires.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from .models import EvidenceFile
from .thumbnails import ensure_thumbnail

MISSING_OBJECT_CODES = {"404", "NoSuchKey"}


def download(evidence: EvidenceFile, *, inline: bool = False) -> HttpResponse:
    """Send the file under its original name; 404 when storage no longer has it.

    ``inline`` (for a preview on the page) is honoured for photos only: their content was checked to be
    a JPEG, PNG or WebP on upload, so a browser shows them as pictures and can run nothing in them.
    """
    inline = inline and evidence.content_type.startswith("image/")
    seconds = settings.EVIDENCE_SIGNED_URL_SECONDS
    if seconds and getattr(evidence.file.storage, "querystring_auth", False):
        return _signed_redirect(evidence, seconds, inline)
    try:
        return _stream(evidence, inline)
    except FileNotFoundError:
        raise Http404 from None
    except Exception as error:
        if _is_missing_object(error):
            raise Http404 from None
        raise


def thumbnail(stored) -> HttpResponse:
    """Send a stored photo's thumbnail (made now if it has none yet); 404 for a PDF or a lost file."""
    try:
        if not ensure_thumbnail(stored):
            raise Http404
        response = FileResponse(stored.thumbnail.open("rb"), content_type="image/jpeg")
    except FileNotFoundError:
        raise Http404 from None
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _stream(evidence: EvidenceFile, inline: bool = False) -> FileResponse:
    # S3Storage turns a missing key at open into FileNotFoundError, but the object can still vanish
    # before FileResponse reads it (to measure it), and that arrives as boto's ClientError.
    handle = evidence.file.open("rb")
    try:
        response = FileResponse(
            handle, as_attachment=not inline, filename=evidence.original_name, content_type=evidence.content_type
        )
    except BaseException:
        handle.close()
        raise
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _signed_redirect(evidence: EvidenceFile, seconds: int, inline: bool = False) -> HttpResponseRedirect:
    storage, name = evidence.file.storage, evidence.file.name
    # A signed URL to a missing key would show the visitor the storage's own error page.
    if not storage.exists(name):
        raise Http404
    url = storage.url(
        name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(not inline, evidence.original_name),
            "ResponseContentType": evidence.content_type,
        },
        expire=seconds,
    )
    response = HttpResponseRedirect(url)
    # The URL opens the file for anyone holding it until it expires: no cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


def _is_missing_object(error: Exception) -> bool:
    # botocore is imported only when a storage error happens, so that a local folder never loads it.
    from botocore.exceptions import ClientError

    return isinstance(error, ClientError) and error.response.get("Error", {}).get("Code") in MISSING_OBJECT_CODES

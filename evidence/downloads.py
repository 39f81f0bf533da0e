"""Serving evidence: always as a download, through a view that has checked who may see it."""

from django.http import FileResponse, Http404

from .models import EvidenceFile


def download(evidence: EvidenceFile) -> FileResponse:
    """Send the file as an attachment under its original name; 404 when storage no longer has it."""
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

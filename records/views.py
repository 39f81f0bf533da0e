"""Downloading an official document (those who may see it) and verifying one (anyone, without logging in)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from evidence.downloads import download as stream_download

from .forms import VerifyForm
from .models import CODE_LENGTH, OfficialDocument
from .verification import check_pdf


@login_required
def download(request, pk):
    """The stored PDF as issued; 404 for anyone who may not see it."""
    document = get_object_or_404(OfficialDocument.objects.visible_to(request.user), pk=pk)
    return stream_download(document)


def _document_by_code(code: str) -> OfficialDocument | None:
    code = (code or "").strip().upper()
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isalnum():
        return None
    return OfficialDocument.objects.filter(verification_code=code).first()


@require_http_methods(["GET", "POST"])
def verify(request, code):
    """What is public about a document (title, date, version, status, hash), and a check of an uploaded PDF."""
    document = _document_by_code(code)
    if document is None:
        return render(request, "records/unknown.html", {"code": code[:40]}, status=404)
    outcome, status = None, 200
    form = VerifyForm()
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            outcome = check_pdf(document, form.cleaned_data["file"])
        else:
            status = 400
    newer = (
        OfficialDocument.objects.filter(
            kind=document.kind, session=document.session_id, presentation=document.presentation_id
        )
        .current()
        .exclude(pk=document.pk)
        .first()
    )
    return render(
        request,
        "records/verify.html",
        {"document": document, "form": form, "outcome": outcome, "newer": newer},
        status=status,
    )

"""Every API error is JSON (404 and 500 too); a body past its limit is a 413 before anyone reads it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from diklat.api import ProgrammeViewSet

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


@pytest.fixture
def as_participant(api_client, participant):
    api_client.force_authenticate(participant.user)
    api_client.raise_request_exception = False
    return api_client


# --- JSON errors under /api/ -------------------------------------------------------------------------


def test_an_unknown_api_address_is_a_json_404(as_participant):
    response = as_participant.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_page_is_still_the_html_404(participant):
    client = Client()
    client.force_login(participant.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_crash_in_the_api_is_a_json_500(as_participant, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ProgrammeViewSet, "list", crash)
    response = as_participant.get("/api/programmes/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred."}


def test_a_crash_on_a_page_is_still_the_html_500(rf):
    from diklat.error_views import server_error

    response = server_error(rf.get("/projects/"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


# --- the request-body limit ------------------------------------------------------------------------------


def test_a_60_mib_upload_is_refused_with_413_before_it_is_read(as_participant, project):
    response = as_participant.generic(
        "POST",
        "/api/updates/",
        data=b"",  # the header alone: the limit is checked before a byte of the body is read
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * MiB),
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_a_json_body_past_the_data_limit_is_a_413(as_participant, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_participant.post("/api/projects/", '{"title": "' + "x" * 2000 + '"}', content_type="application/json")
    assert response.status_code == 413


def test_an_oversized_page_form_is_a_413_page(participant):
    client = Client()
    client.force_login(participant.user)
    response = client.generic(
        "POST", "/projects/", data=b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(60 * MiB)
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")


def test_an_upload_within_the_limit_still_goes_through(as_participant, approved_project):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    body = {
        "project": approved_project.pk,
        "note": "Rapat koordinasi.",
        "files": [SimpleUploadedFile("bukti.png", buffer.getvalue(), content_type="image/png")],
    }
    response = as_participant.post("/api/updates/", body, format="multipart")
    assert response.status_code == 201, response.content


def test_more_evidence_files_than_allowed_in_one_request_is_a_json_400(as_participant, approved_project, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [SimpleUploadedFile(f"bukti{n}.pdf", b"%PDF-1.4 x", content_type="application/pdf") for n in range(3)]
    body = {"project": approved_project.pk, "note": "Rapat.", "files": files}
    response = as_participant.post("/api/updates/", body, format="multipart")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"

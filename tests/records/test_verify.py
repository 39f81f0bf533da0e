"""The public verify page: what it shows without a login, and the check of an uploaded PDF."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessments import services
from records.forms import VERIFY_MAX_BYTES
from tests.records.conftest import documents_of, pdf_bytes


@pytest.fixture
def minutes(finalised):
    return documents_of(finalised, "minutes").get()


def upload(client, document, content: bytes, name="berita-acara.pdf"):
    return client.post(document.get_verify_url(), {"file": SimpleUploadedFile(name, content)})


def test_anyone_sees_the_title_date_version_status_and_hash(client, minutes):
    response = client.get(minutes.get_verify_url())

    page = response.content.decode()
    assert response.status_code == 200
    for shown in (minutes.title, "02-12-2026", minutes.sha256, minutes.verification_code, "Valid"):
        assert shown in page


def test_the_verify_page_shows_no_names_nor_scores(client, minutes, scored, chair, examiner_one):
    page = client.get(minutes.get_verify_url()).content.decode()

    for person in (chair, examiner_one, *(p.enrolment.participant.user for p in scored)):
        assert person.get_full_name() not in page
    assert "92,50" not in page and "92.50" not in page and "Memuaskan" not in page


def test_the_genuine_pdf_is_recognised(client, minutes):
    response = upload(client, minutes, pdf_bytes(minutes))

    assert response.status_code == 200
    assert "Genuine." in response.content.decode()


def test_a_pdf_with_one_byte_changed_is_not_recognised(client, minutes):
    content = bytearray(pdf_bytes(minutes))
    content[len(content) // 2] ^= 0x01

    response = upload(client, minutes, bytes(content))

    page = response.content.decode()
    assert "Unknown." in page and "Genuine." not in page


def test_another_official_document_is_named_as_not_this_one(client, minutes, finalised):
    recap = documents_of(finalised, "recap").get()

    page = upload(client, minutes, pdf_bytes(recap)).content.decode()

    assert "Not this document." in page and recap.verification_code in page
    assert "Genuine." not in page


def test_an_unknown_code_says_no_document_has_it(client, finalised):
    response = client.get("/verify/ZZZZZZZZZZZZ/")

    assert response.status_code == 404
    assert "No official document has the verification code" in response.content.decode()


@pytest.mark.parametrize("code", ["short", "a" * 200, "ŽŽŽŽŽŽŽŽŽŽŽŽ", "'; DROP--"])
def test_a_malformed_code_is_a_404_not_an_error(client, code):
    assert client.get(f"/verify/{code}/").status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(client, minutes):
    response = upload(client, minutes, b"GIF89a not a pdf", name="berita-acara.pdf")

    assert response.status_code == 400
    assert "This is not a PDF file" in response.content.decode()


def test_an_oversize_upload_is_refused_with_a_message(client, minutes):
    response = upload(client, minutes, b"%PDF-" + b"0" * VERIFY_MAX_BYTES)

    assert response.status_code == 400
    assert "may be at most" in response.content.decode()


def test_posting_without_a_file_is_refused(client, minutes):
    response = client.post(minutes.get_verify_url(), {})

    assert response.status_code == 400
    assert "Genuine." not in response.content.decode()


def test_the_check_is_protected_against_cross_site_posts(minutes):
    client = Client(enforce_csrf_checks=True)

    response = upload(client, minutes, pdf_bytes(minutes))

    assert response.status_code == 403


def test_version_1_stays_verifiable_as_superseded_and_points_to_version_2(client, finalised, chair):
    old = documents_of(finalised, "minutes").get()
    services.reopen_session(finalised, by=chair, reason="Koreksi.")
    services.finalise_session(finalised, by=chair)
    new = documents_of(finalised, "minutes", 2).get()

    response = upload(client, old, pdf_bytes(old))

    page = response.content.decode()
    assert "Genuine." in page and "Superseded" in page and "superseded by a newer one" in page
    assert new.verification_code in page
    assert "Valid" in client.get(new.get_verify_url()).content.decode()

"""Signed-URL downloads: the checked view redirects to a short-lived URL of the bucket, and only after the check."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from projects.models import Evidence
from tests.test_evidence_download import png, png_bytes, post_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(approved_project):
    return approved_project.enrolment.participant.user


def upload(client, project, owner, name="foto rapat.png") -> Evidence:
    client.force_login(owner)
    assert post_update(client, project, [png(name)]).status_code == 302
    return Evidence.objects.get()


def test_a_checked_download_redirects_to_a_url_of_the_bucket_that_expires(
    client, signed_s3_storage, approved_project, owner
):
    evidence = upload(client, approved_project, owner)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}" == signed_s3_storage.endpoint
    assert location.hostname == "127.0.0.1"
    assert location.path.endswith(evidence.file.name)
    assert query["X-Amz-Expires"] == ["120"]
    assert query["response-content-disposition"] == ['attachment; filename="foto rapat.png"']


def test_the_signed_url_serves_the_bytes_as_an_attachment_under_the_original_name(
    client, signed_s3_storage, approved_project, owner
):
    evidence = upload(client, approved_project, owner)
    fetched = requests.get(client.get(evidence.get_absolute_url())["Location"], timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == png_bytes()
    assert fetched.headers["Content-Disposition"] == 'attachment; filename="foto rapat.png"'
    assert fetched.headers["Content-Type"] == "image/png"


def test_a_name_beyond_ascii_survives_the_signed_url(client, signed_s3_storage, approved_project, owner):
    evidence = upload(client, approved_project, owner, name="rapat koordinasi – Makassar.png")
    fetched = requests.get(client.get(evidence.get_absolute_url())["Location"], timeout=10)
    assert (
        fetched.headers["Content-Disposition"]
        == "attachment; filename*=utf-8''rapat%20koordinasi%20%E2%80%93%20Makassar.png"
    )


def test_a_url_left_unsigned_is_refused_by_the_bucket(client, signed_s3_storage, approved_project, owner):
    evidence = upload(client, approved_project, owner)
    location = urlsplit(client.get(evidence.get_absolute_url())["Location"])
    assert requests.get(f"{location.scheme}://{location.netloc}{location.path}", timeout=10).status_code == 403


def test_someone_who_may_not_see_the_evidence_gets_no_signed_url(
    client, signed_s3_storage, approved_project, owner, stranger
):
    evidence = upload(client, approved_project, owner)
    client.force_login(stranger)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 404
    assert "Location" not in response
    assert signed_s3_storage.endpoint not in response.text


def test_an_object_gone_from_the_bucket_is_not_found_rather_than_redirected(
    client, signed_s3_storage, approved_project, owner
):
    evidence = upload(client, approved_project, owner)
    signed_s3_storage.client.delete_object(Bucket=signed_s3_storage.name, Key=evidence.file.name)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 404
    assert "Location" not in response


def test_the_local_folder_streams_even_when_signed_urls_are_asked_for(client, settings, approved_project, owner):
    settings.EVIDENCE_SIGNED_URL_SECONDS = 120
    evidence = upload(client, approved_project, owner)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()

"""Evidence files: checked on upload, downloadable only by those who may see the project."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import Evidence, ProgressUpdate

pytestmark = pytest.mark.django_db


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png(name="foto rapat.png", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type="image/png")


def post_update(client, project, files):
    return client.post(
        reverse("projects:update_create", args=[project.pk]), {"note": "Rapat koordinasi.", "files": files}
    )


@pytest.fixture
def owner(approved_project):
    return approved_project.enrolment.participant.user


@pytest.fixture
def evidence(client, approved_project, owner):
    client.force_login(owner)
    response = post_update(client, approved_project, [png()])
    assert response.status_code == 302
    client.logout()
    return Evidence.objects.get()


def test_a_valid_png_is_accepted_with_its_metadata(evidence, approved_project):
    assert evidence.update.project == approved_project
    assert evidence.original_name == "foto rapat.png"
    assert evidence.content_type == "image/png"
    assert evidence.size == len(png_bytes())


def test_several_files_are_accepted_at_once(client, approved_project, owner):
    client.force_login(owner)
    post_update(client, approved_project, [png("a.png"), png("b.png")])
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == ["a.png", "b.png"]


def test_the_owner_downloads_the_evidence_as_an_attachment(client, evidence, owner):
    client.force_login(owner)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="foto rapat.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_mentor_downloads_the_evidence(client, evidence, mentor):
    client.force_login(mentor)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


def test_the_evidence_link_appears_on_the_detail_page(client, evidence, mentor):
    client.force_login(mentor)
    assert evidence.get_absolute_url() in client.get(evidence.update.project.get_absolute_url()).text


def test_a_stranger_gets_not_found(client, evidence, stranger):
    client.force_login(stranger)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_another_participant_gets_not_found(client, evidence, other_project):
    client.force_login(other_project.enrolment.participant.user)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, evidence):
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_png_that_is_really_text_is_refused_at_the_file_field(client, approved_project, owner):
    client.force_login(owner)
    response = post_update(client, approved_project, [png("laporan.png", b"just some text, not an image")])
    assert response.status_code == 200
    assert "not really a PNG" in str(response.context["form"].errors["files"])
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(client, approved_project, owner, settings):
    settings.EVIDENCE_MAX_BYTES = 50
    client.force_login(owner)
    response = post_update(client, approved_project, [png("besar.png", png_bytes((64, 64)))])
    assert response.status_code == 200
    assert "the limit is" in str(response.context["form"].errors["files"])
    assert not ProgressUpdate.objects.exists()


def test_one_bad_file_among_good_ones_saves_nothing(client, approved_project, owner):
    client.force_login(owner)
    response = post_update(client, approved_project, [png("baik.png"), png("buruk.png", b"%not a png")])
    assert "buruk.png" in str(response.context["form"].errors["files"])
    assert not Evidence.objects.exists()
    assert not ProgressUpdate.objects.exists()


def test_a_missing_file_on_disk_is_not_found(client, evidence, owner):
    evidence.file.delete(save=False)
    client.force_login(owner)
    assert client.get(evidence.get_absolute_url()).status_code == 404

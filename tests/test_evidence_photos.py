"""Evidence photos: a thumbnail made once, shown only to who may see the project; a preview; the gallery."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import Evidence
from tests import factories
from tests.test_evidence_download import png, post_update

pytestmark = pytest.mark.django_db
GALLERY_QUERIES = 7  # session, user, project, milestones, count, page of photos (with their updates), and one spare


def big_jpeg(name="lokasi.jpg", size=(2000, 1500)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "notulen.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf"
    )


@pytest.fixture
def owner(approved_project):
    return approved_project.enrolment.participant.user


@pytest.fixture
def photo(client, approved_project, owner):
    client.force_login(owner)
    assert post_update(client, approved_project, [big_jpeg()]).status_code == 302
    client.logout()
    return Evidence.objects.get()


def image_of(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_the_thumbnail_is_made_once_on_upload_and_is_small(photo):
    assert photo.thumbnail.name.startswith("evidence/thumbnails/") and photo.thumbnail.name.endswith(".jpg")
    with photo.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.format == "JPEG" and max(thumbnail.size) == 480


def test_the_owner_and_the_mentor_see_the_thumbnail(client, photo, owner, mentor):
    for user in (owner, mentor):
        client.force_login(user)
        response = client.get(photo.get_thumbnail_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, max-age=86400"
        assert image_of(response).size == (480, 360)


@pytest.mark.parametrize("url", ["get_thumbnail_url", "get_preview_url"])
def test_a_stranger_sees_neither_thumbnail_nor_preview(client, photo, stranger, url):
    client.force_login(stranger)
    assert client.get(getattr(photo, url)()).status_code == 404
    client.logout()
    assert client.get(getattr(photo, url)()).status_code == 302  # to the login page


def test_a_photo_from_before_thumbnails_gets_one_on_the_first_look_and_keeps_it(client, photo, owner):
    photo.thumbnail.delete(save=True)
    client.force_login(owner)
    assert client.get(photo.get_thumbnail_url()).status_code == 200
    photo.refresh_from_db()
    made = photo.thumbnail.name
    assert made
    client.get(photo.get_thumbnail_url())
    photo.refresh_from_db()
    assert photo.thumbnail.name == made


def test_the_preview_shows_the_photo_itself_inline(client, photo, owner):
    client.force_login(owner)
    response = client.get(photo.get_preview_url())
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert image_of(response).size == (2000, 1500)


def test_a_pdf_has_no_thumbnail_and_its_preview_stays_a_download(client, approved_project, owner):
    client.force_login(owner)
    post_update(client, approved_project, [a_pdf()])
    pdf = Evidence.objects.get()
    assert not pdf.thumbnail
    assert client.get(pdf.get_thumbnail_url()).status_code == 404
    assert client.get(pdf.get_preview_url())["Content-Disposition"].startswith("attachment")


def test_the_update_list_shows_the_thumbnail_linked_to_the_preview(client, photo, mentor):
    client.force_login(mentor)
    page = client.get(photo.update.project.get_absolute_url()).text
    assert f'<a class="photo" href="{photo.get_preview_url()}" data-lightbox' in page
    assert f'src="{photo.get_thumbnail_url()}"' in page
    assert reverse("projects:gallery", args=[photo.update.project_id]) in page


def test_the_gallery_shows_the_projects_photos_per_milestone(client, approved_project, owner):
    first, second = factories.MilestoneFactory.create_batch(2, project=approved_project)
    client.force_login(owner)
    url = reverse("projects:update_create", args=[approved_project.pk])
    for milestone, name in ((first, "a.jpg"), (second, "b.jpg"), (second, "c.jpg")):
        client.post(url, {"note": "Kunjungan.", "milestone": milestone.pk, "files": [big_jpeg(name, (64, 48))]})
    post_update(client, approved_project, [a_pdf()])
    gallery = reverse("projects:gallery", args=[approved_project.pk])
    everything = client.get(gallery)
    assert [p.original_name for p in everything.context["page"].object_list] == ["c.jpg", "b.jpg", "a.jpg"]
    of_second = client.get(gallery, {"milestone": second.pk})
    assert [p.original_name for p in of_second.context["page"].object_list] == ["c.jpg", "b.jpg"]
    assert client.get(gallery, {"milestone": "abc"}).status_code == 200  # an unknown milestone shows all


def test_the_gallery_runs_the_same_queries_for_many_photos(
    client, approved_project, owner, django_assert_max_num_queries
):
    client.force_login(owner)
    gallery = reverse("projects:gallery", args=[approved_project.pk])
    post_update(client, approved_project, [png("satu.png")])
    with django_assert_max_num_queries(GALLERY_QUERIES):
        client.get(gallery)
    for index in range(6):
        post_update(client, approved_project, [png(f"foto-{index}.png")])
    with django_assert_max_num_queries(GALLERY_QUERIES):
        assert len(client.get(gallery).context["page"].object_list) == 7


def test_a_stranger_gets_no_gallery(client, approved_project, stranger):
    client.force_login(stranger)
    assert client.get(reverse("projects:gallery", args=[approved_project.pk])).status_code == 404

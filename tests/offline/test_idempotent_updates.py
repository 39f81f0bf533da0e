"""A progress update carries the id its phone made: sent twice (an answer lost, the outbox retrying), it is
posted once, from the page, from the outbox and from the API alike."""

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import Evidence, ProgressUpdate
from projects.services.updates import post_update_once
from tests import factories

pytestmark = pytest.mark.django_db

OUTBOX = {"HTTP_X_OUTBOX": "1"}


def png(name="bukti.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def owner(approved_project):
    return factories.logged_in(approved_project.enrolment.participant.user)


def url(project):
    return reverse("projects:update_create", args=[project.pk])


def test_the_same_client_id_twice_posts_one_update_with_its_files_once(approved_project):
    user, client_id = approved_project.enrolment.participant.user, uuid.uuid4()
    milestone = approved_project.milestones.first()
    sent = {"by": user, "client_id": client_id, "note": "Sosialisasi.", "milestone": milestone, "progress": 40}
    first = post_update_once(approved_project, files=[png()], **sent)
    again = post_update_once(approved_project, files=[png()], **sent)
    assert first.created and not again.created
    assert again.update.pk == first.update.pk
    assert ProgressUpdate.objects.count() == 1 and Evidence.objects.count() == 1
    milestone.refresh_from_db()
    assert milestone.progress == 40


def test_an_id_of_someone_elses_update_is_refused_and_posts_nothing(approved_project, other_project):
    client_id = uuid.uuid4()
    post_update_once(approved_project, by=approved_project.enrolment.participant.user, client_id=client_id, note="A")
    other_project.status = other_project.Status.APPROVED
    other_project.save()
    with pytest.raises(ValidationError, match="This id belongs to another update."):
        post_update_once(other_project, by=other_project.enrolment.participant.user, client_id=client_id, note="A")
    assert ProgressUpdate.objects.count() == 1


def test_the_same_form_sent_again_with_other_words_is_refused_not_swallowed(owner, approved_project):
    client_id = str(uuid.uuid4())
    owner.post(url(approved_project), {"note": "Rapat pertama.", "client_id": client_id})
    response = owner.post(url(approved_project), {"note": "Rapat kedua.", "client_id": client_id})
    assert response.status_code == 200
    assert "This form was posted already. Open the form again to post another update." in response.text
    assert list(ProgressUpdate.objects.values_list("note", flat=True)) == ["Rapat pertama."]


def test_the_form_page_carries_a_fresh_id_each_time_it_is_shown(owner, approved_project):
    first = owner.get(url(approved_project)).context["form"].initial["client_id"]
    second = owner.get(url(approved_project)).context["form"].initial["client_id"]
    assert isinstance(first, uuid.UUID) and first != second


def test_pressing_post_twice_on_the_page_posts_once_and_says_so(owner, approved_project):
    data = {"note": "Uji coba layanan.", "client_id": str(uuid.uuid4())}
    owner.post(url(approved_project), data)
    response = owner.post(url(approved_project), data, follow=True)
    assert "This update had arrived already: it is posted once." in response.text
    assert ProgressUpdate.objects.count() == 1


def test_the_outbox_is_answered_in_json_created_then_already_there(owner, approved_project):
    data = {"note": "Dari lapangan.", "client_id": str(uuid.uuid4()), "files": png()}
    first = owner.post(url(approved_project), data, **OUTBOX)
    assert first.status_code == 201
    assert first.json() == {"created": True, "location": reverse("projects:dashboard")}
    data["files"] = png()
    again = owner.post(url(approved_project), data, **OUTBOX)
    assert again.status_code == 200 and again.json()["created"] is False
    assert ProgressUpdate.objects.count() == 1 and Evidence.objects.count() == 1
    # The page it opens next says it was posted.
    assert "Your progress update has been posted." in owner.get(reverse("projects:dashboard")).text


def test_the_outbox_gets_the_forms_errors_by_field_and_nothing_is_saved(owner, approved_project):
    response = owner.post(url(approved_project), {"note": " ", "progress": "150"}, **OUTBOX)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["note"] == ["This field is required."]
    assert "progress" in errors
    assert not ProgressUpdate.objects.exists()


def test_a_photo_that_is_not_a_photo_is_refused_to_the_outbox(owner, approved_project):
    fake = SimpleUploadedFile("foto.jpg", b"not an image at all", content_type="image/jpeg")
    response = owner.post(url(approved_project), {"note": "Foto.", "files": fake}, **OUTBOX)
    assert response.status_code == 400 and response.json()["errors"]["files"]
    assert not ProgressUpdate.objects.exists()


def test_a_project_no_longer_taking_updates_refuses_the_outbox_as_a_whole(owner, approved_project):
    approved_project.status = approved_project.Status.DRAFT
    approved_project.save()
    response = owner.post(url(approved_project), {"note": "Terlambat."}, **OUTBOX)
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == [
        "Progress can be reported once the mentor has approved the project."
    ]


def test_the_outbox_asks_whether_an_id_arrived_before_sending_its_photos_again(owner, approved_project):
    client_id = uuid.uuid4()
    asked = owner.get(url(approved_project), {"delivered": str(client_id)}, **OUTBOX)
    assert asked.json() == {"delivered": False, "location": None}
    owner.post(url(approved_project), {"note": "Ada.", "client_id": str(client_id)}, **OUTBOX)
    asked = owner.get(url(approved_project), {"delivered": str(client_id)}, **OUTBOX)
    assert asked.json() == {"delivered": True, "location": reverse("projects:dashboard")}


def test_nobody_else_learns_whether_an_id_arrived(client, approved_project, other_project, mentor):
    client_id = uuid.uuid4()
    owner = factories.logged_in(approved_project.enrolment.participant.user)
    owner.post(url(approved_project), {"note": "Ada.", "client_id": str(client_id)}, **OUTBOX)
    stranger = factories.logged_in(other_project.enrolment.participant.user)
    assert stranger.get(url(approved_project), {"delivered": str(client_id)}, **OUTBOX).status_code == 404
    assert factories.logged_in(mentor).get(
        url(approved_project), {"delivered": str(client_id)}, **OUTBOX
    ).status_code in (
        403,
        404,
    )
    anonymous = client.get(url(approved_project), {"delivered": str(client_id)}, **OUTBOX)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_a_question_that_is_not_an_id_gets_the_form(owner, approved_project):
    response = owner.get(url(approved_project), {"delivered": "not-a-uuid"}, **OUTBOX)
    assert response.status_code == 200 and "form" in response.context


class TestTheApi:
    URL = "/api/updates/"

    def test_the_same_client_id_twice_answers_201_then_200_with_one_update(self, api_client, approved_project):
        api_client.force_authenticate(approved_project.enrolment.participant.user)
        body = {"project": approved_project.pk, "note": "Lewat API.", "client_id": str(uuid.uuid4())}
        first = api_client.post(self.URL, body, format="multipart")
        again = api_client.post(self.URL, body, format="multipart")
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"]
        assert again.json()["client_id"] == body["client_id"]
        assert ProgressUpdate.objects.count() == 1

    def test_an_id_that_is_not_a_uuid_is_a_field_error(self, api_client, approved_project):
        api_client.force_authenticate(approved_project.enrolment.participant.user)
        response = api_client.post(self.URL, {"project": approved_project.pk, "note": "x", "client_id": "abc"})
        assert response.status_code == 400 and "client_id" in response.json()
        assert not ProgressUpdate.objects.exists()

    def test_without_an_id_each_post_is_an_update(self, api_client, approved_project):
        api_client.force_authenticate(approved_project.enrolment.participant.user)
        for _ in range(2):
            assert api_client.post(self.URL, {"project": approved_project.pk, "note": "x"}).status_code == 201
        assert ProgressUpdate.objects.count() == 2

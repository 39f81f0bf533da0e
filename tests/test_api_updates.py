"""The /api/updates/ endpoint: progress reports with evidence files, posted through services.post_update."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.models import Evidence, ProgressUpdate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


URL = "/api/updates/"


def detail(update):
    return f"{URL}{update.pk}/"


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def png(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def update(approved_project):
    return factories.ProgressUpdateFactory(project=approved_project)


@pytest.fixture
def other_update(other_project):
    return factories.ProgressUpdateFactory(project=other_project)


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_people_around_a_project_see_its_updates_only(request, api_client, role, update, other_update):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert ids(api_client.get(URL)) == [update.pk]
    assert api_client.get(detail(update)).status_code == 200
    assert api_client.get(detail(other_update)).status_code == 404


def test_the_owner_sees_their_updates_only(api_client, participant, update, other_update):
    api_client.force_authenticate(participant.user)
    assert ids(api_client.get(URL)) == [update.pk]
    assert api_client.get(detail(other_update)).status_code == 404


def test_a_stranger_sees_no_update(api_client, stranger, update):
    api_client.force_authenticate(stranger)
    assert api_client.get(URL).json()["count"] == 0
    assert api_client.get(detail(update)).status_code == 404


def test_an_anonymous_client_is_refused(api_client, update):
    assert api_client.get(URL).status_code in (401, 403)


def test_the_owner_posts_an_update_with_evidence_and_milestone_progress(api_client, participant, approved_project):
    milestone = approved_project.milestones.get(horizon="short")
    api_client.force_authenticate(participant.user)
    data = {
        "project": approved_project.pk,
        "milestone": milestone.pk,
        "progress": 60,
        "note": "Aplikasi diuji coba di dua kecamatan.",
        "files": [png("uji-coba.png"), png("rapat.png")],
    }
    response = api_client.post(URL, data, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["progress_before"] == 0
    assert body["progress_after"] == 60
    assert body["author"] == participant.user.pk
    assert sorted(e["original_name"] for e in body["evidence"]) == ["rapat.png", "uji-coba.png"]
    for item in body["evidence"]:
        assert item["url"] == Evidence.objects.get(pk=item["id"]).get_absolute_url()
        assert item["content_type"] == "image/png"
    milestone.refresh_from_db()
    assert milestone.progress == 60
    assert milestone.status == "in_progress"


def test_an_update_without_files_can_be_posted_as_json(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, {"project": approved_project.pk, "note": "Rapat tim."}, format="json")
    assert response.status_code == 201
    assert response.json()["happened_on"] == factories.today().isoformat()
    assert response.json()["evidence"] == []


def test_a_file_that_is_not_what_its_name_says_is_refused_at_files(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    fake = SimpleUploadedFile("bukti.png", b"this is not an image", content_type="image/png")
    data = {"project": approved_project.pk, "note": "Bukti.", "files": [png(), fake]}
    response = api_client.post(URL, data, format="multipart")
    assert response.status_code == 400
    assert "bukti.png" in response.json()["files"][0]
    assert ProgressUpdate.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_a_file_of_a_refused_type_is_refused_at_files(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    script = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    response = api_client.post(URL, {"project": approved_project.pk, "note": "x", "files": [script]})
    assert response.status_code == 400
    assert "files" in response.json()
    assert not ProgressUpdate.objects.exists()


def test_progress_over_100_is_refused_at_the_field(api_client, participant, approved_project):
    milestone = approved_project.milestones.first()
    api_client.force_authenticate(participant.user)
    data = {"project": approved_project.pk, "milestone": milestone.pk, "progress": 101, "note": "Selesai."}
    response = api_client.post(URL, data, format="json")
    assert response.status_code == 400
    assert "progress" in response.json()
    assert not ProgressUpdate.objects.exists()
    milestone.refresh_from_db()
    assert milestone.progress == 0


def test_an_update_dated_in_the_future_is_refused_at_the_field(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    tomorrow = (factories.today() + datetime.timedelta(days=1)).isoformat()
    data = {"project": approved_project.pk, "note": "Nanti.", "happened_on": tomorrow}
    response = api_client.post(URL, data, format="json")
    assert response.status_code == 400
    assert "happened_on" in response.json()
    assert not ProgressUpdate.objects.exists()


def test_updates_on_a_draft_project_are_refused_with_a_message(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, {"project": project.pk, "note": "Mulai."}, format="json")
    assert response.status_code == 400
    assert "approved" in response.json()["non_field_errors"][0]
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_only_the_owner_posts_updates(request, api_client, role, approved_project):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = api_client.post(URL, {"project": approved_project.pk, "note": "Saya."}, format="json")
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_stranger_cannot_post_to_a_project_they_cannot_see(api_client, stranger, approved_project):
    api_client.force_authenticate(stranger)
    response = api_client.post(URL, {"project": approved_project.pk, "note": "Saya."}, format="json")
    assert response.status_code == 400
    assert "project" in response.json()
    assert not ProgressUpdate.objects.exists()


def test_updates_cannot_be_changed_or_deleted_through_the_api(api_client, participant, update):
    api_client.force_authenticate(participant.user)
    assert api_client.patch(detail(update), {"note": "Ubah"}, format="json").status_code == 405
    assert api_client.delete(detail(update)).status_code == 405


def test_updates_filter_by_project_and_milestone(api_client, organiser_staff, approved_project):
    milestone = approved_project.milestones.first()
    with_milestone = factories.ProgressUpdateFactory(project=approved_project, milestone=milestone)
    plain = factories.ProgressUpdateFactory(project=approved_project)
    elsewhere = factories.ProgressUpdateFactory(project__enrolment__cohort=approved_project.enrolment.cohort)
    api_client.force_authenticate(organiser_staff)
    assert set(ids(api_client.get(URL, {"project": approved_project.pk}))) == {with_milestone.pk, plain.pk}
    assert ids(api_client.get(URL, {"milestone": milestone.pk})) == [with_milestone.pk]
    assert api_client.get(URL).json()["count"] == 3
    assert elsewhere.pk in ids(api_client.get(URL))


def test_the_update_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, approved_project, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    cohort = approved_project.enrolment.cohort

    def add_update(project):
        update = factories.ProgressUpdateFactory(project=project)
        Evidence.objects.create(
            update=update,
            file=ContentFile(b"%PDF-1.4", name="b.pdf"),
            original_name="b.pdf",
            content_type="application/pdf",
            size=8,
            uploaded_by=update.author,
        )

    add_update(approved_project)
    counts = []
    for expected in (1, 50):
        with django_assert_max_num_queries(4) as captured:
            response = api_client.get(URL)
        results = response.json()["results"]
        assert len(results) == expected
        assert all(len(row["evidence"]) == 1 for row in results)
        counts.append(len(captured))
        for project in factories.ChangeProjectFactory.create_batch(49, enrolment__cohort=cohort):
            add_update(project)
    assert counts[0] == counts[1]

"""Evidence in S3-compatible object storage: uploads land in the bucket, downloads pass the access check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from storages.backends.s3 import S3Storage

from projects.models import Evidence
from rollout.models import AdoptionEvidence
from tests.rollout.factories import AdoptionFactory
from tests.storage.buckets import s3_environment, use_s3
from tests.test_evidence_download import png, png_bytes, post_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(approved_project):
    return approved_project.enrolment.participant.user


@pytest.fixture
def evidence(client, s3_storage, approved_project, owner):
    client.force_login(owner)
    assert post_update(client, approved_project, [png()]).status_code == 302
    client.logout()
    return Evidence.objects.get()


def test_evidence_posted_on_the_participant_page_is_stored_in_the_bucket(evidence, s3_storage, settings):
    assert sorted(s3_storage.keys()) == sorted(
        [evidence.file.name, evidence.thumbnail.name]
    )  # a photo: its thumbnail too
    assert evidence.file.name.startswith("evidence/")
    assert s3_storage.read(evidence.file.name) == png_bytes()
    assert not settings.MEDIA_ROOT.exists()


def test_evidence_posted_through_the_api_is_stored_in_the_bucket_and_linked_to_the_app(
    api_client, s3_storage, approved_project, owner
):
    api_client.force_authenticate(owner)
    data = {"project": approved_project.pk, "note": "Uji coba.", "files": [png("uji-coba.png")]}
    response = api_client.post("/api/updates/", data, format="multipart")
    assert response.status_code == 201, response.json()
    [item] = response.json()["evidence"]
    evidence = Evidence.objects.get(pk=item["id"])
    assert sorted(s3_storage.keys()) == sorted(
        [evidence.file.name, evidence.thumbnail.name]
    )  # a photo: its thumbnail too
    assert item["url"] == evidence.get_absolute_url()
    assert s3_storage.endpoint not in str(response.json())


def test_the_owner_downloads_evidence_from_the_bucket_as_an_attachment(client, evidence, owner):
    client.force_login(owner)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="foto rapat.png"'
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(png_bytes()))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_mentor_downloads_evidence_from_the_bucket(client, evidence, mentor):
    client.force_login(mentor)
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


@pytest.fixture
def other_participant(other_project):
    return other_project.enrolment.participant.user


@pytest.mark.parametrize("who", ["stranger", "other_participant"])
def test_someone_who_may_not_see_the_evidence_gets_not_found_and_no_bytes(client, request, evidence, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 404
    assert png_bytes() not in response.content


def test_two_uploads_with_the_same_name_are_both_kept_in_the_bucket(client, s3_storage, approved_project, owner):
    first, second = png_bytes((8, 8)), png_bytes((9, 9))
    client.force_login(owner)
    post_update(client, approved_project, [png("bukti.png", first), png("bukti.png", second)])
    stored = list(Evidence.objects.order_by("size"))
    originals = [key for key in s3_storage.keys() if "/thumbnails/" not in key]  # noqa: SIM118 (a bucket, not a dict)
    assert len(set(originals)) == 2
    assert {s3_storage.read(item.file.name) for item in stored} == {first, second}
    assert [b"".join(client.get(item.get_absolute_url()).streaming_content) for item in stored] == sorted(
        [first, second], key=len
    )


def test_files_refused_at_upload_leave_nothing_in_the_bucket(client, s3_storage, approved_project, owner, settings):
    settings.EVIDENCE_MAX_BYTES = 50
    client.force_login(owner)
    big, fake = png("besar.png", png_bytes((64, 64))), png("palsu.png", b"just some text, not an image")
    response = post_update(client, approved_project, [big, fake])
    errors = str(response.context["form"].errors["files"])
    assert "the limit is" in errors and "not really a PNG" in errors
    assert s3_storage.keys() == []
    assert not Evidence.objects.exists()


def test_saving_under_a_name_already_in_the_bucket_picks_a_new_name(s3_storage):
    first = default_storage.save("evidence/bukti.png", ContentFile(b"first"))
    second = default_storage.save("evidence/bukti.png", ContentFile(b"second"))
    assert first == "evidence/bukti.png" and second != first
    assert s3_storage.read(first) == b"first" and s3_storage.read(second) == b"second"


def test_a_prefix_keeps_the_evidence_under_it_in_a_shared_bucket(client, settings, bucket, approved_project, owner):
    use_s3(settings, s3_environment(bucket, AWS_LOCATION="diklat/production/"))
    client.force_login(owner)
    post_update(client, approved_project, [png()])
    evidence = Evidence.objects.get()
    assert sorted(bucket.keys()) == [
        f"diklat/production/{name}" for name in sorted([evidence.file.name, evidence.thumbnail.name])
    ]
    assert b"".join(client.get(evidence.get_absolute_url()).streaming_content) == png_bytes()


def test_an_object_gone_from_the_bucket_is_not_found(client, evidence, owner, s3_storage):
    s3_storage.client.delete_object(Bucket=s3_storage.name, Key=evidence.file.name)
    client.force_login(owner)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_an_object_that_vanishes_between_opening_and_reading_is_not_found(
    client, evidence, owner, s3_storage, monkeypatch
):
    open_then_lose = S3Storage._open

    def racing_open(storage, name, mode="rb"):
        handle = open_then_lose(storage, name, mode)  # the key exists here...
        s3_storage.client.delete_object(Bucket=s3_storage.name, Key=name)  # ...and is gone before the read
        return handle

    monkeypatch.setattr(S3Storage, "_open", racing_open)
    client.force_login(owner)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_adoption_evidence_goes_to_the_bucket_and_downloads_through_the_rollout_view(client, s3_storage):
    adoption = AdoptionFactory()
    client.force_login(adoption.innovation.project.enrolment.participant.user)
    response = client.post(
        reverse("rollout:evidence_create", args=[adoption.pk]),
        {"kind": "mou", "reference": "MoU 7/2026", "file": png("mou.png")},
    )
    assert response.status_code == 302
    evidence = AdoptionEvidence.objects.get()
    assert s3_storage.keys() == [evidence.file.name] and evidence.file.name.startswith("adoptions/")
    download = client.get(evidence.get_absolute_url())
    assert download["Content-Disposition"] == 'attachment; filename="mou.png"'
    assert b"".join(download.streaming_content) == png_bytes()

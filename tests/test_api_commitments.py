"""The written commitment through the API: recorded by the participant (multipart), read by whoever sees the project."""

import pytest

from projects.models import Commitment, Signatory
from projects.services.commitments import record_commitment
from tests import factories
from tests.test_horizon_windows import SIGNATORIES, scan

pytestmark = pytest.mark.django_db
URL = "/api/commitments/"


def form(project, **changes):
    data = {"project": project.pk, "signed_on": factories.today().isoformat(), "summary": "Replikasi ke 5 OPD"}
    for role, values in SIGNATORIES.items():
        data.update({f"{role}_{name}": value for name, value in values.items()})
    data["files"] = [scan()]
    data.update(changes)
    return data


def test_the_participant_records_a_commitment_and_gets_it_back_with_signatories_and_scan(
    api_client, project, participant
):
    api_client.force_authenticate(participant.user)

    response = api_client.post(URL, form(project), format="multipart", HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["project"] == project.pk and body["summary"] == "Replikasi ke 5 OPD"
    assert [(s["role"], s["name"]) for s in body["signatories"]] == [
        ("participant", "Andi"),
        ("mentor", "Budi"),
        ("agency_head", "Citra"),
    ]
    assert body["signatories"][0]["nip"] == "197012181996031001"
    assert body["signatories"][2]["role_display"] == "Kepala perangkat daerah (PPK)"
    assert body["scans"][0]["url"] == Commitment.objects.get().scans.get().get_absolute_url()
    assert body["recorded_by"] == participant.user.pk


def test_a_bad_nip_a_missing_name_and_no_scan_come_back_as_field_errors_and_nothing_is_saved(
    api_client, project, participant
):
    api_client.force_authenticate(participant.user)
    data = form(project, agency_head_nip="123", mentor_name="")
    del data["files"]

    response = api_client.post(URL, data, format="multipart")

    assert response.status_code == 400
    assert {"mentor_name", "files"} <= set(response.json())
    response = api_client.post(URL, form(project, agency_head_nip="123"), format="multipart")
    assert response.status_code == 400
    assert "agency_head_nip" in response.json()
    assert not Commitment.objects.exists() and not Signatory.objects.exists()


def test_a_commitment_signed_in_the_future_is_refused_at_its_date(api_client, project, participant):
    api_client.force_authenticate(participant.user)
    tomorrow = factories.today().toordinal() + 1
    data = form(project, signed_on=type(factories.today()).fromordinal(tomorrow).isoformat())

    response = api_client.post(URL, data, format="multipart")

    assert response.status_code == 400
    assert "signed_on" in response.json()


def test_the_mentor_reads_it_but_may_not_record_one(api_client, project, participant, mentor):
    record_commitment(
        project, by=participant.user, signed_on=factories.today(), signatories=SIGNATORIES, files=[scan()]
    )
    api_client.force_authenticate(mentor)

    assert [c["project"] for c in api_client.get(URL).json()["results"]] == [project.pk]
    response = api_client.post(URL, form(project), format="multipart")
    assert response.status_code == 403
    assert Commitment.objects.count() == 1


def test_a_stranger_sees_none_and_cannot_name_the_project(api_client, project, participant, stranger):
    commitment = record_commitment(
        project, by=participant.user, signed_on=factories.today(), signatories=SIGNATORIES, files=[scan()]
    )
    api_client.force_authenticate(stranger)

    assert api_client.get(URL).json()["results"] == []
    assert api_client.get(f"{URL}{commitment.pk}/").status_code == 404
    response = api_client.post(URL, form(project), format="multipart")
    assert response.status_code == 400
    assert "project" in response.json()
    assert Commitment.objects.count() == 1


def test_the_list_filters_by_project_in_a_fixed_number_of_queries(
    api_client, project, participant, other_project, django_assert_max_num_queries
):
    for _ in range(3):
        record_commitment(
            project, by=participant.user, signed_on=factories.today(), signatories=SIGNATORIES, files=[scan()]
        )
    api_client.force_authenticate(participant.user)

    with django_assert_max_num_queries(6):
        body = api_client.get(URL, {"project": project.pk}).json()
    assert len(body["results"]) == 3
    assert api_client.get(URL, {"project": other_project.pk}).json()["results"] == []
    assert api_client.get(URL, {"project": "x"}).status_code == 400


def test_a_field_the_commitment_does_not_take_is_named_in_a_400(api_client, project, participant):
    api_client.force_authenticate(participant.user)

    response = api_client.post(URL, form(project, recorded_by=1), format="multipart")

    assert response.status_code == 400
    assert "recorded_by" in response.json()
    assert not Commitment.objects.exists()

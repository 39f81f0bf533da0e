"""The finalise gate through the API: the same list of gaps in a 400, absences recorded by the chair."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import SessionAbsence
from tests import factories

from .conftest import score_all


@pytest.fixture
def login(request, api_client):
    def as_role(role):
        user = request.getfixturevalue(role)
        api_client.force_authenticate(user)
        return user

    return as_role


def test_the_missing_list_names_the_gaps(api_client, login, presentation, session, session_examiner, indicators):
    score_all(presentation, session_examiner, indicators, 84)
    login("session_examiner")

    response = api_client.get(f"/api/sessions/{session.pk}/missing/")

    assert response.status_code == 200
    (gap,) = response.json()["missing"]
    assert gap["code"] == "no_sheet" and gap["scorer_name"] == "Penguji Dua"
    assert gap["presentation"] == presentation.pk


def test_finalising_before_the_start_is_a_400_with_the_local_start(
    api_client, login, scored, session, seminar, second_examiner
):
    seminar.starts_at = timezone.now() + datetime.timedelta(days=14)
    seminar.save(update_fields=["starts_at"])
    login("chair")

    response = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")

    assert response.status_code == 400
    (gap,) = response.json()["missing"]
    assert gap["code"] == "not_started" and gap["scorer"] is None
    assert "WITA" in gap["message"]
    session.refresh_from_db()
    assert session.is_open


def test_the_chair_records_an_absence_and_then_finalises(
    api_client, login, presentation, session, session_examiner, second_examiner, indicators
):
    score_all(presentation, session_examiner, indicators, 84)
    chair = login("chair")

    recorded = api_client.post(
        f"/api/sessions/{session.pk}/absences/",
        {"kind": "member", "member": second_examiner.pk, "reason": "Tugas mendadak dari pimpinan"},
        format="json",
    )
    finalised = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")

    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["by"] == chair.pk
    assert finalised.status_code == 200 and finalised.json()["status"] == "finalised"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "member", "member": 999999, "reason": "Sakit"}, "member"),
        ({"kind": "member", "member": "abc", "reason": "Sakit"}, "member"),
        ({"kind": "participant", "presentation": 999999, "reason": "Sakit"}, "presentation"),
        ({"kind": "participant", "reason": "Sakit"}, "presentation"),
        ({"kind": "vacation", "reason": "Sakit"}, "kind"),
        ({"kind": "participant", "presentation": None, "reason": ""}, "reason"),
    ],
)
def test_bad_absences_are_400s_with_the_field(api_client, login, presentation, session, payload, field):
    login("chair")

    response = api_client.post(f"/api/sessions/{session.pk}/absences/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not SessionAbsence.objects.exists()


def test_an_examiner_cannot_record_an_absence(api_client, login, presentation, session, second_examiner):
    login("session_examiner")

    response = api_client.post(
        f"/api/sessions/{session.pk}/absences/",
        {"kind": "member", "member": second_examiner.pk, "reason": "Sakit"},
        format="json",
    )

    assert response.status_code == 403
    assert not SessionAbsence.objects.exists()


def test_a_stranger_cannot_see_the_missing_list(api_client, presentation, session):
    api_client.force_authenticate(factories.UserFactory())

    assert api_client.get(f"/api/sessions/{session.pk}/missing/").status_code == 404


def test_the_schema_documents_the_missing_list(api_client, login):
    login("chair")

    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    finalise = next(op for path, op in schema["paths"].items() if path.endswith("/finalise/"))["post"]
    assert "400" in finalise["responses"]
    assert "Missing" in schema["components"]["schemas"]
    assert "code" in schema["components"]["schemas"]["Gap"]["properties"]

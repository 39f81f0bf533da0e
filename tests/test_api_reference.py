"""Read-only endpoints: programmes, cohorts, agencies, participants and assignments."""

import datetime

import pytest

from diklat.models import Programme
from people.models import Participant
from regions.models import AgencyKind, Region
from tests import factories

pytestmark = pytest.mark.django_db

SEEING_ROLES = ["mentor", "coach", "examiner", "organiser_staff"]


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def same_queries_at_1_and_50(api_client, url, add_49, django_assert_max_num_queries, limit):
    """Fetch ``url`` with one row, add 49, fetch again: same query count, at most ``limit``."""
    counts = []
    for expected in (1, 50):
        with django_assert_max_num_queries(limit) as captured:
            response = api_client.get(url)
        assert response.status_code == 200
        assert len(response.json()["results"]) == expected
        counts.append(len(captured))
        if expected == 1:
            add_49()
    assert counts[0] == counts[1]


# --- programmes ---------------------------------------------------------------------------------


def test_any_signed_in_user_lists_the_programmes_with_their_rule_sets(api_client, stranger):
    api_client.force_authenticate(stranger)
    rows = api_client.get("/api/programmes/").json()["results"]
    assert [row["code"] for row in rows] == ["pkn1", "pkn2", "pka", "pkp"]
    pkn2 = rows[1]
    assert {rule_set["name"] for rule_set in pkn2["rule_sets"]} == {"Perlan 2/2019", "Perlan 5/2022 jo. 6/2022"}
    assert pkn2["former_name"] == "Diklatpim Tingkat II"


def test_programmes_are_refused_to_anonymous_clients(api_client, db):
    assert api_client.get("/api/programmes/").status_code in (401, 403)


def test_programmes_cannot_be_written(api_client, stranger):
    api_client.force_authenticate(stranger)
    assert api_client.post("/api/programmes/", {"code": "x", "name": "X"}).status_code == 405


# --- cohorts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SEEING_ROLES)
def test_people_around_an_enrolment_see_its_cohort_only(request, api_client, role, enrolment, other_project):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert ids(api_client.get("/api/cohorts/")) == [enrolment.cohort_id]
    assert api_client.get(f"/api/cohorts/{other_project.enrolment.cohort_id}/").status_code == 404


def test_a_participant_sees_their_own_cohort_with_its_dates(api_client, participant, enrolment):
    api_client.force_authenticate(participant.user)
    row = api_client.get(f"/api/cohorts/{enrolment.cohort_id}/").json()
    assert row["programme_code"] == "pkn2"
    assert row["results_seminar_date"] == enrolment.cohort.results_seminar_date.isoformat()
    assert row["name"] == str(enrolment.cohort)


def test_a_stranger_sees_no_cohort(api_client, stranger, enrolment):
    api_client.force_authenticate(stranger)
    assert ids(api_client.get("/api/cohorts/")) == []
    assert api_client.get(f"/api/cohorts/{enrolment.cohort_id}/").status_code == 404


def test_cohorts_filter_by_programme_year_and_organiser(api_client, organiser_staff, enrolment):
    cohort = enrolment.cohort
    pkp = factories.CohortFactory(
        organiser=cohort.organiser,
        programme=Programme.objects.get(code="pkp"),
        year=cohort.year - 1,
        start_date=cohort.start_date - datetime.timedelta(days=365),
        end_date=cohort.end_date - datetime.timedelta(days=365),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    api_client.force_authenticate(organiser_staff)
    assert ids(api_client.get("/api/cohorts/", {"programme": "pkp"})) == [pkp.pk]
    assert ids(api_client.get("/api/cohorts/", {"year": cohort.year})) == [cohort.pk]
    assert set(ids(api_client.get("/api/cohorts/", {"organiser": cohort.organiser_id}))) == {cohort.pk, pkp.pk}
    assert ids(api_client.get("/api/cohorts/", {"organiser": cohort.organiser_id + 99})) == []


# --- agencies -----------------------------------------------------------------------------------


@pytest.fixture
def agencies(db):
    province = Region.objects.get(code="73")
    makassar = Region.objects.get(code="73.71")
    aceh = Region.objects.get(code="11")
    badan = AgencyKind.objects.get(code="badan")
    return {
        "province": factories.AgencyFactory(name="BPSDM Provinsi", government=province, kind=badan),
        "city": factories.AgencyFactory(name="Dinas Kominfo Kota", government=makassar),
        "aceh": factories.AgencyFactory(name="Dinas Kesehatan Aceh", government=aceh),
    }


def test_any_signed_in_user_lists_agencies(api_client, stranger, agencies):
    api_client.force_authenticate(stranger)
    rows = {row["name"]: row for row in api_client.get("/api/agencies/").json()["results"]}
    assert set(rows) == {"BPSDM Provinsi", "Dinas Kominfo Kota", "Dinas Kesehatan Aceh"}
    assert rows["Dinas Kominfo Kota"]["government"] == "73.71"
    assert rows["Dinas Kominfo Kota"]["province"] == "73"
    assert rows["BPSDM Provinsi"]["kind"] == "badan"


def test_agencies_filter_by_province_government_kind_and_name(api_client, stranger, agencies):
    api_client.force_authenticate(stranger)
    url = "/api/agencies/"
    in_province = {agencies["province"].pk, agencies["city"].pk}
    assert set(ids(api_client.get(url, {"province": "73"}))) == in_province
    assert ids(api_client.get(url, {"government": "73.71"})) == [agencies["city"].pk]
    assert ids(api_client.get(url, {"government": "73"})) == [agencies["province"].pk]
    assert ids(api_client.get(url, {"kind": "badan"})) == [agencies["province"].pk]
    assert ids(api_client.get(url, {"search": "kesehatan"})) == [agencies["aceh"].pk]


def test_agencies_are_read_only(api_client, stranger, agencies):
    api_client.force_authenticate(stranger)
    assert api_client.post("/api/agencies/", {"name": "Baru"}).status_code == 405
    assert api_client.delete(f"/api/agencies/{agencies['city'].pk}/").status_code == 405


def test_the_agency_list_runs_the_same_queries_for_1_and_50_rows(api_client, stranger, django_assert_max_num_queries):
    api_client.force_authenticate(stranger)
    makassar = Region.objects.get(code="73.71")
    factories.AgencyFactory(government=makassar)
    same_queries_at_1_and_50(
        api_client,
        "/api/agencies/",
        lambda: factories.AgencyFactory.create_batch(49, government=makassar),
        django_assert_max_num_queries,
        2,
    )


# --- participants -------------------------------------------------------------------------------


def test_a_participant_record_shows_the_nip_grouped_and_what_it_encodes(api_client, participant):
    Participant.objects.filter(pk=participant.pk).update(nip="197012181996032001")
    api_client.force_authenticate(participant.user)
    row = api_client.get(f"/api/participants/{participant.pk}/").json()
    assert row["nip"] == "19701218 199603 2 001"
    assert row["birth_date"] == "1970-12-18"
    assert row["service_start"] == "1996-03-01"
    assert row["sex"] == 2
    assert row["sex_display"]
    assert row["full_name"] == participant.user.full_name


def test_a_contract_staff_record_has_no_nip_facts(api_client, organiser_staff, enrolment):
    pppk = factories.ParticipantFactory(employment="pppk", nip=None, ni_pppk="PPPK-2024-0001")
    factories.EnrolmentFactory(cohort=enrolment.cohort, participant=pppk)
    api_client.force_authenticate(organiser_staff)
    row = api_client.get(f"/api/participants/{pppk.pk}/").json()
    assert row["nip"] is None
    assert row["birth_date"] is None
    assert row["sex"] is None
    assert row["ni_pppk"] == "PPPK-2024-0001"


@pytest.mark.parametrize("role", SEEING_ROLES)
def test_people_around_an_enrolment_see_that_participant_only(request, api_client, role, participant, other_project):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert ids(api_client.get("/api/participants/")) == [participant.pk]
    other = other_project.enrolment.participant
    assert api_client.get(f"/api/participants/{other.pk}/").status_code == 404


def test_a_participant_sees_only_themself(api_client, participant, other_project):
    api_client.force_authenticate(participant.user)
    assert ids(api_client.get("/api/participants/")) == [participant.pk]


def test_a_stranger_sees_no_participant(api_client, stranger, participant):
    api_client.force_authenticate(stranger)
    assert ids(api_client.get("/api/participants/")) == []
    assert api_client.get(f"/api/participants/{participant.pk}/").status_code == 404


def test_participants_are_refused_to_anonymous_clients(api_client, participant):
    assert api_client.get("/api/participants/").status_code in (401, 403)


def test_participants_filter_by_cohort_and_agency_and_search_by_name_or_nip(api_client, organiser_staff, enrolment):
    participant = enrolment.participant
    classmate = factories.EnrolmentFactory(cohort=enrolment.cohort).participant
    api_client.force_authenticate(organiser_staff)
    url = "/api/participants/"
    assert set(ids(api_client.get(url, {"cohort": enrolment.cohort_id}))) == {participant.pk, classmate.pk}
    assert ids(api_client.get(url, {"agency": classmate.agency_id})) == [classmate.pk]
    assert ids(api_client.get(url, {"search": participant.user.full_name})) == [participant.pk]
    assert ids(api_client.get(url, {"search": classmate.nip[:14]})) == [classmate.pk]


def test_the_participant_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, enrolment, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    same_queries_at_1_and_50(
        api_client,
        "/api/participants/",
        lambda: factories.EnrolmentFactory.create_batch(49, cohort=enrolment.cohort),
        django_assert_max_num_queries,
        2,
    )


# --- assignments --------------------------------------------------------------------------------


@pytest.fixture
def panel(mentor, coach, examiner):
    return {"mentor": mentor, "coach": coach, "examiner": examiner}


@pytest.mark.parametrize("role", ["owner", *SEEING_ROLES])
def test_everyone_around_an_enrolment_sees_its_panel(request, api_client, role, participant, panel, other_project):
    factories.AssignmentFactory(enrolment=other_project.enrolment)
    user = participant.user if role == "owner" else request.getfixturevalue(role)
    api_client.force_authenticate(user)
    rows = api_client.get("/api/assignments/").json()["results"]
    assert sorted((row["role"], row["user"]) for row in rows) == sorted(
        (name, person.pk) for name, person in panel.items()
    )


def test_a_stranger_sees_no_assignment(api_client, stranger, panel):
    api_client.force_authenticate(stranger)
    assert ids(api_client.get("/api/assignments/")) == []


def test_assignments_filter_by_role(api_client, organiser_staff, panel):
    api_client.force_authenticate(organiser_staff)
    rows = api_client.get("/api/assignments/", {"role": "examiner"}).json()["results"]
    assert [row["user"] for row in rows] == [panel["examiner"].pk]


def test_the_assignment_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, enrolment, mentor, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    same_queries_at_1_and_50(
        api_client,
        "/api/assignments/",
        lambda: factories.AssignmentFactory.create_batch(49, enrolment__cohort=enrolment.cohort),
        django_assert_max_num_queries,
        2,
    )

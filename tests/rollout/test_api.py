"""The rollout API per role: innovations, their maturity and targets, adoptions and evidence, and bad input."""

import pytest

from rollout import services
from rollout.models import Adoption, AdoptionEvidence, GovernmentAffair, Innovation
from tests import factories
from tests.rollout.conftest import fake_pdf, png_upload
from tests.rollout.factories import AdoptionFactory, InnovationFactory, days_ago, region, target

pytestmark = pytest.mark.django_db

INNOVATION_LIST_QUERIES = 5  # count, page, affairs, stage changes, targets
ADOPTION_LIST_QUERIES = 4  # count, page, stage changes, evidence


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- innovations: who sees and changes them ---------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "mentor", "organiser_staff", "provincial_staff"])
def test_those_who_may_see_the_project_list_its_innovation(api_client, request, innovation, who):
    InnovationFactory(project__agency=agency_in("31"))  # out of everyone's sight here
    response = as_user(api_client, request.getfixturevalue(who)).get("/api/innovations/")
    assert response.status_code == 200
    assert ids(response) == [innovation.pk]


def agency_in(code):
    return factories.AgencyFactory(government=region(code))


@pytest.mark.parametrize("who", ["other_provincial_staff", "stranger"])
def test_outsiders_neither_list_nor_find_the_innovation(api_client, request, innovation, who):
    client = as_user(api_client, request.getfixturevalue(who))
    assert ids(client.get("/api/innovations/")) == []
    assert client.get(f"/api/innovations/{innovation.pk}/").status_code == 404


def test_anonymous_callers_are_refused(api_client, innovation):
    assert api_client.get("/api/innovations/").status_code in (401, 403)
    assert api_client.get("/api/adoptions/").status_code in (401, 403)


def test_an_innovation_shows_its_history_targets_and_coverage(api_client, owner, innovation, agency_73, agency_31):
    target(innovation, agency=agency_73)
    target(innovation, agency=agency_31)
    target(innovation, government=region("73.02"))
    AdoptionFactory(innovation=innovation, agency=agency_73, stage="institutionalised")
    AdoptionFactory(innovation=innovation, agency=agency_31, stage="piloting")
    data = as_user(api_client, owner).get(f"/api/innovations/{innovation.pk}/").json()
    assert (data["targets_count"], data["covered_count"], data["adoptions_count"], data["adopters_count"]) == (
        3,
        1,
        2,
        1,
    )
    assert data["coverage"] == 33.3
    assert [t["covered"] for t in data["targets"]] == [True, False, False]
    assert [(s["from_stage"], s["to_stage"]) for s in data["stage_changes"]] == [("", "initiative")]
    assert data["province"] == "73"


def test_the_owner_records_an_innovation(api_client, owner, project):
    affair = GovernmentAffair.objects.get(code="kominfo")
    response = as_user(api_client, owner).post(
        "/api/innovations/",
        {
            "project": project.pk,
            "name": "Aduan Daring",
            "form": "public_service",
            "is_digital": True,
            "affairs": [affair.pk],
            "started_on": days_ago(10).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["name"], data["stage"], data["affairs"]) == ("Aduan Daring", "initiative", [affair.pk])
    assert data["stage_changes"][0]["on"] == days_ago(10).isoformat()


def test_a_mentor_may_not_record_an_innovation(api_client, mentor, project):
    response = as_user(api_client, mentor).post(
        "/api/innovations/", {"project": project.pk, "name": "X", "form": "other"}, format="json"
    )
    assert response.status_code == 403
    assert not Innovation.objects.exists()


def test_a_stranger_cannot_name_a_project_out_of_sight(api_client, stranger, project):
    response = as_user(api_client, stranger).post(
        "/api/innovations/", {"project": project.pk, "name": "X", "form": "other"}, format="json"
    )
    assert response.status_code == 400
    assert "project" in response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Kedua"}, "project"),  # the project already has its innovation
        ({"name": "X", "form": "magic"}, "form"),
        ({"name": "X", "regulation": "none", "regulation_reference": "SK 1"}, "regulation_reference"),
        ({"name": "X", "started_on": "future"}, "started_on"),
    ],
)
def test_bad_innovations_get_a_400_at_the_field(api_client, owner, project, innovation, payload, field):
    if field != "project":
        Innovation.objects.all().delete()
    payload = {"project": project.pk, "form": "other", **payload}
    if payload.get("started_on") == "future":
        payload["started_on"] = days_ago(-2).isoformat()
    response = as_user(api_client, owner).post("/api/innovations/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_partial_update_keeps_what_it_does_not_name(api_client, owner, innovation):
    affair = GovernmentAffair.objects.get(code="kesehatan")
    innovation.affairs.set([affair])
    response = as_user(api_client, owner).patch(
        f"/api/innovations/{innovation.pk}/", {"regulation": "decree", "regulation_reference": "SK 9"}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["regulation"], data["regulation_reference"], data["affairs"]) == ("decree", "SK 9", [affair.pk])
    assert data["name"] == "Sistem Respons Cepat Humas"


def test_an_untried_innovation_of_someone_else_cannot_be_named_as_origin(api_client, owner, innovation):
    hidden, tried = InnovationFactory(stage="initiative"), InnovationFactory(stage="trial")
    client = as_user(api_client, owner)
    response = client.patch(f"/api/innovations/{innovation.pk}/", {"derived_from": hidden.pk}, format="json")
    assert response.status_code == 400 and "derived_from" in response.json()
    response = client.patch(f"/api/innovations/{innovation.pk}/", {"derived_from": tried.pk}, format="json")
    assert response.json()["derived_from"] == tried.pk


def test_a_mentor_may_read_but_not_update(api_client, mentor, innovation):
    response = as_user(api_client, mentor).patch(f"/api/innovations/{innovation.pk}/", {"name": "X"}, format="json")
    assert response.status_code == 403


# --- maturity and targets ---------------------------------------------------------------------


def test_the_maturity_moves_through_the_stage_action(api_client, provincial_staff, innovation):
    response = as_user(api_client, provincial_staff).post(
        f"/api/innovations/{innovation.pk}/stage/", {"stage": "applied", "on": days_ago(1).isoformat()}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "applied"
    assert [s["to_stage"] for s in response.json()["stage_changes"]] == ["initiative", "applied"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"stage": "initiative", "reason": ""}, "reason"),  # back from trial without a reason
        ({"stage": "applied", "on": "future"}, "on"),
        ({"stage": "legendary"}, "stage"),
    ],
)
def test_bad_maturity_changes_get_a_400_at_the_field(api_client, owner, innovation, payload, field):
    services.change_innovation_stage(innovation, "trial", by=owner, on=days_ago(5))
    if payload.get("on") == "future":
        payload = {**payload, "on": days_ago(-2).isoformat()}
    response = as_user(api_client, owner).post(f"/api/innovations/{innovation.pk}/stage/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    innovation.refresh_from_db()
    assert innovation.stage == "trial"


def test_targets_are_replaced_through_the_targets_action(api_client, owner, innovation, agency_73, agency_31):
    response = as_user(api_client, owner).put(
        f"/api/innovations/{innovation.pk}/targets/",
        {"agencies": [agency_73.pk, agency_31.pk], "governments": [region("73.02").pk]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["targets_count"] == 3


def test_the_own_agency_as_a_target_gets_a_400(api_client, owner, innovation, project):
    response = as_user(api_client, owner).put(
        f"/api/innovations/{innovation.pk}/targets/", {"agencies": [project.agency.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "agencies" in response.json()
    assert not innovation.targets.exists()


@pytest.mark.parametrize("rows", [1, 50])
def test_the_innovation_list_runs_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, rows, agency_73, provincial_staff
):
    for _ in range(rows):  # projects of agencies in Sulawesi Selatan, which the provincial staff report on
        innovation = InnovationFactory()
        target(innovation, agency=agency_73)
        AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied")
        innovation.affairs.set(GovernmentAffair.objects.all()[:2])
    client = as_user(api_client, provincial_staff)
    with django_assert_max_num_queries(INNOVATION_LIST_QUERIES):
        response = client.get("/api/innovations/")
    assert response.json()["count"] == rows
    assert all(row["coverage"] == 100.0 for row in response.json()["results"])


# --- adoptions --------------------------------------------------------------------------------


def test_an_adoption_is_recorded_with_its_history(api_client, organiser_staff, innovation, agency_73):
    response = as_user(api_client, organiser_staff).post(
        "/api/adoptions/",
        {"innovation": innovation.pk, "agency": agency_73.pk, "planned_on": days_ago(3).isoformat()},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["stage"], data["province"], len(data["stage_changes"])) == ("planned", "73", 1)


@pytest.mark.parametrize("case", ["own agency", "duplicate", "future"])
def test_bad_adoptions_get_a_400_at_the_field(api_client, owner, innovation, project, agency_73, case):
    if case == "duplicate":
        AdoptionFactory(innovation=innovation, agency=agency_73)
    payload = {"innovation": innovation.pk, "agency": (project.agency if case == "own agency" else agency_73).pk}
    if case == "future":
        payload["planned_on"] = days_ago(-2).isoformat()
    response = as_user(api_client, owner).post("/api/adoptions/", payload, format="json")
    assert response.status_code == 400
    assert ("planned_on" if case == "future" else "agency") in response.json()
    assert Adoption.objects.count() == (1 if case == "duplicate" else 0)


def test_an_adoption_of_an_innovation_out_of_sight_is_refused(api_client, stranger, innovation, agency_73):
    response = as_user(api_client, stranger).post(
        "/api/adoptions/", {"innovation": innovation.pk, "agency": agency_73.pk}, format="json"
    )
    assert response.status_code == 400
    assert "innovation" in response.json()


def test_adoptions_are_filtered_by_the_adopting_agencys_province(
    api_client, owner, innovation, agency_73, agency_31, regency_agency
):
    in_73 = AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied")
    in_regency = AdoptionFactory(innovation=innovation, agency=regency_agency)
    in_31 = AdoptionFactory(innovation=innovation, agency=agency_31)
    client = as_user(api_client, owner)
    assert set(ids(client.get("/api/adoptions/?province=73"))) == {in_73.pk, in_regency.pk}
    assert ids(client.get("/api/adoptions/?province=31")) == [in_31.pk]
    # A code that is no province's (99; 73.02 is a regency's) matches no row, as an id that no row has.
    assert ids(client.get("/api/adoptions/?province=99")) == ids(client.get("/api/adoptions/?province=73.02")) == []
    assert ids(client.get("/api/adoptions/?stage=applied")) == [in_73.pk]
    assert ids(client.get(f"/api/adoptions/?agency={agency_31.pk}&innovation={innovation.pk}")) == [in_31.pk]


@pytest.mark.parametrize("query", ["stage=everywhere", "innovation=first", "agency=0"])
def test_unknown_filter_values_get_a_400(api_client, owner, innovation, query):
    response = as_user(api_client, owner).get(f"/api/adoptions/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_staff_of_another_province_see_only_their_agencies_adoptions(
    api_client, other_provincial_staff, innovation, agency_73, agency_31
):
    AdoptionFactory(innovation=innovation, agency=agency_73)
    in_31 = AdoptionFactory(innovation=innovation, agency=agency_31)
    client = as_user(api_client, other_provincial_staff)
    assert ids(client.get("/api/adoptions/")) == [in_31.pk]
    response = client.post(f"/api/adoptions/{in_31.pk}/stage/", {"stage": "piloting"}, format="json")
    assert response.status_code == 403


def test_an_adoption_moves_and_going_back_needs_a_reason(api_client, owner, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="piloting")
    client = as_user(api_client, owner)
    response = client.post(f"/api/adoptions/{adoption.pk}/stage/", {"stage": "applied"}, format="json")
    assert response.status_code == 200
    assert response.json()["covers_applied"] is True
    response = client.post(f"/api/adoptions/{adoption.pk}/stage/", {"stage": "planned"}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()


def test_evidence_is_uploaded_as_multipart(api_client, owner, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = as_user(api_client, owner).post(
        f"/api/adoptions/{adoption.pk}/evidence/",
        {"kind": "statement", "reference": "SP 3/2026", "file": png_upload()},
        format="multipart",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["content_type"], data["reference"]) == ("image/png", "SP 3/2026")
    assert data["download_url"] == f"/rollout/evidence/{data['id']}/"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "mou", "file": "fake"}, "file"),
        ({"kind": "mou"}, "reference"),
        ({"kind": "gossip", "reference": "x"}, "kind"),
        ({"kind": "mou", "reference": "x", "dated": "future"}, "dated"),
    ],
)
def test_bad_evidence_gets_a_400_at_the_field(api_client, owner, innovation, agency_73, payload, field):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    payload = dict(payload)
    if payload.get("file") == "fake":
        payload["file"] = fake_pdf()
    if payload.get("dated") == "future":
        payload["dated"] = days_ago(-2).isoformat()
    response = as_user(api_client, owner).post(f"/api/adoptions/{adoption.pk}/evidence/", payload, format="multipart")
    assert response.status_code == 400
    assert field in response.json()
    assert not AdoptionEvidence.objects.exists()


@pytest.mark.parametrize("rows", [1, 50])
def test_the_adoption_list_runs_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, owner, innovation, rows
):
    for _ in range(rows):
        adoption = AdoptionFactory(innovation=innovation, stage="applied")
        AdoptionEvidence.objects.create(adoption=adoption, kind="mou", reference="MoU", uploaded_by=owner)
    client = as_user(api_client, owner)
    with django_assert_max_num_queries(ADOPTION_LIST_QUERIES):
        response = client.get("/api/adoptions/")
    assert response.json()["count"] == rows


# --- rollout targets --------------------------------------------------------------------------


def test_targets_are_listed_with_whether_they_are_reached(api_client, owner, innovation, agency_73, agency_31):
    reached = target(innovation, agency=agency_73)
    waiting = target(innovation, government=region("31"))
    AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied")
    target(InnovationFactory(), agency=agency_31)  # another project's plan, out of sight
    client = as_user(api_client, owner)
    response = client.get("/api/rollout-targets/")
    assert [(row["id"], row["covered"]) for row in response.json()["results"]] == [
        (reached.pk, True),
        (waiting.pk, False),
    ]
    assert ids(client.get("/api/rollout-targets/?covered=false")) == [waiting.pk]
    assert ids(client.get("/api/rollout-targets/?government=31")) == [waiting.pk]
    assert client.post("/api/rollout-targets/", {"innovation": innovation.pk}, format="json").status_code == 405


def test_staff_of_another_province_see_no_targets_of_this_plan(
    api_client, other_provincial_staff, innovation, agency_31
):
    target(innovation, agency=agency_31)
    assert ids(as_user(api_client, other_provincial_staff).get("/api/rollout-targets/")) == []


@pytest.mark.parametrize("rows", [1, 50])
def test_the_target_list_runs_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, owner, innovation, rows
):
    for _ in range(rows):
        target(innovation, agency=AdoptionFactory(innovation=innovation, stage="applied").agency)
    client = as_user(api_client, owner)
    with django_assert_max_num_queries(2):  # count, page
        response = client.get("/api/rollout-targets/")
    assert response.json()["count"] == rows


# --- government affairs -----------------------------------------------------------------------


def test_government_affairs_are_read_only(api_client, stranger):
    client = as_user(api_client, stranger)
    response = client.get("/api/government-affairs/")
    assert response.status_code == 200
    assert {"code": "kesehatan", "name": "Kesehatan"}.items() <= next(
        row for row in response.json() if row["code"] == "kesehatan"
    ).items()
    assert client.post("/api/government-affairs/", {"code": "x", "name": "X"}, format="json").status_code == 405

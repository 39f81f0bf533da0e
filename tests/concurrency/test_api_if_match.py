"""Optimistic concurrency in the API: ETag on a row, If-Match honoured, 412 with what changed when stale."""

import pytest

from assessments import feedback
from projects.models import BudgetLine, ChangeProject, Milestone
from projects.services.milestones import save_milestone
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def milestone(project):
    return factories.MilestoneFactory(project=project, activity="Sosialisasi")


@pytest.fixture
def owner(api_client, participant):
    api_client.force_authenticate(participant.user)
    return api_client


def test_a_row_carries_its_version_as_an_etag_and_each_save_is_a_new_one(owner, milestone):
    url = f"/api/milestones/{milestone.pk}/"
    first = owner.get(url)
    assert first["ETag"] == '"v1"' and first.json()["version"] == 1

    changed = owner.patch(url, {"activity": "Sosialisasi ke OPD"}, format="json", headers={"If-Match": '"v1"'})

    assert changed.status_code == 200
    assert changed["ETag"] == '"v2"' and changed.json()["version"] == 2
    assert Milestone.objects.get(pk=milestone.pk).version == 2


def test_a_change_from_an_old_version_is_refused_with_412_saying_what_changed_and_nothing_is_saved(
    owner, milestone, participant
):
    url = f"/api/milestones/{milestone.pk}/"
    # Someone else (the same participant on another screen) moves the target first.
    save_milestone(milestone.project, by=participant.user, milestone=milestone, activity="Rapat koordinasi")

    stale = owner.patch(url, {"responsible": "Sekretaris"}, format="json", headers={"If-Match": '"v1"'})

    assert stale.status_code == 412
    body = stale.json()
    assert body["current_version"] == 2 and stale["ETag"] == '"v2"'
    assert "since you opened it" in body["detail"]
    assert [(c["field"], c["old"], c["new"]) for c in body["changes"]] == [
        ("Activity", "Sosialisasi", "Rapat koordinasi")
    ]
    assert body["changes"][0]["by"] == participant.user.get_full_name()
    assert Milestone.objects.get(pk=milestone.pk).responsible != "Sekretaris"


@pytest.mark.parametrize("header", ['W/"v1"', '"x"', '"v99999999999999"', '"v2"'])
def test_a_weak_or_foreign_tag_never_matches(owner, milestone, header):
    response = owner.patch(
        f"/api/milestones/{milestone.pk}/", {"weight": 3}, format="json", headers={"If-Match": header}
    )

    assert response.status_code == 412
    assert Milestone.objects.get(pk=milestone.pk).weight == 1


@pytest.mark.parametrize("header", [None, "*"])
def test_without_if_match_or_with_a_star_the_write_goes_through(owner, milestone, header):
    headers = {"If-Match": header} if header else {}
    response = owner.patch(f"/api/milestones/{milestone.pk}/", {"weight": 3}, format="json", headers=headers)

    assert response.status_code == 200
    assert Milestone.objects.get(pk=milestone.pk).weight == 3


def test_a_stale_delete_keeps_the_milestone(owner, milestone, participant):
    save_milestone(milestone.project, by=participant.user, milestone=milestone, weight=4)

    response = owner.delete(f"/api/milestones/{milestone.pk}/", headers={"If-Match": '"v1"'})

    assert response.status_code == 412
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_plan_edited_elsewhere_is_not_overwritten(owner, project):
    url = f"/api/projects/{project.pk}/"
    assert owner.get(url)["ETag"] == '"v1"'
    assert owner.patch(url, {"title": "Judul A"}, format="json", headers={"If-Match": '"v1"'}).status_code == 200

    response = owner.patch(url, {"title": "Judul B"}, format="json", headers={"If-Match": '"v1"'})

    assert response.status_code == 412
    assert [c["new"] for c in response.json()["changes"]] == ["Judul A"]
    assert ChangeProject.objects.get(pk=project.pk).title == "Judul A"


def test_a_transition_from_a_stale_version_is_refused(owner, project, approved_project):
    version = ChangeProject.objects.get(pk=project.pk).version

    response = owner.post(f"/api/projects/{project.pk}/start/", {}, format="json", headers={"If-Match": '"v0"'})

    assert response.status_code == 412
    assert ChangeProject.objects.get(pk=project.pk).status == ChangeProject.Status.APPROVED
    started = owner.post(f"/api/projects/{project.pk}/start/", {}, format="json", headers={"If-Match": f'"v{version}"'})
    assert started.status_code == 200 and started.json()["version"] == version + 1


def test_a_budget_approval_from_a_stale_version_is_refused(api_client, project, participant, mentor):
    line = factories.BudgetLineFactory(project=project)
    api_client.force_authenticate(participant.user)
    api_client.patch(f"/api/budget-lines/{line.pk}/", {"planned": 4_000_000}, format="json")
    api_client.force_authenticate(mentor)
    approval = {"approved": 3_000_000, "document_reference": "DPA 1", "document_date": factories.today().isoformat()}

    response = api_client.post(
        f"/api/budget-lines/{line.pk}/approve/", approval, format="json", headers={"If-Match": '"v1"'}
    )

    assert response.status_code == 412
    assert [c["new"] for c in response.json()["changes"]] == ["Rp 4.000.000"]
    assert BudgetLine.objects.get(pk=line.pk).approved is None


def test_feedback_moved_by_someone_else_is_not_moved_again_from_the_old_status(
    api_client, project, participant, mentor
):
    item = feedback.give_feedback(
        project, by=mentor, category="scope", text="Perluas", owner="X", due_date=factories.today()
    )
    api_client.force_authenticate(participant.user)
    url = f"/api/feedback/{item.pk}/move/"
    assert api_client.post(url, {"status": "accepted"}, headers={"If-Match": '"v1"'}).status_code == 200

    response = api_client.post(url, {"status": "accepted"}, headers={"If-Match": '"v1"'})

    assert response.status_code == 412
    assert response.json()["current_version"] == 2


def test_the_schema_documents_if_match_and_the_412(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/milestones/{id}/"]["patch"]

    assert "If-Match" in [p["name"] for p in operation["parameters"] if p["in"] == "header"]
    assert "412" in operation["responses"]

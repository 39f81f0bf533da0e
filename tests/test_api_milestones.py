"""The /api/milestones/ endpoint: scoping, CRUD through services, the horizon rule, filters, query counts."""

import datetime

import pytest

from projects.models import Milestone
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


URL = "/api/milestones/"


def detail(milestone):
    return f"{URL}{milestone.pk}/"


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def milestone(project):
    return factories.MilestoneFactory(project=project)


@pytest.fixture
def other_milestone(other_project):
    return factories.MilestoneFactory(project=other_project)


def new_milestone(project, **overrides):
    today = factories.today()
    return {
        "project": project.pk,
        "horizon": "short",
        "activity": "Sosialisasi ke OPD",
        "responsible": "Sekretaris",
        "start_date": today.isoformat(),
        "target_date": (today + datetime.timedelta(days=10)).isoformat(),
        "weight": 2,
        **overrides,
    }


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_people_around_a_project_see_its_milestones_only(request, api_client, role, milestone, other_milestone):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert ids(api_client.get(URL)) == [milestone.pk]
    assert api_client.get(detail(milestone)).status_code == 200
    assert api_client.get(detail(other_milestone)).status_code == 404


def test_the_owner_sees_their_milestones_only(api_client, participant, milestone, other_milestone):
    api_client.force_authenticate(participant.user)
    assert ids(api_client.get(URL)) == [milestone.pk]
    assert api_client.get(detail(other_milestone)).status_code == 404


def test_a_stranger_sees_no_milestone(api_client, stranger, milestone):
    api_client.force_authenticate(stranger)
    assert api_client.get(URL).json()["count"] == 0
    assert api_client.get(detail(milestone)).status_code == 404


def test_an_anonymous_client_is_refused(api_client, milestone):
    assert api_client.get(URL).status_code in (401, 403)


def test_the_owner_adds_a_milestone(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_milestone(project), format="json")
    assert response.status_code == 201, response.json()
    created = Milestone.objects.get()
    assert response.json()["id"] == created.pk
    assert created.project == project
    assert created.weight == 2


def test_the_owner_updates_progress_and_the_status_follows(api_client, participant, milestone):
    api_client.force_authenticate(participant.user)
    response = api_client.patch(detail(milestone), {"progress": 100}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["completed_on"] == factories.today().isoformat()


def test_the_owner_deletes_a_milestone(api_client, participant, milestone):
    api_client.force_authenticate(participant.user)
    assert api_client.delete(detail(milestone)).status_code == 204
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_others_cannot_add_change_or_delete_milestones(request, api_client, role, project, milestone):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.post(URL, new_milestone(project), format="json").status_code == 403
    assert api_client.patch(detail(milestone), {"progress": 50}, format="json").status_code == 403
    assert api_client.delete(detail(milestone)).status_code == 403
    milestone.refresh_from_db()
    assert milestone.progress == 0
    assert Milestone.objects.count() == 1


def test_a_stranger_cannot_add_to_or_touch_a_project_they_cannot_see(api_client, stranger, project, milestone):
    api_client.force_authenticate(stranger)
    response = api_client.post(URL, new_milestone(project), format="json")
    assert response.status_code == 400
    assert "project" in response.json()
    assert api_client.patch(detail(milestone), {"progress": 50}, format="json").status_code == 404
    assert api_client.delete(detail(milestone)).status_code == 404
    assert Milestone.objects.count() == 1


def test_progress_over_100_is_refused_at_the_field(api_client, participant, project, milestone):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_milestone(project, progress=101), format="json")
    assert response.status_code == 400
    assert "progress" in response.json()
    assert api_client.patch(detail(milestone), {"progress": 101}, format="json").status_code == 400
    milestone.refresh_from_db()
    assert milestone.progress == 0
    assert Milestone.objects.count() == 1


def test_a_short_term_target_after_the_results_seminar_is_refused_at_the_field(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    seminar = project.enrolment.cohort.results_seminar_date
    late = (seminar + datetime.timedelta(days=1)).isoformat()
    response = api_client.post(URL, new_milestone(project, target_date=late), format="json")
    assert response.status_code == 400
    assert f"to {seminar:%d-%m-%Y}." in response.json()["target_date"][0]
    assert not Milestone.objects.exists()


def test_a_target_before_the_start_is_refused_at_the_field(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    today = factories.today()
    data = new_milestone(project, target_date=(today - datetime.timedelta(days=1)).isoformat())
    response = api_client.post(URL, data, format="json")
    assert response.status_code == 400
    assert "target_date" in response.json()
    assert not Milestone.objects.exists()


def test_milestones_of_a_submitted_project_cannot_change(api_client, participant, project, milestone):
    project.status = "submitted"
    project.save()
    api_client.force_authenticate(participant.user)
    response = api_client.patch(detail(milestone), {"activity": "Lain"}, format="json")
    assert response.status_code == 400
    assert "cannot be changed" in response.json()["non_field_errors"][0]


def test_a_milestone_cannot_be_moved_to_another_project(api_client, participant, project, other_project, milestone):
    api_client.force_authenticate(participant.user)
    api_client.patch(detail(milestone), {"project": other_project.pk}, format="json")
    milestone.refresh_from_db()
    assert milestone.project == project


def test_milestones_filter_by_project_horizon_status_and_overdue(api_client, participant, project):
    short = factories.MilestoneFactory(project=project, horizon="short")
    medium = factories.MilestoneFactory(project=project, horizon="medium", status="in_progress", progress=10)
    late = factories.MilestoneFactory(project=project, horizon="short")
    today = factories.today()
    Milestone.objects.filter(pk=late.pk).update(
        start_date=today - datetime.timedelta(days=9), target_date=today - datetime.timedelta(days=1)
    )
    api_client.force_authenticate(participant.user)
    assert set(ids(api_client.get(URL, {"horizon": "short"}))) == {short.pk, late.pk}
    assert ids(api_client.get(URL, {"status": "in_progress"})) == [medium.pk]
    assert ids(api_client.get(URL, {"overdue": "true"})) == [late.pk]
    assert set(ids(api_client.get(URL, {"overdue": "false"}))) == {short.pk, medium.pk}
    assert len(ids(api_client.get(URL, {"project": project.pk}))) == 3
    row = api_client.get(detail(late)).json()
    assert row["is_overdue"] is True


def test_the_milestone_list_is_paginated(api_client, participant, project):
    factories.MilestoneFactory.create_batch(51, project=project)
    api_client.force_authenticate(participant.user)
    body = api_client.get(URL).json()
    assert body["count"] == 51
    assert len(body["results"]) == 50
    assert body["next"]


def test_the_milestone_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, project, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    factories.MilestoneFactory(project=project)
    counts = []
    for expected in (1, 50):
        with django_assert_max_num_queries(3) as captured:
            response = api_client.get(URL)
        assert len(response.json()["results"]) == expected
        counts.append(len(captured))
        factories.MilestoneFactory.create_batch(49, project__enrolment__cohort=project.enrolment.cohort)
    assert counts[0] == counts[1]

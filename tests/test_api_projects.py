"""The /api/projects/ endpoint: scoping, writes through services, transitions, filters, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ChangeProject, Milestone, ProjectTransition
from projects.services.lifecycle import allowed_transitions
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


URL = "/api/projects/"
SEEING_ROLES = ["owner", "mentor", "coach", "examiner", "organiser_staff"]


def detail(project, suffix=""):
    return f"{URL}{project.pk}/{suffix}"


def make_overdue(milestone):
    """Move an open milestone's dates into the past (bypassing the horizon rule, as time would)."""
    today = factories.today()
    Milestone.objects.filter(pk=milestone.pk).update(
        start_date=today - datetime.timedelta(days=20), target_date=today - datetime.timedelta(days=1)
    )


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def as_role(request, api_client, participant):
    """Return a function logging the API client in as one of the roles around ``project``."""

    def login(role):
        user = participant.user if role == "owner" else request.getfixturevalue(role)
        api_client.force_authenticate(user)
        return user

    return login


@pytest.mark.parametrize("role", SEEING_ROLES)
def test_each_role_around_a_project_sees_only_that_project(api_client, as_role, role, project, other_project):
    as_role(role)
    response = api_client.get(URL)
    assert response.status_code == 200
    assert ids(response) == [project.pk]


@pytest.mark.parametrize("role", SEEING_ROLES)
def test_each_role_around_a_project_can_open_it_but_not_another(api_client, as_role, role, project, other_project):
    as_role(role)
    assert api_client.get(detail(project)).json()["title"] == project.title
    assert api_client.get(detail(other_project)).status_code == 404


def test_a_stranger_gets_an_empty_list_and_404_on_a_project(api_client, stranger, project):
    api_client.force_authenticate(stranger)
    response = api_client.get(URL)
    assert response.json()["count"] == 0
    assert api_client.get(detail(project)).status_code == 404


def test_an_anonymous_client_is_refused(api_client, project):
    assert api_client.get(URL).status_code in (401, 403)
    assert api_client.get(detail(project)).status_code in (401, 403)


def test_a_project_shows_its_progress_per_horizon_and_overdue_flag(api_client, participant, project):
    factories.MilestoneFactory(
        project=project, horizon="short", weight=1, progress=100, status="done", completed_on=factories.today()
    )
    factories.MilestoneFactory(project=project, horizon="short", weight=3, progress=0)
    factories.MilestoneFactory(project=project, horizon="medium", weight=1, progress=40)
    api_client.force_authenticate(participant.user)
    row = api_client.get(URL).json()["results"][0]
    assert row["progress_short"] == 25.0
    assert row["progress_medium"] == 40.0
    assert row["progress_long"] is None
    assert row["has_overdue"] is False
    assert row["participant_name"] == participant.user.full_name


def test_a_project_with_a_late_open_milestone_is_flagged_overdue(api_client, participant, project):
    make_overdue(factories.MilestoneFactory(project=project))
    api_client.force_authenticate(participant.user)
    assert api_client.get(detail(project)).json()["has_overdue"] is True


# --- create and update --------------------------------------------------------------------


def new_project_data(enrolment, **overrides):
    return {
        "enrolment": enrolment.pk,
        "title": "Layanan pengaduan terpadu",
        "problem": "Pengaduan tercecer di banyak kanal.",
        "breakthrough": "Satu kanal pengaduan dengan SLA.",
        **overrides,
    }


def test_a_participant_creates_their_project_through_the_api(api_client, participant, enrolment):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_project_data(enrolment), format="json")
    assert response.status_code == 201, response.json()
    project = ChangeProject.objects.get(enrolment=enrolment)
    assert response.json()["id"] == project.pk
    assert project.status == ChangeProject.Status.DRAFT
    assert project.agency == participant.agency
    assert response.json()["allowed_transitions"] == ["submit"]


def test_a_mentor_cannot_create_a_project_for_their_participant(api_client, mentor, enrolment):
    api_client.force_authenticate(mentor)
    response = api_client.post(URL, new_project_data(enrolment), format="json")
    assert response.status_code == 403
    assert not ChangeProject.objects.exists()


def test_a_stranger_cannot_create_a_project_on_an_enrolment_they_cannot_see(api_client, stranger, enrolment):
    api_client.force_authenticate(stranger)
    response = api_client.post(URL, new_project_data(enrolment), format="json")
    assert response.status_code == 400
    assert "enrolment" in response.json()
    assert not ChangeProject.objects.exists()


def test_a_second_project_for_the_same_enrolment_is_refused_with_a_message(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_project_data(project.enrolment), format="json")
    assert response.status_code == 400
    assert "already" in response.json()["non_field_errors"][0]
    assert ChangeProject.objects.count() == 1


def test_a_project_without_a_title_is_refused_at_the_field(api_client, participant, enrolment):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_project_data(enrolment, title=""), format="json")
    assert response.status_code == 400
    assert "title" in response.json()
    assert not ChangeProject.objects.exists()


def test_the_owner_updates_the_plan_of_a_draft(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.patch(detail(project), {"title": "Judul baru"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Judul baru"
    project.refresh_from_db()
    assert project.title == "Judul baru"


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_others_who_see_the_project_cannot_change_it(api_client, as_role, role, project):
    as_role(role)
    response = api_client.patch(detail(project), {"title": "Diubah"}, format="json")
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "Diubah"


def test_a_stranger_cannot_change_a_project_they_cannot_see(api_client, stranger, project):
    api_client.force_authenticate(stranger)
    assert api_client.patch(detail(project), {"title": "Diubah"}, format="json").status_code == 404


def test_the_plan_of_an_approved_project_cannot_change(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    response = api_client.patch(detail(approved_project), {"title": "Diubah"}, format="json")
    assert response.status_code == 400
    assert "draft" in response.json()["non_field_errors"][0]
    approved_project.refresh_from_db()
    assert approved_project.title != "Diubah"


def test_status_cannot_be_written_directly(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    api_client.patch(detail(project), {"status": "approved"}, format="json")
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.DRAFT


def test_projects_cannot_be_deleted_through_the_api(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    assert api_client.delete(detail(project)).status_code == 405
    assert ChangeProject.objects.filter(pk=project.pk).exists()


# --- transitions ----------------------------------------------------------------------------


@pytest.fixture
def planned_project(project):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    return project


def test_the_owner_submits_and_the_mentor_approves(api_client, participant, mentor, planned_project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(detail(planned_project, "submit/"))
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    api_client.force_authenticate(mentor)
    response = api_client.post(detail(planned_project, "approve/"), {"comment": "Lanjutkan."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["mentor_comment"] == "Lanjutkan."
    assert ProjectTransition.objects.filter(project=planned_project).count() == 2


def test_the_mentor_returns_a_plan_with_a_comment(api_client, mentor, planned_project):
    ChangeProject.objects.filter(pk=planned_project.pk).update(status="submitted")
    api_client.force_authenticate(mentor)
    response = api_client.post(detail(planned_project, "return/"), {"comment": "Perjelas anggaran."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "returned"


def test_returning_without_a_comment_is_refused_at_the_comment(api_client, mentor, planned_project):
    ChangeProject.objects.filter(pk=planned_project.pk).update(status="submitted")
    api_client.force_authenticate(mentor)
    response = api_client.post(detail(planned_project, "return/"))
    assert response.status_code == 400
    assert "comment" in response.json()
    planned_project.refresh_from_db()
    assert planned_project.status == "submitted"


def test_an_illegal_transition_is_400_with_a_message(api_client, mentor, project):
    api_client.force_authenticate(mentor)
    response = api_client.post(detail(project, "approve/"))
    assert response.status_code == 400
    assert "cannot be moved" in response.json()["non_field_errors"][0]
    project.refresh_from_db()
    assert project.status == "draft"
    assert not ProjectTransition.objects.exists()


def test_submitting_without_every_horizon_is_400_naming_what_is_missing(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(detail(project, "submit/"))
    assert response.status_code == 400
    assert "missing" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize("role", ["coach", "examiner", "organiser_staff"])
def test_approval_by_someone_who_is_not_the_mentor_is_403(api_client, as_role, role, planned_project):
    ChangeProject.objects.filter(pk=planned_project.pk).update(status="submitted")
    as_role(role)
    response = api_client.post(detail(planned_project, "approve/"))
    assert response.status_code == 403
    assert response.json()["detail"]
    planned_project.refresh_from_db()
    assert planned_project.status == "submitted"


def test_the_owner_cannot_approve_their_own_project(api_client, participant, planned_project):
    ChangeProject.objects.filter(pk=planned_project.pk).update(status="submitted")
    api_client.force_authenticate(participant.user)
    assert api_client.post(detail(planned_project, "approve/")).status_code == 403


def test_a_stranger_gets_404_on_a_transition(api_client, stranger, planned_project):
    api_client.force_authenticate(stranger)
    assert api_client.post(detail(planned_project, "submit/")).status_code == 404


def test_start_and_complete_move_an_approved_project_to_the_end(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    assert api_client.post(detail(approved_project, "start/")).json()["status"] == "in_implementation"
    approved_project.milestones.filter(horizon="short").update(status="cancelled")
    assert api_client.post(detail(approved_project, "complete/")).json()["status"] == "completed"


@pytest.mark.parametrize("status", [s.value for s in ChangeProject.Status])
@pytest.mark.parametrize("role", [*SEEING_ROLES, "superuser"])
def test_allowed_transitions_in_the_list_match_the_services_rule(api_client, as_role, role, status, project):
    if role == "superuser":
        user = factories.UserFactory(is_superuser=True)
        api_client.force_authenticate(user)
    else:
        user = as_role(role)
    if role != "mentor":
        factories.AssignmentFactory(enrolment=project.enrolment, role="mentor")  # someone else mentors it
    ChangeProject.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    row = api_client.get(URL).json()["results"][0]
    assert row["allowed_transitions"] == allowed_transitions(project, user)


def test_the_mentor_of_a_submitted_project_is_offered_approve_and_return(api_client, mentor, project):
    ChangeProject.objects.filter(pk=project.pk).update(status="submitted")
    api_client.force_authenticate(mentor)
    assert api_client.get(detail(project)).json()["allowed_transitions"] == ["approve", "return"]


# --- filters, pagination, queries ------------------------------------------------------------


@pytest.fixture
def staff_with_projects(api_client, organiser_staff, project):
    """Organiser staff seeing three projects of their cohort in different states."""
    cohort = project.enrolment.cohort
    approved = factories.ChangeProjectFactory(enrolment__cohort=cohort, status="approved")
    submitted = factories.ChangeProjectFactory(enrolment__cohort=cohort, status="submitted")
    api_client.force_authenticate(organiser_staff)
    return {"draft": project, "approved": approved, "submitted": submitted}


def test_projects_filter_by_status(api_client, staff_with_projects):
    response = api_client.get(URL, {"status": "approved"})
    assert ids(response) == [staff_with_projects["approved"].pk]


def test_projects_filter_by_cohort_programme_and_agency(api_client, staff_with_projects, other_project):
    draft = staff_with_projects["draft"]
    assert len(ids(api_client.get(URL, {"cohort": draft.enrolment.cohort_id}))) == 3
    assert ids(api_client.get(URL, {"cohort": other_project.enrolment.cohort_id})) == []
    assert len(ids(api_client.get(URL, {"programme": "pkn2"}))) == 3
    assert ids(api_client.get(URL, {"programme": "pkp"})) == []
    assert ids(api_client.get(URL, {"agency": draft.agency_id})) == [draft.pk]


def test_projects_filter_by_overdue(api_client, staff_with_projects):
    make_overdue(factories.MilestoneFactory(project=staff_with_projects["submitted"]))
    assert ids(api_client.get(URL, {"overdue": "true"})) == [staff_with_projects["submitted"].pk]
    assert len(ids(api_client.get(URL, {"overdue": "false"}))) == 2


def test_projects_can_be_ordered_and_searched(api_client, staff_with_projects):
    titles = [row["title"] for row in api_client.get(URL, {"ordering": "-title"}).json()["results"]]
    assert titles == sorted(titles, reverse=True)
    draft = staff_with_projects["draft"]
    assert ids(api_client.get(URL, {"search": draft.title})) == [draft.pk]


def test_the_project_list_is_paginated(api_client, staff_with_projects):
    body = api_client.get(URL).json()
    assert body["count"] == 3
    assert {"next", "previous", "results"} <= set(body)


def list_queries(api_client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = api_client.get(url)
    assert response.status_code == 200
    return len(response.json()["results"]), len(captured)


def test_the_project_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, project, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    cohort = project.enrolment.cohort
    factories.MilestoneFactory(project=project)
    rows, one = list_queries(api_client, URL, django_assert_max_num_queries, 4)
    assert rows == 1
    for extra in factories.ChangeProjectFactory.create_batch(49, enrolment__cohort=cohort):
        factories.MilestoneFactory(project=extra)
        factories.AssignmentFactory(enrolment=extra.enrolment, role="mentor")
    rows, fifty = list_queries(api_client, URL, django_assert_max_num_queries, 4)
    assert rows == 50
    assert fifty == one


def test_the_project_detail_runs_a_fixed_number_of_queries(api_client, participant, approved_project):
    api_client.force_authenticate(participant.user)
    with CaptureQueriesContext(connection) as captured:
        api_client.get(detail(approved_project))
    assert len(captured) <= 2

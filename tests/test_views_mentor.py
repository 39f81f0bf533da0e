"""The mentor's pages: the list of assigned participants and the review of a submitted project."""

import pytest
from django.urls import reverse

from projects.models import ChangeProject, ProjectTransition
from tests import factories

pytestmark = pytest.mark.django_db

Status = ChangeProject.Status


@pytest.fixture
def submitted_project(project):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    project.status = Status.SUBMITTED
    project.save()
    return project


def review_url(project):
    return reverse("mentors:review", args=[project.pk])


def test_home_sends_a_mentor_to_their_participants(client, mentor):
    client.force_login(mentor)
    assert client.get("/").url == reverse("mentors:participants")


def test_the_mentor_sees_their_participants_with_role_status_and_progress(client, project, mentor):
    factories.MilestoneFactory(project=project, progress=50)
    client.force_login(mentor)
    response = client.get(reverse("mentors:participants"))
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row["project"] == project
    assert row["project"].progress_overall == 50
    assert row["assignment"].role == "mentor"
    assert project.title in response.text
    assert project.enrolment.participant.user.full_name in response.text


def test_participants_without_a_project_are_listed_too(client, enrolment, coach):
    client.force_login(coach)
    response = client.get(reverse("mentors:participants"))
    [row] = response.context["rows"]
    assert row["project"] is None
    assert "No project yet" in response.text


def test_the_list_holds_only_the_mentors_own_participants(client, project, mentor, other_project):
    factories.AssignmentFactory(enrolment=other_project.enrolment, role="mentor")
    client.force_login(mentor)
    rows = client.get(reverse("mentors:participants")).context["rows"]
    assert [row["project"] for row in rows] == [project]


def test_submitted_projects_awaiting_the_mentor_come_first(client, mentor, project):
    enrolments = [factories.EnrolmentFactory(cohort=project.enrolment.cohort) for _ in range(2)]
    for enrolment in enrolments:
        factories.AssignmentFactory(enrolment=enrolment, user=mentor)
    waiting = factories.ChangeProjectFactory(enrolment=enrolments[1], status=Status.SUBMITTED)
    factories.ChangeProjectFactory(enrolment=enrolments[0], status=Status.APPROVED)
    client.force_login(mentor)
    response = client.get(reverse("mentors:participants"))
    assert response.context["rows"][0]["project"] == waiting
    assert response.context["awaiting_count"] == 1


def test_the_list_filters_by_status(client, mentor, project):
    other = factories.EnrolmentFactory(cohort=project.enrolment.cohort)
    factories.AssignmentFactory(enrolment=other, user=mentor)
    approved = factories.ChangeProjectFactory(enrolment=other, status=Status.APPROVED)
    client.force_login(mentor)
    rows = client.get(reverse("mentors:participants"), {"status": "approved"}).context["rows"]
    assert [row["project"] for row in rows] == [approved]
    rows = client.get(reverse("mentors:participants"), {"status": "none"}).context["rows"]
    assert rows == []


def test_an_anonymous_visitor_is_sent_to_log_in(client, project):
    for url in (reverse("mentors:participants"), review_url(project)):
        assert client.get(url).url.startswith(reverse("login"))


def test_the_mentor_approves_a_submitted_project(client, submitted_project, mentor):
    client.force_login(mentor)
    response = client.get(review_url(submitted_project))
    assert response.context["can_decide"]
    assert 'value="approve"' in response.text
    response = client.post(review_url(submitted_project), {"decision": "approve", "comment": "Bagus."})
    assert response.status_code == 302
    submitted_project.refresh_from_db()
    assert submitted_project.status == Status.APPROVED
    assert ProjectTransition.objects.get(project=submitted_project).by == mentor


def test_returning_without_a_comment_shows_the_message_at_the_comment(client, submitted_project, mentor):
    client.force_login(mentor)
    response = client.post(review_url(submitted_project), {"decision": "return", "comment": "  "})
    assert response.status_code == 200
    assert "comment is required" in str(response.context["form"].errors["comment"])
    submitted_project.refresh_from_db()
    assert submitted_project.status == Status.SUBMITTED


def test_returning_with_a_comment_sends_it_to_the_participant(client, submitted_project, mentor):
    client.force_login(mentor)
    response = client.post(
        review_url(submitted_project), {"decision": "return", "comment": "Tambahkan analisis risiko."}
    )
    assert response.status_code == 302
    submitted_project.refresh_from_db()
    assert submitted_project.status == Status.RETURNED
    client.force_login(submitted_project.enrolment.participant.user)
    assert "Tambahkan analisis risiko." in client.get(reverse("projects:dashboard")).text


def test_a_return_posted_to_the_transition_url_without_comment_goes_back_to_the_review(
    client, submitted_project, mentor
):
    client.force_login(mentor)
    response = client.post(reverse("projects:transition", args=[submitted_project.pk, "return"]))
    assert response.url == review_url(submitted_project)
    submitted_project.refresh_from_db()
    assert submitted_project.status == Status.SUBMITTED


def test_a_project_that_is_not_submitted_cannot_be_approved(client, project, mentor):
    client.force_login(mentor)
    assert not client.get(review_url(project)).context["can_decide"]
    response = client.post(review_url(project), {"decision": "approve"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    project.refresh_from_db()
    assert project.status == Status.DRAFT


@pytest.mark.parametrize("role", ["coach", "examiner"])
def test_a_coach_or_examiner_sees_the_project_but_cannot_approve(client, submitted_project, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(review_url(submitted_project))
    assert response.status_code == 200
    assert 'value="approve"' not in response.text
    assert client.post(review_url(submitted_project), {"decision": "approve"}).status_code == 403
    transition_url = reverse("projects:transition", args=[submitted_project.pk, "approve"])
    assert client.post(transition_url).status_code == 403
    submitted_project.refresh_from_db()
    assert submitted_project.status == Status.SUBMITTED


def test_the_mentor_of_another_participant_cannot_find_the_review(client, submitted_project, other_project):
    outsider = factories.AssignmentFactory(enrolment=other_project.enrolment, role="mentor").user
    client.force_login(outsider)
    assert client.get(review_url(submitted_project)).status_code == 404
    assert client.post(review_url(submitted_project), {"decision": "approve"}).status_code == 404


def test_the_participant_cannot_approve_their_own_project(client, submitted_project):
    client.force_login(submitted_project.enrolment.participant.user)
    assert client.post(review_url(submitted_project), {"decision": "approve"}).status_code == 403


@pytest.mark.parametrize("rows", [1, 50])
def test_the_participants_list_runs_a_fixed_number_of_queries(client, rows, django_assert_max_num_queries):
    mentor = factories.UserFactory()
    cohort = factories.CohortFactory()
    for n in range(rows):
        enrolment = factories.EnrolmentFactory(cohort=cohort)
        factories.AssignmentFactory(enrolment=enrolment, user=mentor, role=("mentor", "coach", "examiner")[n % 3])
        if n % 5:
            project = factories.ChangeProjectFactory(enrolment=enrolment, status=Status.SUBMITTED)
            factories.MilestoneFactory(project=project)
    client.force_login(mentor)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("mentors:participants"))
    assert len(response.context["rows"]) == rows


def test_home_sends_provincial_staff_to_their_province_dashboard(client):
    from people.models import ProvincialStaff
    from regions.models import Region

    user = factories.UserFactory()
    ProvincialStaff.objects.create(user=user, province=Region.objects.get(code="73"))
    client.force_login(user)
    assert client.get("/").url == reverse("reports:my-province")


def test_home_sends_organiser_staff_to_their_cohorts(client, organiser_staff):
    client.force_login(organiser_staff)
    assert client.get("/").url == reverse("organise:cohorts")


def test_the_header_links_to_the_reports_for_organiser_staff_but_not_for_participants(
    client, organiser_staff, participant
):
    client.force_login(organiser_staff)
    assert reverse("reports:index") in client.get(reverse("mentors:participants")).text
    client.force_login(participant.user)
    assert reverse("reports:index") not in client.get(reverse("projects:dashboard")).text

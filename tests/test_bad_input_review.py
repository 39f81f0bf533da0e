"""Review findings F5–F9: bad input is a field error (400 or the form again), never a 500; the API keeps a
project's agency to the participant's province as the page does."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from diklat.filtering import MAX_ID
from projects.models import ChangeProject
from projects.services.lifecycle import create_project, update_project
from regions.models import Region
from rollout.models import Innovation
from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def jakarta_agency(db):
    return factories.AgencyFactory(government=Region.objects.get(code="31"))


@pytest.fixture
def as_participant(api_client, project):
    api_client.force_authenticate(project.enrolment.participant.user)
    api_client.raise_request_exception = False
    return api_client


# --- F5: the agency of a project is one of the participant's province ------------------------------


def test_the_api_refuses_an_agency_of_another_province_at_the_field(as_participant, project, jakarta_agency):
    response = as_participant.patch(f"/api/projects/{project.pk}/", {"agency": jakarta_agency.pk}, format="json")
    assert response.status_code == 400
    assert "agency" in response.json()
    project.refresh_from_db()
    assert project.agency_id != jakarta_agency.pk


def test_the_api_accepts_an_agency_of_a_regency_in_the_participants_province(as_participant, project):
    regency = Region.objects.filter(parent__code="73").first()
    agency = factories.AgencyFactory(government=regency)
    response = as_participant.patch(f"/api/projects/{project.pk}/", {"agency": agency.pk}, format="json")
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.agency_id == agency.pk


def test_a_project_may_keep_its_current_agency_outside_the_province(project, jakarta_agency):
    ChangeProject.objects.filter(pk=project.pk).update(agency=jakarta_agency)
    user = project.enrolment.participant.user
    update_project(project, by=user, agency=jakarta_agency, title="Judul baru")
    project.refresh_from_db()
    assert (project.agency_id, project.title) == (jakarta_agency.pk, "Judul baru")


def test_update_project_refuses_an_agency_of_another_province(project, jakarta_agency):
    with pytest.raises(ValidationError) as error:
        update_project(project, by=project.enrolment.participant.user, agency=jakarta_agency)
    assert "agency" in error.value.message_dict


def test_create_project_refuses_an_agency_of_another_province_and_saves_nothing(enrolment, jakarta_agency):
    with pytest.raises(ValidationError) as error:
        create_project(
            enrolment,
            by=enrolment.participant.user,
            agency=jakarta_agency,
            title="Humas",
            problem="p",
            breakthrough="b",
        )
    assert "agency" in error.value.message_dict
    assert not ChangeProject.objects.filter(enrolment=enrolment).exists()


# --- F6: id filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/api/projects/?cohort={HUGE}",
        f"/api/projects/?agency={HUGE}",
        f"/api/milestones/?project={HUGE}",
        f"/api/updates/?milestone={HUGE}",
        f"/api/participants/?cohort={HUGE}",
        f"/api/cohorts/?organiser={HUGE}",
        f"/api/assignments/?user={HUGE}",
        f"/api/feedback/?project={HUGE}",
        f"/api/sessions/?seminar={HUGE}",
        f"/api/presentations/?enrolment={HUGE}",
        f"/api/innovations/?cohort={HUGE}",
        f"/api/adoptions/?agency={HUGE}",
        "/api/projects/?cohort=%C2%B2",
        "/api/projects/?cohort=1.5",
        "/api/projects/?cohort=0",
    ],
)
def test_an_id_filter_out_of_range_or_not_a_whole_number_is_a_400_naming_the_filter(as_participant, url):
    response = as_participant.get(url)
    assert response.status_code == 400, (url, response.status_code)
    name = url.split("?")[1].split("=")[0]
    assert name in response.json()


def test_an_id_filter_still_filters_by_id(as_participant, project):
    cohort = project.enrolment.cohort_id
    assert [row["id"] for row in as_participant.get("/api/projects/", {"cohort": cohort}).json()["results"]] == [
        project.pk
    ]
    assert as_participant.get("/api/projects/", {"cohort": MAX_ID}).json()["results"] == []


# --- F7: feedback given_by ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["\u00b2", HUGE, "someone"])
def test_feedback_given_by_that_is_neither_me_nor_an_id_is_a_400(as_participant, value):
    response = as_participant.get("/api/feedback/", {"given_by": value})
    assert response.status_code == 400
    assert "given_by" in response.json()


def test_feedback_given_by_an_id_is_still_a_filter(as_participant, project):
    assert as_participant.get("/api/feedback/", {"given_by": MAX_ID}).json()["results"] == []


# --- F8: session results with a pk that is not an id --------------------------------------------


@pytest.mark.parametrize("pk", ["\u00b2", HUGE])
def test_session_results_with_a_pk_that_is_not_an_id_is_a_404(as_participant, pk):
    assert as_participant.get(f"/api/sessions/{pk}/results/").status_code == 404


# --- F9: the innovation form's lineage field ------------------------------------------------------


@pytest.mark.parametrize("value", ["\u00b2", HUGE, f"Lain [#{HUGE}]", "Lain [#\u0661]"])
def test_the_innovation_form_shows_a_lineage_that_is_not_an_id_as_a_field_error(project, value):
    client = Client(raise_request_exception=False)
    client.force_login(project.enrolment.participant.user)
    response = client.post(
        reverse("rollout:innovation_edit", args=[project.pk]),
        {"name": "Inovasi", "form": "governance", "regulation": "none", "derived_from": value},
    )
    assert response.status_code == 200
    assert "derived_from" in response.context["form"].errors
    assert not Innovation.objects.filter(project=project).exists()

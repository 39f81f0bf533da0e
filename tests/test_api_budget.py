"""The /api/budget-lines/ endpoint: scoping, CRUD through services, amounts, filters, query counts."""

import pytest

from projects.models import BudgetLine
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


URL = "/api/budget-lines/"


def detail(line):
    return f"{URL}{line.pk}/"


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def line(project):
    return factories.BudgetLineFactory(project=project)


@pytest.fixture
def other_line(other_project):
    return factories.BudgetLineFactory(project=other_project)


def new_line(project, **overrides):
    return {
        "project": project.pk,
        "source": "apbd",
        "fiscal_year": factories.today().year + 1,
        "description": "Honor narasumber",
        "planned": 3_800_000,
        **overrides,
    }


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_people_around_a_project_see_its_budget_only(request, api_client, role, line, other_line):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert ids(api_client.get(URL)) == [line.pk]
    assert api_client.get(detail(other_line)).status_code == 404


def test_the_owner_sees_their_budget_in_rupiah(api_client, participant, line, other_line):
    api_client.force_authenticate(participant.user)
    rows = api_client.get(URL).json()["results"]
    assert [row["id"] for row in rows] == [line.pk]
    assert rows[0]["planned"] == 3_800_000
    assert rows[0]["planned_rupiah"] == "Rp 3.800.000"
    assert rows[0]["approved_rupiah"] == "—"


def test_a_stranger_sees_no_budget_line(api_client, stranger, line):
    api_client.force_authenticate(stranger)
    assert api_client.get(URL).json()["count"] == 0
    assert api_client.get(detail(line)).status_code == 404


def test_an_anonymous_client_is_refused(api_client, line):
    assert api_client.get(URL).status_code in (401, 403)


def test_the_owner_adds_changes_and_deletes_a_line(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_line(project), format="json")
    assert response.status_code == 201, response.json()
    created = BudgetLine.objects.get()
    assert created.planned == 3_800_000
    response = api_client.patch(detail(created), {"planned": 1_250_000}, format="json")
    assert response.status_code == 200
    assert response.json()["planned_rupiah"] == "Rp 1.250.000"
    created.refresh_from_db()
    assert (created.planned, created.approved) == (1_250_000, None)
    assert api_client.delete(detail(created)).status_code == 204
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_others_cannot_add_change_or_delete_budget_lines(request, api_client, role, project, line):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.post(URL, new_line(project), format="json").status_code == 403
    assert api_client.patch(detail(line), {"planned": 1}, format="json").status_code == 403
    assert api_client.delete(detail(line)).status_code == 403
    line.refresh_from_db()
    assert line.planned == 3_800_000
    assert BudgetLine.objects.count() == 1


def test_a_stranger_cannot_add_to_or_touch_a_budget_they_cannot_see(api_client, stranger, project, line):
    api_client.force_authenticate(stranger)
    assert "project" in api_client.post(URL, new_line(project), format="json").json()
    assert api_client.patch(detail(line), {"planned": 1}, format="json").status_code == 404
    assert api_client.delete(detail(line)).status_code == 404
    assert BudgetLine.objects.count() == 1


def test_a_negative_planned_amount_is_refused_at_the_field(api_client, participant, project, line):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_line(project, planned=-1), format="json")
    assert response.status_code == 400
    assert "planned" in response.json()
    response = api_client.patch(detail(line), {"planned": -5}, format="json")
    assert response.status_code == 400
    assert "planned" in response.json()
    line.refresh_from_db()
    assert line.planned == 3_800_000
    assert BudgetLine.objects.count() == 1


def test_an_unknown_source_and_an_absurd_year_are_refused_at_their_fields(api_client, participant, project):
    api_client.force_authenticate(participant.user)
    response = api_client.post(URL, new_line(project, source="loan", fiscal_year=1990), format="json")
    assert response.status_code == 400
    assert {"source", "fiscal_year"} <= set(response.json())
    assert not BudgetLine.objects.exists()


def test_the_budget_of_a_completed_project_cannot_change(api_client, participant, project, line):
    project.status = "completed"
    project.save()
    api_client.force_authenticate(participant.user)
    response = api_client.patch(detail(line), {"planned": 1}, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    line.refresh_from_db()
    assert line.planned == 3_800_000


def test_budget_lines_filter_by_project_source_and_fiscal_year(api_client, participant, project):
    next_year = factories.today().year + 1
    apbd = factories.BudgetLineFactory(project=project, source="apbd", fiscal_year=next_year)
    csr = factories.BudgetLineFactory(project=project, source="csr", fiscal_year=next_year + 1)
    api_client.force_authenticate(participant.user)
    assert ids(api_client.get(URL, {"source": "csr"})) == [csr.pk]
    assert ids(api_client.get(URL, {"fiscal_year": next_year})) == [apbd.pk]
    assert set(ids(api_client.get(URL, {"project": project.pk}))) == {apbd.pk, csr.pk}
    assert api_client.get(URL, {"project": project.pk + 1000}).json()["count"] == 0


def test_the_budget_list_runs_the_same_queries_for_1_and_50_rows(
    api_client, organiser_staff, project, django_assert_max_num_queries
):
    api_client.force_authenticate(organiser_staff)
    factories.BudgetLineFactory(project=project)
    counts = []
    for expected in (1, 50):
        with django_assert_max_num_queries(4) as captured:  # scope, count, page, evidence
            response = api_client.get(URL)
        assert len(response.json()["results"]) == expected
        counts.append(len(captured))
        factories.BudgetLineFactory.create_batch(49, project__enrolment__cohort=project.enrolment.cohort)
    assert counts[0] == counts[1]

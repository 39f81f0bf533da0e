"""API lists page by a cursor: every row once, in order, at a cost that does not grow with depth."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diklat import pagination
from projects.models import BudgetLine, Milestone
from tests import factories

pytestmark = pytest.mark.django_db


def walk(api_client, url, params=None):
    """Every page of a list, following `next`: (rows, number of pages, the bodies)."""
    rows, bodies = [], []
    response = api_client.get(url, params)
    while True:
        assert response.status_code == 200
        body = response.json()
        bodies.append(body)
        rows.extend(body["results"])
        if not body["next"]:
            return rows, bodies
        response = api_client.get(body["next"])


@pytest.fixture
def admin(db):
    return factories.UserFactory(is_superuser=True, is_staff=True)


def test_following_next_returns_every_milestone_once_in_plan_order(api_client, admin, project, other_project):
    factories.MilestoneFactory.create_batch(60, project=project)
    factories.MilestoneFactory.create_batch(45, project=other_project)
    api_client.force_authenticate(admin)
    rows, bodies = walk(api_client, "/api/milestones/")
    assert len(bodies) == 3
    expected = list(Milestone.objects.order_by("project_id", "target_date", "pk").values_list("pk", flat=True))
    assert [row["id"] for row in rows] == expected
    assert all("cursor=" in body["next"] for body in bodies[:-1])


def test_previous_goes_back_to_the_same_rows(api_client, admin, project, other_project):
    for plan in (project, other_project, factories.ChangeProjectFactory()):
        factories.MilestoneFactory.create_batch(40, project=plan)
    api_client.force_authenticate(admin)
    first = api_client.get("/api/milestones/").json()
    second = api_client.get(first["next"]).json()
    back = api_client.get(second["previous"]).json()
    assert [row["id"] for row in back["results"]] == [row["id"] for row in first["results"]]


def test_an_ordering_without_a_key_pages_by_offset_without_repeating_a_row(api_client, admin, project):
    for amount in [None, 5_000_000, None, 1_000_000] * 30:
        if amount is None:
            factories.BudgetLineFactory(project=project)
        else:
            factories.confirmed_line(project, approved=amount)
    api_client.force_authenticate(admin)
    rows, bodies = walk(api_client, "/api/budget-lines/", {"ordering": "approved"})
    assert len(bodies) == 3
    assert sorted(row["id"] for row in rows) == sorted(BudgetLine.objects.values_list("pk", flat=True))


def test_the_count_is_exact_up_to_the_cap_and_says_when_there_are_more(api_client, admin, project, monkeypatch):
    factories.MilestoneFactory.create_batch(12, project=project)
    api_client.force_authenticate(admin)
    body = api_client.get("/api/milestones/").json()
    assert (body["count"], body["count_capped"]) == (12, False)
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    body = api_client.get("/api/milestones/").json()
    assert (body["count"], body["count_capped"]) == (10, True)


def test_a_deep_page_costs_the_same_queries_as_the_first(api_client, admin, project):
    factories.MilestoneFactory.create_batch(160, project=project)
    api_client.force_authenticate(admin)
    with CaptureQueriesContext(connection) as first:
        body = api_client.get("/api/milestones/").json()
    for _ in range(2):
        body = api_client.get(body["next"]).json()
    with CaptureQueriesContext(connection) as deep:
        assert api_client.get(body["next"]).status_code == 200
    assert len(deep) == len(first) <= 4


def test_the_next_page_starts_after_the_last_key_instead_of_skipping_an_offset(api_client, admin, project):
    factories.ProgressUpdateFactory.create_batch(60, project=project)
    api_client.force_authenticate(admin)
    following = api_client.get("/api/updates/").json()["next"]
    with CaptureQueriesContext(connection) as captured:
        assert len(api_client.get(following).json()["results"]) == 10
    page = next(query["sql"] for query in captured if "LIMIT 51" in query["sql"])
    assert '"projects_progressupdate"."id" <' in page
    assert "OFFSET" not in page


def test_a_garbled_cursor_is_a_404_not_a_500(api_client, admin):
    api_client.force_authenticate(admin)
    assert api_client.get("/api/milestones/", {"cursor": "%%%not-base64"}).status_code == 404

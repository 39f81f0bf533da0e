"""National change lists: a capped count instead of COUNT(*) over the whole table, and a bounded cohort filter."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diklat import admin_scoping
from diklat.admin_pagination import CappedCountPaginator
from projects.models import Milestone
from tests import factories

pytestmark = pytest.mark.django_db

MILESTONES = reverse("admin:projects_milestone_changelist")


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)


def test_a_list_longer_than_the_cap_says_so_and_counts_only_up_to_it(superuser_client, small_cap):
    project = factories.ChangeProjectFactory()
    factories.MilestoneFactory.create_batch(5, project=project)
    response = superuser_client.get(MILESTONES)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    assert response.context["cl"].paginator.capped
    assert "first 3" in response.text or "3 pertama" in response.text


def test_the_count_reads_at_most_cap_plus_one_keys(small_cap):
    project = factories.ChangeProjectFactory()
    factories.MilestoneFactory.create_batch(5, project=project)
    paginator = CappedCountPaginator(Milestone.objects.order_by("target_date"), 2)
    assert paginator.count == 3
    assert paginator.capped
    assert paginator.num_pages == 2


def test_a_short_list_has_its_exact_count_and_no_note(superuser_client, small_cap):
    project = factories.ChangeProjectFactory()
    factories.MilestoneFactory.create_batch(2, project=project)
    response = superuser_client.get(MILESTONES)
    assert response.context["cl"].result_count == 2
    assert not response.context["cl"].paginator.capped
    assert "first 3" not in response.text and "3 pertama" not in response.text


def test_the_change_list_costs_the_same_queries_at_one_and_fifty_rows(superuser_client, django_assert_num_queries):
    project = factories.ChangeProjectFactory()
    factories.MilestoneFactory(project=project)
    superuser_client.get(MILESTONES)  # session and content types warm
    with CaptureQueriesContext(connection) as one:
        superuser_client.get(MILESTONES)
    factories.MilestoneFactory.create_batch(49, project=project)
    with django_assert_num_queries(len(one)):
        superuser_client.get(MILESTONES)
    assert not any("COUNT(*)" in query["sql"] and "LIMIT" not in query["sql"] for query in one.captured_queries), (
        "every count is bounded"
    )


def test_the_cohort_filter_lists_recent_cohorts_and_keeps_the_chosen_one(superuser_client, monkeypatch):
    monkeypatch.setattr(admin_scoping, "COHORT_FILTER_CHOICES", 2)
    old = factories.CohortFactory(year=2020)
    recent = [factories.CohortFactory(year=year) for year in (2026, 2025, 2024)]
    factories.MilestoneFactory(project__enrolment__cohort=old)

    def listed(url):
        response = superuser_client.get(url)
        specs = response.context["cl"].filter_specs
        spec = next(spec for spec in specs if getattr(spec, "parameter_name", "") == "cohort")
        return {int(pk) for pk, _label in spec.lookup_choices}

    assert listed(MILESTONES) == {recent[0].pk, recent[1].pk}
    chosen = listed(f"{MILESTONES}?cohort={old.pk}")
    assert old.pk in chosen and len(chosen) == 3
    response = superuser_client.get(f"{MILESTONES}?cohort={old.pk}")
    assert response.context["cl"].result_count == 1

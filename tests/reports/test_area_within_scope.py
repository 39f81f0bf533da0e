"""Provincial staff reading their own province skip the scope test: the figures must not change by it."""

import pytest

from people.models import ProvincialStaff
from reports.filters import report_filters
from reports.queries import budget, feedback, progress, province, rollout, seminars
from reports.views.pages import REPORTS
from tests import factories

MODULES = {"progress": progress, "seminars": seminars, "feedback": feedback, "budget": budget, "rollout": rollout}


def form_for(user, shortcut: bool, **filters):
    form = report_filters({key: str(value) for key, value in filters.items()}, user)
    assert form.is_valid(), form.errors
    if not shortcut:
        form.__dict__["area_within_scope"] = False  # the cached property, as if the area reached outside
    return form


def every_table(form) -> dict:
    return {
        (name, function): list(getattr(MODULES[name], function)(form).rows)
        for name, (_title, sections) in REPORTS.items()
        for function, _chart in sections
    }


@pytest.mark.parametrize("filters", [{}, {"province": "73"}, {"government": "73.71"}])
def test_every_table_is_the_same_with_and_without_the_shortcut(world, filters):
    assert form_for(world.provincial, True, **filters).area_within_scope
    shortcut, scoped = (
        every_table(form_for(world.provincial, True, **filters)),
        every_table(form_for(world.provincial, False, **filters)),
    )
    assert shortcut == scoped
    assert any(rows for rows in shortcut.values())  # the comparison had figures to compare


def test_the_province_dashboard_is_the_same_with_and_without_the_shortcut(world):
    def board(shortcut):
        result = province.dashboard(form_for(world.provincial, shortcut, province="73"), world.province)
        return [(f.key, f.value) for f in result.figures], list(result.unrealised.rows)

    with_shortcut = board(True)
    assert with_shortcut == board(False)
    assert dict(with_shortcut[0])["projects"] == 3


def test_another_province_keeps_the_scope(world):
    """Staff who also organise a cohort may choose another province: there only their cohort shows."""
    world.organiser_staff.provinces_reported.create(province=world.jakarta)
    participant = factories.ParticipantFactory(agency=world.agencies.a1)  # in 73, of a cohort they do not run
    factories.ChangeProjectFactory(
        enrolment=factories.EnrolmentFactory(cohort=world.other_cohort, participant=participant)
    )
    form = form_for(world.organiser_staff, True, province="73")
    assert not form.area_within_scope
    assert sum(row["count"] for row in progress.projects_by_status(form).rows) == 3  # their cohort's, not 4
    assert sum(row["count"] for row in progress.projects_by_status(form_for(world.provincial, True)).rows) == 4

    form = form_for(world.organiser_staff, True, province="31")
    assert form.area_within_scope
    assert sum(row["count"] for row in progress.projects_by_status(form).rows) == 1


def test_no_area_and_no_province_keeps_the_scope(world):
    assert not form_for(world.organiser_staff, True).area_within_scope
    assert not form_for(world.participant, True).area_within_scope
    assert form_for(world.superuser, True).area_within_scope


def test_an_area_inside_the_province_counts_as_within(world):
    staff = factories.UserFactory()
    ProvincialStaff.objects.create(user=staff, province=world.province)
    assert form_for(staff, True, government="73.71").area_within_scope
    assert form_for(staff, True, government="73.71", agency=world.agencies.a2.pk).area_within_scope

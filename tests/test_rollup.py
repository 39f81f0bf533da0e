"""The progress roll-up: weighted progress per horizon and overall, and overdue milestones, computed in SQL."""

import datetime

import pytest
from django.utils import timezone

from projects.models import ChangeProject, Milestone
from tests import factories


def today() -> datetime.date:
    return timezone.localdate()


def milestone(project, horizon="short", weight=1, progress=0, status=None, target=None):
    if status is None:
        status = "done" if progress == 100 else "in_progress" if progress else "planned"
    return factories.MilestoneFactory(
        project=project,
        horizon=horizon,
        weight=weight,
        progress=progress,
        status=status,
        completed_on=today() if status == "done" else None,
        target_date=target or factories.default_target(horizon),
        start_date=(target or today()) - datetime.timedelta(days=30),
    )


def rolled_up(project) -> ChangeProject:
    return ChangeProject.objects.with_progress().get(pk=project.pk)


def test_short_term_progress_is_the_weighted_mean_of_its_milestones(project):
    milestone(project, weight=1, progress=100)
    milestone(project, weight=3, progress=20)
    assert rolled_up(project).progress_short == 40.0  # (100×1 + 20×3) / 4


def test_cancelled_milestones_are_left_out_of_the_roll_up(project):
    milestone(project, weight=1, progress=100)
    milestone(project, weight=3, progress=20)
    milestone(project, weight=50, progress=0, status="cancelled")
    assert rolled_up(project).progress_short == 40.0


def test_a_horizon_without_milestones_has_no_progress_rather_than_zero(project):
    milestone(project, "short", progress=50)
    rolled = rolled_up(project)
    assert rolled.progress_medium is None
    assert rolled.progress_long is None


def test_a_horizon_with_only_cancelled_milestones_has_no_progress(project):
    milestone(project, "medium", status="cancelled")
    assert rolled_up(project).progress_medium is None


def test_a_project_without_milestones_has_no_progress_and_nothing_overdue(project):
    rolled = rolled_up(project)
    assert (rolled.progress_short, rolled.progress_medium, rolled.progress_long, rolled.progress_overall) == (
        None,
        None,
        None,
        None,
    )
    assert rolled.has_overdue is False


def test_overall_progress_weighs_every_milestone_across_horizons(project):
    milestone(project, "short", weight=1, progress=100)
    milestone(project, "short", weight=3, progress=20)
    milestone(project, "medium", weight=2, progress=50)
    milestone(project, "long", weight=4, progress=0)
    rolled = rolled_up(project)
    assert (rolled.progress_short, rolled.progress_medium, rolled.progress_long) == (40.0, 50.0, 0.0)
    assert rolled.progress_overall == 26.0  # (100 + 60 + 100 + 0) / 10


def test_progress_is_a_float_rounded_to_one_decimal(project):
    milestone(project, "short", weight=1, progress=100)
    milestone(project, "short", weight=2, progress=0)
    rolled = rolled_up(project)
    assert rolled.progress_short == 33.3  # 100 / 3
    assert isinstance(rolled.progress_short, float)
    assert isinstance(rolled.progress_overall, float)


def test_each_project_rolls_up_only_its_own_milestones(project, other_project):
    milestone(project, progress=100)
    milestone(other_project, progress=10)
    by_pk = {p.pk: p.progress_short for p in ChangeProject.objects.with_progress()}
    assert by_pk == {project.pk: 100.0, other_project.pk: 10.0}


def test_scoping_to_a_user_with_two_roles_neither_duplicates_rows_nor_inflates_progress(project, enrolment, mentor):
    factories.AssignmentFactory(enrolment=enrolment, user=mentor, role="examiner")
    milestone(project, weight=1, progress=100)
    milestone(project, weight=3, progress=20)
    rows = list(ChangeProject.objects.visible_to(mentor).with_progress())
    assert [(row.pk, row.progress_short) for row in rows] == [(project.pk, 40.0)]


# --- overdue ---------------------------------------------------------------------------------------------


def test_an_open_milestone_past_its_target_makes_the_project_overdue(project):
    milestone(project, progress=50, target=today() - datetime.timedelta(days=1))
    assert rolled_up(project).has_overdue is True


def test_a_milestone_due_today_is_not_yet_overdue(project):
    milestone(project, progress=50, target=today())
    assert rolled_up(project).has_overdue is False


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_a_closed_milestone_past_its_target_is_not_overdue(project, status):
    milestone(
        project, progress=100 if status == "done" else 40, status=status, target=today() - datetime.timedelta(days=5)
    )
    assert rolled_up(project).has_overdue is False


def test_overdue_milestones_are_the_open_ones_past_their_target(project):
    late = milestone(project, progress=0, target=today() - datetime.timedelta(days=2))
    late_started = milestone(project, progress=30, target=today() - datetime.timedelta(days=1))
    milestone(project, progress=100, target=today() - datetime.timedelta(days=3))
    milestone(project, status="cancelled", target=today() - datetime.timedelta(days=3))
    milestone(project, progress=10, target=today())
    assert set(Milestone.objects.overdue()) == {late, late_started}


def test_overdue_can_be_asked_for_another_day(project):
    due = milestone(project, progress=0, target=today() + datetime.timedelta(days=3))
    assert list(Milestone.objects.overdue(today=today() + datetime.timedelta(days=4))) == [due]
    assert not Milestone.objects.overdue(today=today() + datetime.timedelta(days=3)).exists()


def test_a_milestone_knows_whether_it_is_overdue(project):
    late = milestone(project, progress=0, target=today() - datetime.timedelta(days=1))
    done = milestone(project, progress=100, target=today() - datetime.timedelta(days=1))
    assert late.is_overdue() is True
    assert done.is_overdue() is False
    assert late.is_overdue(today=late.target_date) is False


def test_open_milestones_exclude_done_and_cancelled(project):
    planned = milestone(project, progress=0)
    started = milestone(project, progress=40)
    milestone(project, progress=100)
    milestone(project, status="cancelled")
    assert set(Milestone.objects.open()) == {planned, started}


# --- one query whatever the number of projects ----------------------------------------------------------------


def make_projects(count: int) -> None:
    for project in factories.ChangeProjectFactory.create_batch(count):
        milestone(project, "short", weight=2, progress=50)
        milestone(project, "medium", weight=1, progress=0, target=today() - datetime.timedelta(days=1))
        milestone(project, "long", weight=1, progress=0)


@pytest.mark.parametrize("count", [1, 20])
def test_the_roll_up_is_one_query_for_any_number_of_projects(db, django_assert_num_queries, count):
    make_projects(count)
    with django_assert_num_queries(1):
        projects = list(ChangeProject.objects.with_progress())
    assert len(projects) == count
    assert all(p.progress_short == 50.0 and p.progress_overall == 25.0 and p.has_overdue for p in projects)


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_queryset_with_its_related_rows_is_one_query(db, django_assert_num_queries, count):
    make_projects(count)
    with django_assert_num_queries(1):
        rows = [
            (p.enrolment.participant.user.full_name, p.enrolment.cohort.programme.name, p.agency.government.name)
            for p in ChangeProject.objects.for_lists()
        ]
    assert len(rows) == count

"""Two requests at the same moment: row locks make them queue, so nothing is recorded twice or lost.

PostgreSQL only: SQLite serialises every writer anyway, so it cannot show a race.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects.models import ChangeProject, Milestone, ProgressUpdate, ProjectTransition
from projects.services.lifecycle import approve_project, return_project
from projects.services.updates import post_update
from tests import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def at_the_same_moment(*calls):
    """Run each call in its own thread, released together by a barrier; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return outcomes


@pytest.fixture
def submitted_project():
    project = factories.ChangeProjectFactory(status=ChangeProject.Status.SUBMITTED)
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    mentor = factories.AssignmentFactory(enrolment=project.enrolment, role="mentor").user
    return project, mentor


def test_the_same_approval_twice_at_once_is_recorded_once_and_the_other_refused(submitted_project):
    project, mentor = submitted_project
    outcomes = at_the_same_moment(
        lambda: approve_project(ChangeProject.objects.get(pk=project.pk), by=mentor),
        lambda: approve_project(ChangeProject.objects.get(pk=project.pk), by=mentor),
    )
    assert sum(isinstance(o, ChangeProject) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert ProjectTransition.objects.filter(project=project).count() == 1
    assert ChangeProject.objects.get(pk=project.pk).status == ChangeProject.Status.APPROVED


def test_approval_and_return_at_once_leave_exactly_one_decision(submitted_project):
    project, mentor = submitted_project
    outcomes = at_the_same_moment(
        lambda: approve_project(ChangeProject.objects.get(pk=project.pk), by=mentor),
        lambda: return_project(ChangeProject.objects.get(pk=project.pk), by=mentor, comment="Revisi."),
    )
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    transition = ProjectTransition.objects.get(project=project)
    assert ChangeProject.objects.get(pk=project.pk).status == transition.to_status


def test_two_updates_to_one_milestone_at_once_lose_no_progress(submitted_project):
    project, _ = submitted_project
    ChangeProject.objects.filter(pk=project.pk).update(status=ChangeProject.Status.APPROVED)
    milestone = project.milestones.get(horizon="short")
    Milestone.objects.filter(pk=milestone.pk).update(progress=20, status="in_progress")
    owner = project.enrolment.participant.user

    def post(progress):
        return lambda: post_update(
            ChangeProject.objects.get(pk=project.pk),
            by=owner,
            note=f"Naik ke {progress}%.",
            milestone=Milestone.objects.get(pk=milestone.pk),
            progress=progress,
        )

    outcomes = at_the_same_moment(post(30), post(70))

    assert all(isinstance(o, ProgressUpdate) for o in outcomes), outcomes
    first, second = ProgressUpdate.objects.filter(milestone=milestone).order_by("created_at", "pk")
    assert first.progress_before == 20
    assert second.progress_before == first.progress_after
    assert Milestone.objects.get(pk=milestone.pk).progress == second.progress_after

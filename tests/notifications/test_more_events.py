"""The other decisions: a session scheduled or moved, results released, a budget approved, an adoption's stage."""

import datetime

import pytest
from django.utils import timezone

from assessments import scheduling
from assessments.scheduling import Method
from notifications.kinds import Kind
from notifications.models import Notification
from projects.services.budget import approve_budget_line
from rollout.models import Adoption
from rollout.services import change_adoption_stage, record_adoption, record_innovation
from tests import factories
from tests.organise.setup_fixtures import scheduling_world

pytestmark = pytest.mark.django_db


def titles(user, kind) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk").values_list("title", flat=True))


def test_a_schedule_tells_presenters_then_the_panel_and_again_only_when_time_or_room_changes(
    run_tasks, django_capture_on_commit_callbacks
):
    world = scheduling_world(participants=3)
    presenter = world.enrolments[0].participant.user
    with django_capture_on_commit_callbacks() as callbacks:
        (session,) = scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=1)
    run_tasks(callbacks)
    assert len(titles(presenter, Kind.SESSION_SCHEDULED)) == 1
    assert titles(presenter, Kind.SESSION_SCHEDULED)[0].startswith("Scheduled: ")
    with django_capture_on_commit_callbacks() as callbacks:
        scheduling.set_panel(session, chair=world.coach, examiners=world.examiners)
    run_tasks(callbacks)
    assert len(titles(world.examiners[0], Kind.SESSION_SCHEDULED)) == 1
    assert len(titles(presenter, Kind.SESSION_SCHEDULED)) == 1  # nothing changed for the presenter
    later = world.seminar.starts_at + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks() as callbacks:
        scheduling.set_session_details(session, name=session.name, starts_at=later, place="Ruang Rapat Lt. 2")
    run_tasks(callbacks)
    assert len(titles(presenter, Kind.SESSION_SCHEDULED)) == 2
    newest = Notification.objects.filter(recipient=presenter, kind=Kind.SESSION_SCHEDULED).latest("pk")
    assert newest.body == "Room: Ruang Rapat Lt. 2." and "WITA" in newest.title


def test_an_approved_budget_line_tells_the_participant_the_amount(
    approved_project, mentor, run_tasks, django_capture_on_commit_callbacks
):
    line = factories.BudgetLineFactory(project=approved_project, planned=3_800_000)
    with django_capture_on_commit_callbacks() as callbacks:
        approve_budget_line(
            line, by=mentor, approved=3_500_000, document_reference="DPA 1.02/2027", document_date=timezone.localdate()
        )
    run_tasks(callbacks)
    (told,) = Notification.objects.filter(recipient=approved_project.enrolment.participant.user)
    assert told.kind == Kind.BUDGET_APPROVED
    assert told.body == f"Rp 3.500.000 for fiscal year {line.fiscal_year} (DPA 1.02/2027)."
    assert told.link.endswith("#budget")


def test_a_changed_adoption_stage_tells_the_participant_and_mentor_but_not_who_changed_it(
    approved_project, mentor, run_tasks, django_capture_on_commit_callbacks
):
    owner = approved_project.enrolment.participant.user
    innovation = record_innovation(approved_project, by=owner, name="SIGAP HUMAS", form="public_service")
    agency = factories.AgencyFactory()
    adoption = record_adoption(innovation, by=owner, agency=agency, planned_on=timezone.localdate())
    with django_capture_on_commit_callbacks() as callbacks:
        change_adoption_stage(adoption, Adoption.Stage.PILOTING, by=owner)
    run_tasks(callbacks)
    assert Notification.objects.filter(kind=Kind.ADOPTION_STAGE, recipient=owner).count() == 0
    (told,) = Notification.objects.filter(kind=Kind.ADOPTION_STAGE)
    assert told.recipient == mentor and str(agency) in told.title

"""The six-month evaluation: what the product holds about the attending agencies, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import check_ins
from events.evaluation import figures
from tests.assessments.factories import FeedbackItemFactory
from tests.factories import AgencyFactory, ChangeProjectFactory, EnrolmentFactory, ParticipantFactory
from tests.rollout.factories import AdoptionFactory

from .factories import EventFactory, InviteeFactory, at

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 6, 1)


def agency_with_work(projects: int = 1):
    agency = AgencyFactory()
    for _index in range(projects):
        enrolment = EnrolmentFactory(participant=ParticipantFactory(agency=agency))
        project = ChangeProjectFactory(enrolment=enrolment, status="in_implementation")
        FeedbackItemFactory(project=project, status="verified")
        FeedbackItemFactory(project=project, status="open", due_date=TODAY - datetime.timedelta(days=3))
    AdoptionFactory(agency=agency, stage="applied")
    AdoptionFactory(agency=agency, stage="planned")
    return agency


def test_the_attending_agencies_figures_and_their_total():
    event = EventFactory()
    came, stayed_away = agency_with_work(2), agency_with_work(1)
    present = InviteeFactory(event=event, agency=came)
    InviteeFactory(event=event, agency=stayed_away)
    check_ins.record(present, day=event.starts_on, at=at(event, 0, 7), method="staff")
    rows, total = figures(event, TODAY)
    assert [row.agency for row in rows] == [came]
    row = rows[0]
    assert (row.projects, row.implementing, row.feedback, row.feedback_resolved, row.feedback_overdue) == (
        2,
        2,
        4,
        2,
        2,
    )
    assert (row.adoptions, row.adopted, row.follow_through) == (2, 1, 50.0)
    assert total.projects == 2 and total.follow_through == 50.0


def test_before_anyone_checked_in_the_invited_agencies_count():
    event = EventFactory()
    InviteeFactory(event=event, agency=agency_with_work())
    rows, _total = figures(event, TODAY)
    assert len(rows) == 1 and rows[0].projects == 1


def test_the_figures_take_a_fixed_number_of_queries():
    counts = []
    for size in (1, 5):
        event = EventFactory()
        for _index in range(size):
            invitee = InviteeFactory(event=event, agency=agency_with_work())
            check_ins.record(invitee, day=event.starts_on, at=at(event, 0, 7), method="staff")
        with CaptureQueriesContext(connection) as queries:
            rows, _total = figures(event, TODAY)
        assert len(rows) == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5

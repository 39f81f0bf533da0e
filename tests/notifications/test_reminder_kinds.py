"""Every kind of reminder reaches the right people: feedback, seminar documents, sessions, reviews, score sheets."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from notifications.kinds import Kind
from notifications.models import Notification
from tests import factories
from tests.assessments.factories import FeedbackItemFactory, PresentationFactory, SeminarFactory, SessionFactory

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")  # the test organiser's region (73, Sulawesi Selatan)


def run(at: datetime.datetime) -> str:
    out = io.StringIO()
    call_command("send_reminders", at=at.isoformat(), stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def told(kind) -> dict[int, list[str]]:
    found = {}
    for recipient, key in Notification.objects.filter(kind=kind).order_by("pk").values_list("recipient", "key"):
        found.setdefault(recipient, []).append(key.rsplit(":", 1)[1])
    return found


def test_feedback_reminds_the_participant_then_the_giver_then_the_organiser(approved_project, organiser_staff):
    owner = approved_project.enrolment.participant.user
    giver = factories.UserFactory()
    due = datetime.date(2027, 3, 15)
    item = FeedbackItemFactory(project=approved_project, given_by=giver, due_date=due)
    run(datetime.datetime(2027, 3, 12, 7, 0, tzinfo=WITA))  # H-3
    assert told(Kind.FEEDBACK_DUE) == {owner.pk: ["h-3"]}
    run(datetime.datetime(2027, 3, 16, 7, 0, tzinfo=WITA))  # a day late: the giver hears
    assert told(Kind.FEEDBACK_DUE) == {owner.pk: ["h-3", "h-0"], giver.pk: ["late-0"]}
    run(datetime.datetime(2027, 4, 14, 7, 0, tzinfo=WITA))  # 30 days late: the organiser's staff too
    staff_keys = told(Kind.FEEDBACK_DUE)[organiser_staff.pk]
    assert staff_keys == ["long-1"]
    reported = Notification.objects.get(recipient=organiser_staff)
    assert reported.title.startswith("Feedback long overdue in your cohort")
    assert reported.link == f"/seminars/feedback/{item.pk}/" and reported.cohort == approved_project.enrolment.cohort


def test_implemented_feedback_is_no_longer_reminded(approved_project):
    FeedbackItemFactory(project=approved_project, due_date=datetime.date(2027, 3, 15), status="implemented")
    run(datetime.datetime(2027, 3, 15, 7, 0, tzinfo=WITA))
    assert told(Kind.FEEDBACK_DUE) == {}


@pytest.fixture
def upcoming_session(enrolment, mentor):
    start = datetime.datetime(2027, 3, 15, 8, 0, tzinfo=WITA)
    seminar = SeminarFactory(cohort=enrolment.cohort, starts_at=start)
    examiner = factories.UserFactory()
    session = SessionFactory(seminar=seminar, starts_at=start, examiners=[examiner])
    PresentationFactory(session=session, enrolment=enrolment, order=1)
    session.examiner = examiner
    return session


def test_a_session_reminds_presenter_examiners_and_chair_and_the_documents_are_due_before(upcoming_session, enrolment):
    rule_set = enrolment.cohort.rule_set
    rule_set.documents_due_days = 1
    rule_set.save()
    presenter = enrolment.participant.user
    run(datetime.datetime(2027, 3, 8, 7, 0, tzinfo=WITA))  # H-7 of the session, H-6 of the documents (caught up)
    assert told(Kind.SESSION_SOON) == {
        presenter.pk: ["h-7"],
        upcoming_session.examiner.pk: ["h-7"],
        upcoming_session.chair_id: ["h-7"],
    }
    assert told(Kind.SEMINAR_DOCUMENTS) == {presenter.pk: ["h-7"]}
    run(datetime.datetime(2027, 3, 14, 7, 0, tzinfo=WITA))  # the documents' day
    assert told(Kind.SEMINAR_DOCUMENTS) == {presenter.pk: ["h-7", "h-0"]}
    today = Notification.objects.filter(kind=Kind.SEMINAR_DOCUMENTS).latest("pk")
    assert today.title == "Report and slides due today"
    assert "08:00 WITA" in today.body
    soon = Notification.objects.filter(kind=Kind.SESSION_SOON, recipient=presenter).latest("pk")
    assert soon.link == f"/seminars/sessions/{upcoming_session.pk}/"


def test_a_session_already_held_is_not_announced_again(upcoming_session):
    run(datetime.datetime(2027, 3, 16, 7, 0, tzinfo=WITA))
    assert told(Kind.SESSION_SOON) == {} and told(Kind.SEMINAR_DOCUMENTS) == {}
    assert told(Kind.SCORE_SHEET) == {upcoming_session.examiner.pk: ["day-1"]}  # the day after, sheets still open


def test_score_sheets_missing_on_the_day_remind_the_panel(upcoming_session, enrolment):
    run(datetime.datetime(2027, 3, 15, 17, 0, tzinfo=WITA))
    sheets = told(Kind.SCORE_SHEET)
    assert upcoming_session.examiner.pk in sheets and sheets[upcoming_session.examiner.pk] == ["day-0"]
    assert enrolment.participant.user_id not in sheets
    assert Notification.objects.filter(kind=Kind.SCORE_SHEET).first().link == (
        f"/seminars/sessions/{upcoming_session.pk}/sheet/"
    )


def test_a_submitted_project_waiting_reminds_its_mentor_after_three_days_then_weekly(project, mentor):
    submitted = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=WITA)
    project.status, project.status_changed_at = project.Status.SUBMITTED, submitted
    project.save()
    run(datetime.datetime(2027, 3, 3, 7, 0, tzinfo=WITA))
    assert told(Kind.REVIEW_WAITING) == {}
    run(datetime.datetime(2027, 3, 4, 7, 0, tzinfo=WITA))
    assert told(Kind.REVIEW_WAITING) == {mentor.pk: ["late-0"]}
    run(datetime.datetime(2027, 3, 11, 7, 0, tzinfo=WITA))
    assert told(Kind.REVIEW_WAITING) == {mentor.pk: ["late-0", "late-1"]}
    assert (
        Notification.objects.filter(kind=Kind.REVIEW_WAITING)
        .first()
        .title.startswith("A project is waiting for your review")
    )

"""Feedback from the panel, followed from open to verified; budget feedback follows the money."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from assessments import feedback
from assessments.models import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem
from projects.models import BudgetLine
from tests import factories
from tests.assessments.factories import FeedbackItemFactory

Status = FeedbackItem.Status
DUE = datetime.date(2027, 6, 30)
BUDGET = {"fiscal_year": 2027, "source": "apbd", "amount_requested": 50_000_000}


def png(name="bukti.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def give(project, by, **overrides):
    values = {
        "category": "scope",
        "text": "Harus ada implementasi di setiap kantor.",
        "owner": "Peserta",
        "due_date": DUE,
    }
    return feedback.give_feedback(project, by=by, **{**values, **overrides})


def give_budget(project, by, **budget):
    return give(
        project,
        by,
        category="budget",
        text="Anggaran harus masuk DPA tahun depan.",
        owner="Kepala Bappeda",
        budget={**BUDGET, **budget},
    )


# --- giving feedback ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["mentor", "coach", "examiner"])
def test_the_participants_assigned_panel_gives_feedback(request, project, who):
    giver = request.getfixturevalue(who)

    item = give(project, giver)

    assert (item.given_by, item.status, item.due_date) == (giver, Status.OPEN, DUE)


def test_a_session_examiner_of_the_participants_presentation_gives_feedback(project, presentation, examiner_one):
    item = give(project, examiner_one, presentation=presentation)

    assert item.presentation == presentation


@pytest.mark.parametrize("who", ["stranger", "organiser_staff"])
def test_someone_off_the_panel_cannot_give_feedback(request, project, who):
    with pytest.raises(PermissionDenied):
        give(project, request.getfixturevalue(who))

    assert not FeedbackItem.objects.exists()


def test_the_participant_cannot_give_feedback_on_their_own_project(project, participant):
    with pytest.raises(PermissionDenied):
        give(project, participant.user)


def test_an_examiner_of_another_session_cannot_give_feedback(project, presentation, elsewhere):
    with pytest.raises(PermissionDenied):
        give(project, elsewhere.examiner)


def test_giving_feedback_records_its_first_event(project, mentor):
    item = give(project, mentor)

    assert list(item.events.values_list("from_status", "to_status", "by")) == [("", Status.OPEN, mentor.pk)]


def test_feedback_needs_its_text(project, mentor):
    with pytest.raises(ValidationError) as caught:
        give(project, mentor, text="  ")

    assert "text" in caught.value.message_dict
    assert not FeedbackItem.objects.exists()


def test_feedback_on_a_milestone_of_another_project_is_refused(project, other_project, mentor):
    foreign = factories.MilestoneFactory(project=other_project)

    with pytest.raises(ValidationError) as caught:
        give(project, mentor, milestone=foreign)

    assert list(caught.value.message_dict) == ["milestone"]


def test_budget_feedback_needs_its_amounts(project, mentor):
    with pytest.raises(ValidationError) as caught:
        give(project, mentor, category="budget")

    assert list(caught.value.message_dict) == ["amount_requested"]
    assert not FeedbackItem.objects.exists()


def test_budget_feedback_with_a_missing_field_is_refused_at_that_field_and_nothing_is_saved(project, mentor):
    with pytest.raises(ValidationError) as caught:
        give(project, mentor, category="budget", budget={"fiscal_year": 2027, "source": "apbd"})

    assert "amount_requested" in caught.value.message_dict
    assert not FeedbackItem.objects.exists()


def test_budget_feedback_stores_its_amounts_and_budget_lines(project, mentor):
    line = factories.BudgetLineFactory(project=project)

    item = give_budget(project, mentor, budget_lines=[line])

    budget = BudgetFeedback.objects.get(item=item)
    assert (budget.fiscal_year, budget.source, budget.amount_requested) == (2027, "apbd", 50_000_000)
    assert list(budget.budget_lines.all()) == [line]


def test_budget_feedback_refuses_budget_lines_of_another_project(project, other_project, mentor):
    foreign = factories.BudgetLineFactory(project=other_project)

    with pytest.raises(ValidationError) as caught:
        give_budget(project, mentor, budget_lines=[foreign])

    assert list(caught.value.message_dict) == ["budget_lines"]
    assert not FeedbackItem.objects.exists()


# --- following it through ----------------------------------------------------------------------


@pytest.fixture
def item(project, examiner_one, presentation):
    return give(project, examiner_one, presentation=presentation)


def test_feedback_goes_from_open_to_verified(item, participant, examiner_one):
    owner = participant.user
    feedback.move_feedback(item, Status.ACCEPTED, by=owner)
    feedback.move_feedback(item, Status.IN_PROGRESS, by=owner, note="Rapat dengan tim")
    feedback.move_feedback(item, Status.IMPLEMENTED, by=owner, files=[png()])
    feedback.move_feedback(item, Status.VERIFIED, by=examiner_one, note="Sudah berjalan")

    item.refresh_from_db()
    assert item.status == Status.VERIFIED
    assert list(item.events.values_list("from_status", "to_status")) == [
        ("", "open"),
        ("open", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "implemented"),
        ("implemented", "verified"),
    ]
    assert item.events.last().by == examiner_one
    assert item.events.last().note == "Sudah berjalan"


def test_implementing_stores_the_evidence(item, participant):
    feedback.move_feedback(item, Status.IMPLEMENTED, by=participant.user, files=[png("foto kegiatan.png")])

    evidence = FeedbackEvidence.objects.get(item=item)
    assert (evidence.original_name, evidence.content_type, evidence.uploaded_by) == (
        "foto kegiatan.png",
        "image/png",
        participant.user,
    )


def test_implemented_without_evidence_is_refused_at_files(item, participant):
    with pytest.raises(ValidationError) as caught:
        feedback.move_feedback(item, Status.IMPLEMENTED, by=participant.user)

    assert caught.value.message_dict == {"files": ["Attach evidence of the implementation."]}
    item.refresh_from_db()
    assert item.status == Status.OPEN


def test_evidence_that_is_not_what_its_name_says_is_refused_at_files(item, participant):
    fake = SimpleUploadedFile("bukti.png", b"not really an image", content_type="image/png")

    with pytest.raises(ValidationError) as caught:
        feedback.move_feedback(item, Status.IMPLEMENTED, by=participant.user, files=[fake])

    assert list(caught.value.message_dict) == ["files"]
    assert not FeedbackEvidence.objects.exists()


@pytest.fixture
def implemented(item, participant):
    return feedback.move_feedback(item, Status.IMPLEMENTED, by=participant.user, files=[png()])


@pytest.mark.parametrize("who", ["participant_user", "examiner_two", "mentor", "stranger"])
def test_only_the_giver_verifies(request, implemented, participant, who):
    user = participant.user if who == "participant_user" else request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        feedback.move_feedback(implemented, Status.VERIFIED, by=user)

    implemented.refresh_from_db()
    assert implemented.status == Status.IMPLEMENTED


def test_only_the_participant_reports_progress(item, examiner_one, mentor):
    for user in (examiner_one, mentor):
        with pytest.raises(PermissionDenied):
            feedback.move_feedback(item, Status.ACCEPTED, by=user)


def test_a_rejection_needs_a_note(implemented, examiner_one):
    with pytest.raises(ValidationError) as caught:
        feedback.move_feedback(implemented, Status.REJECTED, by=examiner_one, note=" ")

    assert list(caught.value.message_dict) == ["note"]
    implemented.refresh_from_db()
    assert implemented.status == Status.IMPLEMENTED


def test_a_rejection_with_a_note_sends_it_back_to_the_participant(implemented, examiner_one, participant):
    feedback.move_feedback(implemented, Status.REJECTED, by=examiner_one, note="Belum di semua kantor")

    implemented.refresh_from_db()
    assert (implemented.status, implemented.status_note) == (Status.REJECTED, "Belum di semua kantor")
    assert feedback.allowed_moves(implemented, participant.user) == [Status.IN_PROGRESS]


@pytest.mark.parametrize(("source", "target"), [("open", "verified"), ("open", "rejected"), ("verified", "open")])
def test_an_illegal_move_is_refused(item, participant, examiner_one, source, target):
    FeedbackItem.objects.filter(pk=item.pk).update(status=source)

    with pytest.raises(ValidationError, match="cannot become"):
        feedback.move_feedback(
            item, target, by=examiner_one if target in ("verified", "rejected") else participant.user
        )

    item.refresh_from_db()
    assert item.status == source


def test_allowed_moves_depend_on_who_asks(item, participant, examiner_one):
    assert feedback.allowed_moves(item, participant.user) == [Status.ACCEPTED, Status.IN_PROGRESS, Status.IMPLEMENTED]
    assert feedback.allowed_moves(item, examiner_one) == []


def test_the_giver_may_verify_or_reject_implemented_feedback(implemented, examiner_one, participant):
    assert feedback.allowed_moves(implemented, examiner_one) == [Status.VERIFIED, Status.REJECTED]
    assert feedback.allowed_moves(implemented, participant.user) == []


# --- overdue -----------------------------------------------------------------------------------


def test_open_feedback_past_its_due_date_is_overdue(project, mentor):
    today = timezone.localdate()
    late = FeedbackItemFactory(project=project, given_by=mentor, due_date=today - datetime.timedelta(days=1))
    FeedbackItemFactory(project=project, given_by=mentor, due_date=today)
    done = FeedbackItemFactory(
        project=project, given_by=mentor, due_date=today - datetime.timedelta(days=5), status=Status.IMPLEMENTED
    )
    FeedbackItemFactory(
        project=project, given_by=mentor, due_date=today - datetime.timedelta(days=5), status=Status.VERIFIED
    )

    assert list(FeedbackItem.objects.overdue()) == [late]
    assert late.is_overdue() is True
    assert done.is_overdue() is False


def test_overdue_takes_the_day_to_compare_with(project, mentor):
    item = FeedbackItemFactory(project=project, given_by=mentor, due_date=DUE)

    assert list(FeedbackItem.objects.overdue(today=DUE + datetime.timedelta(days=1))) == [item]
    assert not FeedbackItem.objects.overdue(today=DUE).exists()


# --- budget feedback follows the money ---------------------------------------------------------


@pytest.fixture
def budget_item(project, mentor):
    return give_budget(project, mentor)


def line_2027(project, **money):
    return factories.confirmed_line(project, fiscal_year=2027, planned=45_000_000, **money)


def link(item, user, *lines):
    return feedback.record_budget_progress(item, by=user, budget_lines=list(lines))


def test_an_approved_line_accepts_budget_feedback(budget_item, participant):
    link(budget_item, participant.user, line_2027(budget_item.project, approved=45_000_000))

    budget_item.refresh_from_db()
    assert budget_item.status == Status.ACCEPTED
    assert budget_item.budget.amount_approved == 45_000_000


def test_a_partly_realised_line_puts_budget_feedback_in_progress(budget_item, participant):
    link(budget_item, participant.user, line_2027(budget_item.project, approved=45_000_000, realised=10_000_000))

    budget_item.refresh_from_db()
    assert budget_item.status == Status.IN_PROGRESS


def test_the_figures_are_the_sums_of_the_linked_lines_and_follow_them(budget_item, participant):
    project = budget_item.project
    first = line_2027(project, approved=30_000_000, realised=30_000_000)
    second = line_2027(project, approved=15_000_000)
    link(budget_item, participant.user, first, second)
    budget = BudgetFeedback.objects.get(item=budget_item)
    assert (budget.amount_planned, budget.amount_approved, budget.amount_realised) == (
        90_000_000,
        45_000_000,
        30_000_000,
    )
    budget_item.refresh_from_db()
    assert budget_item.status == Status.IN_PROGRESS  # one line still unrealised

    BudgetLine.objects.filter(pk=second.pk).update(
        realised=15_000_000, realisation_reference="SP2D 2", realised_at=second.approved_at
    )
    feedback.record_budget_progress(budget_item, by=participant.user)
    budget_item.refresh_from_db()
    assert budget_item.status == Status.IMPLEMENTED
    assert list(budget_item.events.values_list("to_status", flat=True)) == ["open", "in_progress", "implemented"]


def test_budget_feedback_implemented_by_its_lines_can_be_verified_by_the_giver(budget_item, participant, mentor):
    link(budget_item, participant.user, line_2027(budget_item.project, approved=45_000_000, realised=45_000_000))

    feedback.move_feedback(budget_item, Status.VERIFIED, by=mentor)

    budget_item.refresh_from_db()
    assert budget_item.status == Status.VERIFIED


def test_a_line_of_another_fiscal_year_cannot_be_linked(budget_item, participant):
    line = factories.BudgetLineFactory(project=budget_item.project, fiscal_year=2026, description="Sosialisasi")

    with pytest.raises(ValidationError) as caught:
        link(budget_item, participant.user, line)

    assert caught.value.message_dict["budget_lines"] == [
        "The feedback is for fiscal year 2027; these lines are of another year: Sosialisasi (2026)."
    ]
    assert not budget_item.budget.budget_lines.exists()


def test_giving_budget_feedback_with_a_line_of_another_year_is_refused_and_nothing_saved(project, mentor):
    line = factories.BudgetLineFactory(project=project, fiscal_year=2028)

    with pytest.raises(ValidationError) as caught:
        give_budget(project, mentor, budget_lines=[line])

    assert list(caught.value.message_dict) == ["budget_lines"]
    assert not FeedbackItem.objects.exists()


def test_recording_budget_lines_of_another_project_is_refused(budget_item, participant, other_project):
    foreign = factories.BudgetLineFactory(project=other_project)

    with pytest.raises(ValidationError) as caught:
        feedback.record_budget_progress(budget_item, by=participant.user, budget_lines=[foreign])

    assert list(caught.value.message_dict) == ["budget_lines"]
    assert not budget_item.budget.budget_lines.exists()


def test_a_stranger_cannot_record_the_money(budget_item, stranger):
    with pytest.raises(PermissionDenied):
        feedback.record_budget_progress(budget_item, by=stranger, document_reference="DPA")


def test_feedback_that_is_not_about_budget_has_no_money(item, participant):
    with pytest.raises(ValidationError, match="Only budget feedback"):
        feedback.record_budget_progress(item, by=participant.user, document_reference="DPA")


def test_feedback_events_record_who_moved_it(item, participant):
    feedback.move_feedback(item, Status.ACCEPTED, by=participant.user, note="Setuju")

    event = FeedbackEvent.objects.filter(item=item).last()
    assert (event.from_status, event.to_status, event.by, event.note) == (
        "open",
        "accepted",
        participant.user,
        "Setuju",
    )

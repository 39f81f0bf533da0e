import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events import actions, funding
from events.models import ActionItem, FundingLine
from tests.factories import UserFactory

from .factories import EventFactory, InviteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(kind="retreat")


@pytest.fixture
def staff(event):
    user = UserFactory()
    event.organiser.staff.add(user)
    return user


def line(event, source, planned, committed=0, realised=0, company=""):
    return funding.save_line(
        FundingLine(
            event=event,
            source=source,
            company=company,
            description=f"{source} line",
            planned=planned,
            committed=committed,
            realised=realised,
        )
    )


def test_funding_is_summed_by_source_with_the_csr_share(event):
    line(event, "csr", 150_000_000, 150_000_000, 120_000_000, company="PT Semen Tonasa")
    line(event, "csr", 50_000_000, 0, 0, company="Bank Sulselbar")
    line(event, "apbd", 100_000_000, 80_000_000, 80_000_000)
    summary = funding.summary(event)
    assert [(row.source, row.planned, row.realised) for row in summary.by_source] == [
        ("apbd", 100_000_000, 80_000_000),
        ("csr", 200_000_000, 120_000_000),
    ]
    assert (summary.planned, summary.committed, summary.realised) == (300_000_000, 230_000_000, 200_000_000)
    assert summary.csr_share_planned == 66.7 and summary.csr_share_realised == 60.0


def test_an_event_without_funding_has_no_share(event):
    assert funding.summary(event).csr_share_planned is None


def test_csr_funds_name_their_company(event):
    with pytest.raises(ValidationError) as error:
        line(event, "csr", 1_000_000, company="  ")
    assert "company" in error.value.message_dict
    assert not FundingLine.objects.exists()


def test_a_funding_document_must_be_a_pdf_or_image(event, staff):
    funding_line = line(event, "apbd", 1)
    with pytest.raises(ValidationError) as error:
        funding.attach_document(funding_line, SimpleUploadedFile("mou.pdf", b"not a pdf"), by=staff)
    assert "file" in error.value.message_dict
    document = funding.attach_document(funding_line, SimpleUploadedFile("mou.pdf", b"%PDF-1.4 test"), by=staff)
    assert document.content_type == "application/pdf"


def test_an_action_item_is_due_at_the_end_of_the_quarter_written(event, staff):
    head = InviteeFactory(event=event)
    item = actions.create(event, title="Integrasi data OPD", owner=head.user, due="TW II 2027", by=staff)
    assert item.due_date == datetime.date(2027, 6, 30) and item.due_as_written == "TW II 2027"
    assert item.agency == head.agency
    assert item.updates.get().status == ActionItem.Status.OPEN


def test_a_due_date_that_is_neither_a_date_nor_a_quarter_is_refused(event, staff):
    with pytest.raises(ValidationError) as error:
        actions.create(event, title="X", owner=staff, due="secepatnya", by=staff)
    assert "due" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_only_staff_record_action_items(event):
    with pytest.raises(PermissionDenied):
        actions.create(event, title="X", owner=UserFactory(), due="Q2 2027", by=UserFactory())


def test_the_owner_reports_done_and_staff_verify(event, staff):
    head = InviteeFactory(event=event).user
    item = actions.create(event, title="Satu data", owner=head, due="2027-06-30", by=staff)
    actions.move(item, ActionItem.Status.IN_PROGRESS, by=head)
    with pytest.raises(ValidationError) as error:
        actions.move(item, ActionItem.Status.DONE, by=head)
    assert "note" in error.value.message_dict
    actions.move(item, ActionItem.Status.DONE, by=head, note="Portal satu data aktif")
    with pytest.raises(ValidationError, match="cannot become"):
        actions.move(item, ActionItem.Status.VERIFIED, by=head)
    verified = actions.move(item, ActionItem.Status.VERIFIED, by=staff)
    assert verified.verified_by == staff and verified.verified_at
    assert list(item.updates.values_list("status", flat=True)) == ["open", "in_progress", "done", "verified"]


def test_staff_reopen_with_a_note_and_the_verification_is_cleared(event, staff):
    head = InviteeFactory(event=event).user
    item = actions.create(event, title="Satu data", owner=head, due="2027-06-30", by=staff)
    actions.move(item, ActionItem.Status.DONE, by=head, note="Selesai")
    actions.move(item, ActionItem.Status.VERIFIED, by=staff)
    with pytest.raises(ValidationError):
        actions.move(item, ActionItem.Status.IN_PROGRESS, by=staff)
    reopened = actions.move(item, ActionItem.Status.IN_PROGRESS, by=staff, note="Belum semua OPD")
    assert reopened.verified_at is None


def test_someone_else_cannot_move_an_owners_item(event, staff):
    item = actions.create(event, title="X", owner=UserFactory(), due="Q3 2027", by=staff)
    with pytest.raises(PermissionDenied):
        actions.move(item, ActionItem.Status.IN_PROGRESS, by=UserFactory())


def test_overdue_items_are_the_open_ones_past_their_date(event, staff):
    owner = UserFactory()
    late = actions.create(event, title="A", owner=owner, due="Q1 2027", by=staff)
    actions.create(event, title="B", owner=owner, due="Q4 2027", by=staff)
    done = actions.create(event, title="C", owner=owner, due="Q1 2027", by=staff)
    actions.move(done, ActionItem.Status.DONE, by=owner, note="ok")
    assert list(ActionItem.objects.overdue(datetime.date(2027, 5, 1))) == [late]

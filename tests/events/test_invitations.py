import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import check_ins, invitations
from events.attendance import attendance
from events.models import Invitee
from regions.models import Region
from tests.factories import AgencyFactory, UserFactory

from .factories import EventFactory, InviteeFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


def test_all_heads_of_a_governments_agencies_are_invited_in_one_step(event, django_capture_on_commit_callbacks):
    province = Region.objects.get(code="73")
    heads = [AgencyFactory(government=province, head=UserFactory()) for _index in range(4)]
    headless = AgencyFactory(government=province, name="Dinas Tanpa Kepala")
    AgencyFactory(government=Region.objects.get(code="74"), head=UserFactory())  # another province
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = invitations.invite_heads(event, province)
    assert (result.added, result.already) == (4, 0)
    assert headless.name in result.without_head
    assert set(event.invitees.values_list("user", flat=True)) == {agency.head_id for agency in heads}
    assert event.invitees.get(user=heads[0].head).position == f"Head of {heads[0].name}"
    assert len(callbacks) == 1
    again = invitations.invite_heads(event, province)
    assert (again.added, again.already) == (0, 4)


def test_a_named_person_is_invited_once(event):
    person = UserFactory()
    assert invitations.invite_person(event, person, position="Sekretaris Daerah").added == 1
    assert invitations.invite_person(event, person).already == 1
    assert event.invitees.count() == 1


def test_an_invitee_sends_apologies_with_a_reason(event):
    invitee = InviteeFactory(event=event)
    with pytest.raises(ValidationError) as error:
        invitations.respond(invitee, attending=False, reason="", by=invitee.user)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        invitations.respond(invitee, attending=False, reason="other", note=" ", by=invitee.user)
    assert "note" in error.value.message_dict
    answered = invitations.respond(
        invitee, attending=False, reason="other_training", note="PKN II Angkatan XXI", by=invitee.user
    )
    assert (answered.response, answered.apology_reason) == (Invitee.Response.APOLOGISED, "other_training")


def test_nobody_answers_for_someone_else_unless_staff(event):
    invitee, other = InviteeFactory(event=event), InviteeFactory(event=event)
    with pytest.raises(PermissionDenied):
        invitations.respond(invitee, attending=True, by=other.user)
    with pytest.raises(PermissionDenied):  # on someone's behalf only as the event's staff
        invitations.respond(invitee, attending=False, reason="official_duty", by=other.user, on_behalf=True)
    staff = UserFactory()
    event.organiser.staff.add(staff)
    answered = invitations.respond(invitee, attending=False, reason="official_duty", by=staff, on_behalf=True)
    assert answered.response == Invitee.Response.APOLOGISED


def test_someone_who_checked_in_cannot_be_excused_or_uninvited(event):
    invitee = InviteeFactory(event=event)
    check_ins.record(invitee, day=event.starts_on, at=at(event, 0, 7), method="staff")
    with pytest.raises(ValidationError, match="already checked in"):
        invitations.respond(invitee, attending=False, reason="sick", by=invitee.user)
    with pytest.raises(ValidationError, match="has checked in"):
        invitations.uninvite(invitee)


def test_nothing_changes_once_the_event_is_closed(event):
    event.status = "closed"
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        invitations.invite_person(event, UserFactory())
    invitee = InviteeFactory(event=event)
    with pytest.raises(ValidationError, match="closed"):
        invitations.respond(invitee, attending=True, by=invitee.user)


def test_attendance_and_commitment_rates(event):
    """31 invited, 26 came on some day, 4 excused with a reason, 1 absent without one."""
    invitees = [InviteeFactory(event=event) for _index in range(31)]
    for index, invitee in enumerate(invitees[:26]):
        check_ins.record(invitee, day=event.starts_on, at=at(event, 0, 7, index), method="staff")
    check_ins.record(invitees[0], day=event.days[1], at=at(event, 1, 8), method="staff")
    reasons = ["other_training", "official_duty", "official_duty", "sick"]
    for invitee, reason in zip(invitees[26:30], reasons, strict=True):
        invitations.respond(invitee, attending=False, reason=reason, by=invitee.user)
    figures = attendance(event)
    assert (figures.invited, figures.present, figures.excused) == (31, 26, 4)
    assert [row.invitee for row in figures.absent_without_reason] == [invitees[30]]
    assert figures.attendance_rate == 83.9 and figures.commitment_rate == 96.8
    assert len(figures.absentees) == 5 and figures.absentees[0].excused
    days = figures.day_counts()
    assert days[0][:2] == (event.starts_on, 26) and days[1] == (event.days[1], 1, 1)
    assert days[0][2] == 26 - 16  # after 07:15 WITA


@pytest.mark.parametrize("size", [5, 40])
def test_the_attendance_list_takes_a_fixed_number_of_queries(event, size, django_assert_num_queries):
    for _index in range(size):
        invitee = InviteeFactory(event=event)
        check_ins.record(invitee, day=event.starts_on, at=at(event, 0, 7), method="staff")
    with django_assert_num_queries(2):
        figures = attendance(event)
        assert figures.present == size

import datetime

import pytest
from django.core.exceptions import ValidationError

from events import check_ins, checkin_codes
from events.models import CheckIn, Invitee

from .factories import EventFactory, InviteeFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitee():
    return InviteeFactory(event=EventFactory())


def code_at(event, moment, session=None):
    return checkin_codes.current(event.pk, event.local_today(moment), session.pk if session else None, moment).code


def test_an_attendee_checks_in_with_the_code_on_the_screen(invitee):
    event, moment = invitee.event, at(invitee.event, 0, 7, 5)
    check_in = check_ins.check_in_with_code(event, invitee.user, code_at(event, moment), now=moment)
    assert (check_in.day, check_in.method, check_in.late) == (event.starts_on, CheckIn.Method.CODE, False)


def test_the_code_is_typed_in_any_case_and_with_spaces(invitee):
    event, moment = invitee.event, at(invitee.event, 0, 7, 5)
    code = code_at(event, moment)
    typed = f" {code[:3].lower()} {code[3:]} "
    assert check_ins.check_in_with_code(event, invitee.user, typed, now=moment)


def test_the_code_just_before_the_current_one_still_works(invitee, settings):
    event, shown = invitee.event, at(invitee.event, 0, 7, 0, 10)
    code = code_at(event, shown)
    later = shown + datetime.timedelta(seconds=settings.EVENT_CHECK_IN_CODE_SECONDS)
    assert check_ins.check_in_with_code(event, invitee.user, code, now=later)


def test_an_expired_code_is_refused_as_expired(invitee, settings):
    event, shown = invitee.event, at(invitee.event, 0, 7, 0, 10)
    code = code_at(event, shown)
    later = shown + datetime.timedelta(seconds=2 * settings.EVENT_CHECK_IN_CODE_SECONDS)
    with pytest.raises(ValidationError, match="expired"):
        check_ins.check_in_with_code(event, invitee.user, code, now=later)
    assert not CheckIn.objects.exists()


def test_a_wrong_code_is_refused_as_not_the_code(invitee):
    moment = at(invitee.event, 0, 7, 5)
    with pytest.raises(ValidationError, match="not the code on the screen"):
        check_ins.check_in_with_code(invitee.event, invitee.user, "AAAAAA", now=moment)


def test_a_code_scanned_for_another_day_is_refused_naming_the_day(invitee):
    event = invitee.event
    yesterday, today = at(event, 0, 8), at(event, 1, 7, 10)
    code = code_at(event, yesterday)
    with pytest.raises(ValidationError, match="is for 15 March 2027, not for today"):
        check_ins.check_in_with_code(event, invitee.user, code, day=event.starts_on, now=today)


def test_yesterdays_code_typed_today_is_not_todays_code(invitee):
    event = invitee.event
    code = code_at(event, at(event, 0, 8))
    with pytest.raises(ValidationError):
        check_ins.check_in_with_code(event, invitee.user, code, now=at(event, 1, 8))


def test_checking_in_twice_is_refused_with_the_first_time(invitee):
    event, moment = invitee.event, at(invitee.event, 0, 7, 5)
    check_ins.check_in_with_code(event, invitee.user, code_at(event, moment), now=moment)
    again = moment + datetime.timedelta(seconds=5)
    with pytest.raises(ValidationError, match="already checked in .* at 07:05 WITA"):
        check_ins.check_in_with_code(event, invitee.user, code_at(event, again), now=again)
    assert CheckIn.objects.count() == 1


def test_arriving_after_the_grace_minutes_is_late(invitee):
    event = invitee.event
    on_time, late = at(event, 0, 7, 15), at(event, 1, 7, 16)
    assert not check_ins.check_in_with_code(event, invitee.user, code_at(event, on_time), now=on_time).late
    assert check_ins.check_in_with_code(event, invitee.user, code_at(event, late), now=late).late


def test_someone_not_invited_cannot_check_in(invitee, stranger):
    moment = at(invitee.event, 0, 7)
    with pytest.raises(ValidationError, match="not on the invitation list"):
        check_ins.check_in_with_code(invitee.event, stranger, code_at(invitee.event, moment), now=moment)


def test_no_check_in_on_a_day_outside_the_event(invitee):
    event = invitee.event
    moment = at(event, 3, 7)
    with pytest.raises(ValidationError, match="not a day of this event"):
        check_ins.check_in_with_code(event, invitee.user, code_at(event, moment), now=moment)


def test_the_days_code_does_not_check_in_to_a_session(invitee):
    event = invitee.event
    session = event.sessions.create(
        day=event.starts_on, starts_at=datetime.time(9), ends_at=datetime.time(10), title="Wawasan kebangsaan"
    )
    moment = at(event, 0, 9)
    with pytest.raises(ValidationError):
        check_ins.check_in_with_code(event, invitee.user, code_at(event, moment), session=session, now=moment)
    check_in = check_ins.check_in_with_code(
        event, invitee.user, code_at(event, moment, session), session=session, now=moment
    )
    assert check_in.session == session and not check_in.late


def test_staff_tick_people_present_and_are_told_who_was_there_already(invitee, stranger):
    event = invitee.event
    other = InviteeFactory(event=event)
    check_ins.record(invitee, day=event.starts_on, at=at(event, 0, 7), method="code")
    done, refused = check_ins.tick(event, [invitee, other], day=event.starts_on, at=at(event, 0, 8), by=stranger)
    assert [check_in.invitee for check_in in done] == [other]
    assert done[0].late and done[0].recorded_by == stranger
    assert len(refused) == 1 and str(invitee.user) in refused[0]


def test_someone_who_sent_apologies_is_not_checked_in(invitee):
    invitee.response, invitee.apology_reason = Invitee.Response.APOLOGISED, "sick"
    invitee.save()
    with pytest.raises(ValidationError, match="sent apologies"):
        check_ins.record(invitee, day=invitee.event.starts_on, at=at(invitee.event, 0, 7), method="staff")

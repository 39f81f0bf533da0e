"""Recording presence: an attendee types or scans the code on the screen, or staff tick the list."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import checkin_codes
from .models import AgendaSession, CheckIn, Event, Invitee

# A code shown in the last two hours but no longer valid is "expired"; any other is "not right".
EXPIRED_WINDOW_SECONDS = 2 * 60 * 60


def _local(moment: datetime.datetime, event: Event) -> str:
    local = moment.astimezone(event.zone)
    return f"{local:%H:%M} {event.zone_abbreviation}"


def _day_label(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def starts_at(event: Event, day: datetime.date, session: AgendaSession | None) -> datetime.datetime:
    """When the day (or the session) starts, in the event's zone: arrivals after it and its grace are late."""
    return event.local_moment(day, session.starts_at if session else event.day_starts_at)


def is_late(event: Event, day: datetime.date, session: AgendaSession | None, moment: datetime.datetime) -> bool:
    grace = datetime.timedelta(minutes=event.late_after_minutes)
    return moment > starts_at(event, day, session) + grace


def _refuse_outside_event(event: Event, day: datetime.date) -> None:
    if not event.starts_on <= day <= event.ends_on:
        raise ValidationError(
            _("%(day)s is not a day of this event (%(first)s – %(last)s).")
            % {"day": _day_label(day), "first": _day_label(event.starts_on), "last": _day_label(event.ends_on)},
            code="not_an_event_day",
        )


def record(
    invitee: Invitee,
    *,
    day: datetime.date,
    session: AgendaSession | None = None,
    at: datetime.datetime,
    method: str,
    by=None,
) -> CheckIn:
    """One check-in; a second one for the same day (or session) is refused, naming the first."""
    event = invitee.event
    _refuse_outside_event(event, day)
    if session is not None and (session.event_id != event.pk or session.day != day):
        raise ValidationError(_("That session is not on this day of this event."), code="session_elsewhere")
    if invitee.response == Invitee.Response.APOLOGISED:
        raise ValidationError(
            _("%(name)s sent apologies for this event; record that they will attend before checking them in.")
            % {"name": invitee.user},
            code="apologised",
        )
    earlier = CheckIn.objects.filter(invitee=invitee, day=day, session=session).first()
    if earlier is None:
        try:
            with transaction.atomic():
                return CheckIn.objects.create(
                    invitee=invitee,
                    day=day,
                    session=session,
                    checked_in_at=at,
                    late=is_late(event, day, session, at),
                    method=method,
                    recorded_by=by,
                )
        except IntegrityError:  # the same person checked in from two phones at once
            earlier = CheckIn.objects.get(invitee=invitee, day=day, session=session)
    raise ValidationError(
        _("%(name)s is already checked in for %(what)s, at %(time)s.")
        % {
            "name": invitee.user,
            "what": session.title if session else _day_label(day),
            "time": _local(earlier.checked_in_at, event),
        },
        code="already_checked_in",
    )


def check_in_with_code(
    event: Event,
    user,
    code: str,
    *,
    day: datetime.date | None = None,
    session: AgendaSession | None = None,
    now: datetime.datetime | None = None,
) -> CheckIn:
    """Check the user in with the code on the screen; ``day`` comes with a scanned QR code."""
    now = now or timezone.now()
    invitee = event.invitees.select_related("event", "user").filter(user=user).first()
    if invitee is None:
        raise ValidationError(_("You are not on the invitation list of this event."), code="not_invited")
    today = event.local_today(now)
    _refuse_outside_event(event, today)
    if day is not None and day != today:
        raise ValidationError(
            _("This code is for %(day)s, not for today (%(today)s).")
            % {"day": _day_label(day), "today": _day_label(today)},
            code="code_other_day",
        )
    session_id = session.pk if session else None
    age = checkin_codes.age_in_steps(
        event.pk, today, session_id, code, now, within=EXPIRED_WINDOW_SECONDS // checkin_codes.step_seconds()
    )
    if age is None:
        raise ValidationError(
            {"code": _("This is not the code on the screen. Check it and type it again.")}, code="code_wrong"
        )
    if age > 1:
        raise ValidationError(
            {"code": _("This code has expired: scan or type the code now on the screen.")}, code="code_expired"
        )
    return record(invitee, day=today, session=session, at=now, method=CheckIn.Method.CODE, by=user)


@transaction.atomic
def tick(
    event: Event,
    invitees: list[Invitee],
    *,
    day: datetime.date,
    session: AgendaSession | None = None,
    at: datetime.datetime | None = None,
    by,
) -> tuple[list[CheckIn], list[str]]:
    """Staff tick people present; those already checked in are named, not counted twice."""
    at = at or timezone.now()
    done, refused = [], []
    for invitee in invitees:
        try:
            done.append(record(invitee, day=day, session=session, at=at, method=CheckIn.Method.STAFF, by=by))
        except ValidationError as error:
            if error.code in ("not_an_event_day", "session_elsewhere"):
                raise
            refused.extend(error.messages)
    return done, refused


def untick(check_in: CheckIn) -> None:
    check_in.delete()

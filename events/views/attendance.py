"""Presence: the attendee's check-in with the code, the organiser's screen showing it, the list staff tick."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import check_ins, checkin_codes
from ..access import event_page
from ..attendance import attendance, session_counts
from ..forms.people import CheckInForm
from ..models import AgendaSession, CheckIn


def _session(event, value):
    if value in (None, ""):
        return None
    try:
        return AgendaSession.objects.get(event=event, pk=int(value))
    except (AgendaSession.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


@never_cache
@event_page()
def check_in(request, event):
    """Type the code on the screen, or arrive here from its QR code (which carries the code, day and session)."""
    # A scanned QR code opens this page with the code filled in: checking in is still the tap on the
    # button (a POST), so that a link alone never records anyone's presence.
    data = request.POST if request.method == "POST" else request.GET
    session = _session(event, data.get("session"))
    if request.method == "POST":
        form = CheckInForm(request.POST)
    else:
        form = CheckInForm(initial={key: request.GET[key] for key in ("code", "day", "session") if key in request.GET})
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                done = check_ins.check_in_with_code(
                    event, request.user, form.cleaned_data["code"], day=form.cleaned_data["day"], session=session
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
                status = 400
            else:
                what = done.session.title if done.session else _("today")
                text = _("You are checked in for %(what)s at %(time)s.") % {
                    "what": what,
                    "time": f"{done.checked_in_at.astimezone(event.zone):%H:%M} {event.zone_abbreviation}",
                }
                if done.late:
                    text += " " + _("This is recorded as a late arrival.")
                messages.success(request, text)
                return redirect(event)
        else:
            status = 400
    context = {"event": event, "section": "check-in", "form": form, "session": session}
    return render(request, "events/check_in.html", context, status=status)


def _code_payload(request, event, session):
    now = timezone.now()
    today = event.local_today(now)
    shown = checkin_codes.current(event.pk, today, session.pk if session else None, now)
    query = {"code": shown.code, "day": today.isoformat()}
    if session:
        query["session"] = session.pk
    url = request.build_absolute_uri(f"{reverse('events:check-in', args=[event.pk])}?{urlencode(query)}")
    return {
        "code": shown.code,
        "day": today.isoformat(),
        "url": url,
        "seconds_left": max(1, int((shown.valid_until - now).total_seconds())),
        "svg": qr_svg(url),
        "in_event": event.starts_on <= today <= event.ends_on,
    }


def qr_svg(text: str) -> str:
    import segno  # heavy enough to load only when a code is drawn

    return segno.make(text, error="m").svg_inline(scale=8, border=2, dark="#111", light="#fff")


@never_cache
@event_page(manage=True)
def check_in_screen(request, event):
    """The organiser's screen (a projector): the code and its QR, turning every few seconds."""
    session = _session(event, request.GET.get("session"))
    payload = _code_payload(request, event, session)
    context = {"event": event, "section": "attendance", "session": session, "shown": payload}
    return render(request, "events/check_in_screen.html", context)


@never_cache
@event_page(manage=True)
def check_in_code(request, event):
    """The screen's next code, as JSON, fetched by the screen's script when the current one runs out."""
    return JsonResponse(_code_payload(request, event, _session(event, request.GET.get("session"))))


def _day(event, value) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        day = event.local_today(timezone.now())
    return day if event.starts_on <= day <= event.ends_on else event.starts_on


@event_page(manage=True)
def attendance_list(request, event):
    """Everyone invited with their arrival each day; staff tick those present on the chosen day."""
    day = _day(event, request.GET.get("day"))
    figures = attendance(event)
    context = {
        "event": event,
        "section": "attendance",
        "figures": figures,
        "day": day,
        "sessions": session_counts(event),
        "tables": [("attendance", _("Attendance")), ("absentees", _("Not present"))],
    }
    return render(request, "events/attendance.html", context)


@require_POST
@event_page(manage=True)
def attendance_tick(request, event):
    day = _day(event, request.POST.get("day"))
    ids = [value for value in request.POST.getlist("invitee") if value.isdigit()]
    invitees = list(event.invitees.select_related("user", "event").filter(pk__in=ids))
    at = None
    if request.POST.get("time"):
        try:
            at = event.local_moment(day, datetime.time.fromisoformat(request.POST["time"]))
        except ValueError:
            messages.error(request, _("Give the arrival time as 07:30."))
            return redirect(f"{reverse('events:attendance', args=[event.pk])}?day={day.isoformat()}")
    if not invitees:
        messages.error(request, _("Tick at least one person."))
    else:
        done, refused = check_ins.tick(event, invitees, day=day, at=at, by=request.user)
        if done:
            messages.success(request, _("%(count)s people recorded present.") % {"count": len(done)})
        for text in refused:
            messages.warning(request, text)
    return redirect(f"{reverse('events:attendance', args=[event.pk])}?day={day.isoformat()}")


@require_POST
@event_page(manage=True)
def attendance_untick(request, event, check_in_pk):
    check_in = get_object_or_404(CheckIn.objects.filter(invitee__event=event), pk=check_in_pk)
    day = check_in.day
    check_ins.untick(check_in)
    messages.success(request, _("The check-in is removed."))
    return redirect(f"{reverse('events:attendance', args=[event.pk])}?day={day.isoformat()}")


@event_page(manage=True)
def attendance_print(request, event):
    """The printable attendance list (daftar hadir) with signature columns and the named absentees."""
    return render(request, "events/attendance_print.html", {"event": event, "figures": attendance(event)})

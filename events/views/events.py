"""The events list, an event's page (for its staff and for its attendees), and its set-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from evidence.downloads import download
from organise.access import organisers_of
from projects.forms import add_service_errors

from .. import setup
from ..access import event_page
from ..forms.setup import AgendaSessionForm, EventForm, MaterialForm, VenueForm
from ..models import AgendaSession, ApologyReason, Event, Invitee, SessionMaterial

PAGE_SIZE = 30

NEXT_STATUS_LABELS = {
    Event.Status.CONFIRMED: gettext_lazy("Confirm the event"),
    Event.Status.RUNNING: gettext_lazy("Start the event"),
    Event.Status.CLOSED: gettext_lazy("Close the event"),
    Event.Status.PLANNED: gettext_lazy("Back to planned"),
}


@login_required
def event_list(request):
    """The events the user manages, attends or judges, newest first."""
    events = (
        Event.objects.visible_to(request.user)
        .select_related("host_government", "organiser")
        .annotate(invited=Count("invitees", distinct=True))
        .order_by("-starts_on", "title")
    )
    may_create = organisers_of(request.user).exists()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"events": page, "page": page, "may_create": may_create})


def _event_form_page(request, form, event=None):
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_new(request):
    organisers = organisers_of(request.user)
    if not organisers.exists():
        raise PermissionDenied(_("Only the staff of an organiser may create events."))
    form = EventForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        try:
            event = setup.save_event(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is created. Add its venues and agenda, then invite people."))
            return redirect(event)
    return _event_form_page(request, form)


@event_page(manage=True)
def event_edit(request, event):
    form = EventForm(request.POST or None, instance=event, organisers=organisers_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            setup.save_event(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return _event_form_page(request, form, event)


def _agenda(event):
    return event.sessions.prefetch_related("materials").order_by("day", "starts_at", "title")


@event_page()
def event_detail(request, event):
    """Staff see the set-up and the counts; an attendee sees the agenda, their answer and their group."""
    me = event.invitees.select_related("group__captain__user").filter(user=request.user).first()
    context = {
        "event": event,
        "section": "home",
        "agenda": _agenda(event),
        "me": me,
        "may_manage": request.may_manage,
        "may_judge": request.may_judge,
        "reasons": ApologyReason.choices,
    }
    if request.may_manage:
        context |= {
            "venues": event.venues.all(),
            "venue_form": VenueForm(),
            "session_form": AgendaSessionForm(event=event),
            "material_form": MaterialForm(),
            "next_statuses": [(status, NEXT_STATUS_LABELS[status]) for status in setup.NEXT[event.status]],
            "counts": event.invitees.aggregate(
                invited=Count("pk"),
                attending=Count("pk", filter=Q(response=Invitee.Response.ATTENDING)),
                apologised=Count("pk", filter=Q(response=Invitee.Response.APOLOGISED)),
            ),
        }
    if me is not None and me.group_id:
        context["group_members"] = me.group.members.select_related("user", "agency").order_by("user__full_name")
    return render(request, "events/event_detail.html", context)


@require_POST
@event_page(manage=True)
def event_status(request, event):
    try:
        event = setup.advance(event, request.POST.get("to", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is now %(status)s.") % {"status": event.get_status_display().lower()})
    return redirect(event)


@require_POST
@event_page(manage=True)
def venue_add(request, event):
    form = VenueForm(request.POST, instance=None)
    form.instance.event = event
    if form.is_valid():
        if event.venues.filter(name__iexact=form.cleaned_data["name"]).exists():
            messages.error(request, _("That venue is already among the candidates."))
        else:
            form.save()
            messages.success(request, _("The candidate venue is added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(event)


@require_POST
@event_page(manage=True)
def venue_choose(request, event, venue_pk):
    venue = get_object_or_404(event.venues, pk=venue_pk)
    setup.choose_venue(venue)
    messages.success(request, _("%(venue)s is the chosen venue.") % {"venue": venue.name})
    return redirect(event)


@require_POST
@event_page(manage=True)
def session_add(request, event):
    form = AgendaSessionForm(request.POST, event=event)
    if form.is_valid():
        form.save()
        messages.success(request, _("The session is on the agenda."))
        return redirect(event)
    context = {"event": event, "section": "home", "session_form": form, "agenda": _agenda(event)}
    return render(request, "events/session_form.html", context, status=400)


@require_POST
@event_page(manage=True)
def session_delete(request, event, session_pk):
    session = get_object_or_404(event.sessions, pk=session_pk)
    if session.check_ins.exists():
        messages.error(request, _("People checked in to this session: it stays on the agenda."))
    else:
        session.delete()
        messages.success(request, _("The session is taken off the agenda."))
    return redirect(event)


@require_POST
@event_page(manage=True)
def material_add(request, event, session_pk):
    session = get_object_or_404(AgendaSession.objects.filter(event=event), pk=session_pk)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file to upload."))
        return redirect(event)
    try:
        setup.add_material(session, form.cleaned_data["file"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The material is uploaded."))
    return redirect(event)


@event_page()
def material_download(request, event, material_pk):
    """A session's material, for everyone who sees the event."""
    return download(get_object_or_404(SessionMaterial.objects.filter(session__event=event), pk=material_pk))

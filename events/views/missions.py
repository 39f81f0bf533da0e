"""Missions: staff give them (new or from the bank); a group's members see theirs and hand them in from a phone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from offline import outbox
from projects.forms import add_service_errors

from .. import missions as mission_services
from ..access import event_page
from ..forms.missions import MissionForm, SubmissionForm, TemplateChoiceForm
from ..models import Mission, Submission
from ..submitting import submit


def _staff_page(request, event, form=None, status=200):
    context = {
        "event": event,
        "section": "missions",
        "missions": event.missions.select_related("after").order_by("opens_at", "order", "pk"),
        "form": form or MissionForm(event=event),
        "template_form": TemplateChoiceForm(event=event),
    }
    return render(request, "events/missions_staff.html", context, status=status)


@event_page()
def mission_list(request, event):
    """Staff: the event's missions and the form to give one. An attendee: their group's missions and progress."""
    if request.may_manage:
        return _staff_page(request, event)
    me = event.invitees.select_related("group").filter(user=request.user).first()
    states = mission_services.states_for(me.group) if me and me.group else []
    context = {"event": event, "section": "missions", "me": me, "states": states, "now": timezone.now()}
    return render(request, "events/missions.html", context)


def _save(request, event, form) -> bool:
    if not form.is_valid():
        return False
    mission = form.save(commit=False)
    try:
        mission.opens_at, mission.closes_at = mission_services.window(
            event, form.cleaned_data["day"], form.cleaned_data["opens"], form.cleaned_data["closes"]
        )
        mission_services.save_mission(mission)
        if form.cleaned_data.get("keep_in_bank"):
            mission_services.save_to_bank(mission)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@require_POST
@event_page(manage=True)
def mission_add(request, event):
    form = MissionForm(request.POST, event=event)
    if _save(request, event, form):
        messages.success(request, _("The mission is given to every group."))
        return redirect("events:missions", event.pk)
    return _staff_page(request, event, form, status=400)


@event_page(manage=True)
def mission_edit(request, event, mission_pk):
    mission = get_object_or_404(event.missions, pk=mission_pk)
    form = MissionForm(request.POST or None, instance=mission, event=event)
    if request.method == "POST" and _save(request, event, form):
        messages.success(request, _("The mission is saved."))
        return redirect("events:missions", event.pk)
    context = {"event": event, "section": "missions", "form": form, "mission": mission}
    return render(request, "events/mission_form.html", context, status=400 if form.is_bound else 200)


@require_POST
@event_page(manage=True)
def mission_from_bank(request, event):
    """Start a mission from the bank: its content filled in, its window still to set."""
    choice = TemplateChoiceForm(request.POST, event=event)
    if not choice.is_valid():
        messages.error(request, _("Choose a mission from the bank."))
        return redirect("events:missions", event.pk)
    draft = mission_services.from_template(choice.cleaned_data["template"], event)
    form = MissionForm(instance=draft, event=event)
    context = {"event": event, "section": "missions", "form": form, "mission": None, "template": draft.template}
    return render(request, "events/mission_form.html", context)


@event_page()
def mission_detail(request, event, mission_pk):
    """One mission for a group member: what to do, the window, their group's attempts, and the form to hand in."""
    mission = get_object_or_404(Mission.objects.filter(event=event).select_related("after"), pk=mission_pk)
    here = reverse("events:mission", args=[event.pk, mission.pk])
    if (client_id := outbox.asked_delivered(request)) is not None:
        mine = Submission.objects.filter(client_id=client_id, submitted_by=request.user, mission=mission)
        return outbox.delivered(here if mine.exists() else None)
    me = event.invitees.select_related("group").filter(user=request.user).first()
    if me is None or me.group is None:
        if outbox.from_outbox(request):
            return outbox.refused_with(_("You are not in a group of this event yet."))
        if request.may_manage:
            return redirect("events:missions", event.pk)
        messages.error(request, _("You are not in a group of this event yet."))
        return redirect(event)
    state = next(state for state in mission_services.states_for(me.group) if state.mission.pk == mission.pk)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sent = submit(
                    mission,
                    request.user,
                    answer=data["answer"],
                    files=data["files"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    accuracy=data["accuracy"],
                    client_id=data["client_id"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                messages.success(
                    request, _sent_message(sent.submission) if sent.created else _("This was sent already.")
                )
                if outbox.from_outbox(request):
                    return outbox.sent(here, created=sent.created)
                return redirect(here)
        else:
            status = 400
        if outbox.from_outbox(request):
            return outbox.refused(form)
    attempts = mission.submissions.filter(group=me.group).prefetch_related("files").select_related("submitted_by")
    context = {
        "event": event,
        "section": "missions",
        "mission": mission,
        "state": state,
        "form": form,
        "attempts": attempts.order_by("-attempt"),
        "open": mission.is_open(timezone.now()),
        "not_yet": timezone.now() < mission.opens_at,
    }
    return render(request, "events/mission_detail.html", context, status=status)


def _sent_message(submission) -> str:
    if submission.status == submission.Status.APPROVED:
        return _("Right! Your group earns %(points)s points.") % {"points": submission.points}
    if submission.status == submission.Status.REJECTED:
        return _("Not right yet: %(note)s") % {"note": submission.judge_note}
    return _("Handed in. A judge will look at it.")

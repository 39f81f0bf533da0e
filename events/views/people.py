"""Invitations and answers: the list of invitees, inviting all heads at once, apologies with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms import add_service_errors

from .. import invitations
from ..access import event_page
from ..forms.people import ApologyForm, InviteHeadsForm, InvitePersonForm

INVITEES_PER_PAGE = 100  # an event of every OPD head of a province fits on one page


def _page(request, event, *, heads_form=None, person_form=None, status=200):
    invitees = event.invitees.select_related("user", "agency", "group").order_by("agency__name", "user__full_name")
    context = {
        "event": event,
        "section": "invitees",
        "invitees": Paginator(invitees, INVITEES_PER_PAGE).get_page(request.GET.get("page")),
        "heads_form": heads_form or InviteHeadsForm(initial={"government": event.host_government_id}),
        "person_form": person_form or InvitePersonForm(government=event.host_government),
        "apology_form": ApologyForm(),
    }
    return render(request, "events/invitees.html", context, status=status)


@event_page(manage=True)
def invitee_list(request, event):
    return _page(request, event)


@require_POST
@event_page(manage=True)
def invite_heads(request, event):
    form = InviteHeadsForm(request.POST)
    if not form.is_valid():
        return _page(request, event, heads_form=form, status=400)
    try:
        result = invitations.invite_heads(event, form.cleaned_data["government"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:invitees", event.pk)
    messages.success(
        request,
        _("%(added)s heads invited, %(already)s were invited already.")
        % {"added": result.added, "already": result.already},
    )
    if result.without_head:
        messages.warning(
            request,
            _("No head is recorded for: %(agencies)s. Record them in the admin, or invite them by name.")
            % {"agencies": ", ".join(result.without_head)},
        )
    return redirect("events:invitees", event.pk)


@require_POST
@event_page(manage=True)
def invite_person(request, event):
    form = InvitePersonForm(request.POST, government=event.host_government)
    if form.is_valid():
        try:
            result = invitations.invite_person(
                event,
                form.cleaned_data["person"],
                agency=form.cleaned_data["agency"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if result.added:
                messages.success(request, _("%(name)s is invited.") % {"name": form.cleaned_data["person"]})
            else:
                messages.info(request, _("%(name)s was invited already.") % {"name": form.cleaned_data["person"]})
            return redirect("events:invitees", event.pk)
    return _page(request, event, person_form=form, status=400)


def _respond(request, invitee, *, on_behalf):
    attending = request.POST.get("attending") == "yes"
    form = ApologyForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        invitations.respond(
            invitee,
            attending=attending,
            reason=data.get("reason", ""),
            note=data.get("note", ""),
            by=request.user,
            on_behalf=on_behalf,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@require_POST
@event_page()
def respond(request, event):
    """The attendee's own answer: they will attend, or apologies with a reason."""
    invitee = get_object_or_404(event.invitees, user=request.user)
    if _respond(request, invitee, on_behalf=False):
        messages.success(request, _("Your answer is recorded. Thank you."))
    return redirect(event)


@require_POST
@event_page(manage=True)
def respond_for(request, event, invitee_pk):
    """Staff record an answer on someone's behalf (the head still in leadership training, on duty…)."""
    invitee = get_object_or_404(event.invitees.select_related("user"), pk=invitee_pk)
    if _respond(request, invitee, on_behalf=True):
        messages.success(request, _("The answer of %(name)s is recorded.") % {"name": invitee.user})
    return redirect("events:invitees", event.pk)


@require_POST
@event_page(manage=True)
def uninvite(request, event, invitee_pk):
    invitee = get_object_or_404(event.invitees.select_related("user", "group"), pk=invitee_pk)
    try:
        invitations.uninvite(invitee)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is no longer invited.") % {"name": invitee.user})
    return redirect("events:invitees", event.pk)

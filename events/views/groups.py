"""The working groups: splitting the attendees, moving people, naming captains."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import grouping
from ..access import event_page
from ..forms.people import SplitForm
from ..models import Invitee


def _render(request, event, form=None, status=200):
    members = Invitee.objects.select_related("user", "agency__kind").order_by("user__full_name")
    groups = event.groups.select_related("captain__user").prefetch_related(Prefetch("members", queryset=members))
    unplaced = event.invitees.expected().filter(group__isnull=True).select_related("user", "agency")
    context = {
        "event": event,
        "section": "groups",
        "groups": groups,
        "unplaced": unplaced,
        "split_form": form or SplitForm(),
        "has_work": event.groups.filter(submissions__isnull=False).exists(),
    }
    return render(request, "events/groups.html", context, status=status)


@event_page(manage=True)
def group_list(request, event):
    return _render(request, event)


@require_POST
@event_page(manage=True)
def group_split(request, event):
    form = SplitForm(request.POST)
    if form.is_valid():
        try:
            groups = grouping.split(event, form.cleaned_data["count"], balance=form.cleaned_data["balance"])
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(count)s groups are made.") % {"count": len(groups)})
            return redirect("events:groups", event.pk)
    return _render(request, event, form, status=400)


@require_POST
@event_page(manage=True)
def group_move(request, event):
    invitee = get_object_or_404(event.invitees.select_related("user", "group"), pk=request.POST.get("invitee") or 0)
    value = request.POST.get("group", "")
    group = get_object_or_404(event.groups, pk=value) if value else None
    try:
        grouping.move(invitee, group)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now in %(group)s.")
            % {"name": invitee.user, "group": group.name if group else _("no group")},
        )
    return redirect("events:groups", event.pk)


@require_POST
@event_page(manage=True)
def group_captain(request, event, group_pk):
    group = get_object_or_404(event.groups, pk=group_pk)
    invitee = get_object_or_404(event.invitees.select_related("user"), pk=request.POST.get("invitee") or 0)
    try:
        grouping.set_captain(group, invitee)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s captains %(group)s.") % {"name": invitee.user, "group": group.name})
    return redirect("events:groups", event.pk)


@require_POST
@event_page(manage=True)
def group_rename(request, event, group_pk):
    group = get_object_or_404(event.groups, pk=group_pk)
    try:
        grouping.rename(group, request.POST.get("name", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:groups", event.pk)

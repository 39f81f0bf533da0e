"""An event's funding lines and documents, and its action items followed up to verification."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evidence.downloads import download
from projects.forms import add_service_errors

from .. import actions, funding
from ..access import event_page
from ..evaluation import figures as event_figures
from ..forms.followup import ActionItemForm, ActionMoveForm, DocumentForm, FundingLineForm
from ..models import ActionItem, FundingDocument

PAGE_SIZE = 50


def _funding_page(request, event, form=None, status=200):
    context = {
        "event": event,
        "section": "funding",
        "lines": event.funding_lines.prefetch_related("documents"),
        "summary": funding.summary(event),
        "form": form or FundingLineForm(),
        "document_form": DocumentForm(),
        "tables": [("funding", _("Funding"))],
    }
    return render(request, "events/funding.html", context, status=status)


@event_page(manage=True)
def funding_list(request, event):
    return _funding_page(request, event)


@require_POST
@event_page(manage=True)
def funding_add(request, event):
    form = FundingLineForm(request.POST)
    form.instance.event = event
    if form.is_valid():
        try:
            funding.save_line(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The funding line is added."))
            return redirect("events:funding", event.pk)
    return _funding_page(request, event, form, status=400)


@event_page(manage=True)
def funding_edit(request, event, line_pk):
    line = get_object_or_404(event.funding_lines, pk=line_pk)
    form = FundingLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            funding.save_line(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The funding line is saved."))
            return redirect("events:funding", event.pk)
    context = {"event": event, "section": "funding", "form": form, "line": line}
    return render(request, "events/funding_line.html", context, status=400 if form.is_bound else 200)


@require_POST
@event_page(manage=True)
def funding_document(request, event, line_pk):
    line = get_object_or_404(event.funding_lines, pk=line_pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the document to upload."))
    else:
        try:
            funding.attach_document(line, form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document is attached."))
    return redirect("events:funding", event.pk)


@event_page(manage=True)
def funding_document_download(request, event, document_pk):
    return download(get_object_or_404(FundingDocument.objects.filter(line__event=event), pk=document_pk))


def _items(request, event):
    items = event.action_items.select_related("owner", "agency").order_by("due_date", "pk")
    return items if request.may_manage else items.filter(owner=request.user)


@event_page()
def action_list(request, event):
    """Staff see every action item; a head of agency sees those they own."""
    form = ActionItemForm(event=event) if request.may_manage else None
    context = {
        "event": event,
        "section": "actions",
        "items": Paginator(_items(request, event), PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "events/actions.html", context)


@require_POST
@event_page(manage=True)
def action_add(request, event):
    form = ActionItemForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.create(
                event,
                title=data["title"],
                owner=data["owner"],
                due=data["due"],
                details=data["details"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action item is recorded and its owner told."))
            return redirect("events:actions", event.pk)
    context = {
        "event": event,
        "section": "actions",
        "items": Paginator(_items(request, event), PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "events/actions.html", context, status=400)


@event_page()
def action_detail(request, event, item_pk):
    item = get_object_or_404(_items(request, event), pk=item_pk)
    form = ActionMoveForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.move(item, form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"])
            except PermissionDenied:
                raise
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                messages.success(request, _("The action item is updated."))
                return redirect("events:action", event.pk, item.pk)
        else:
            status = 400
    table = actions.BY_STAFF if request.may_manage else actions.BY_OWNER
    moves = [
        (status_, ActionItem.Status(status_).label)
        for status_ in ActionItem.Status.values
        if status_ in table.get(item.status, set())
    ]
    context = {
        "event": event,
        "section": "actions",
        "item": item,
        "updates": item.updates.select_related("by"),
        "form": form,
        "moves": moves,
    }
    return render(request, "events/action_detail.html", context, status=status)


@event_page(manage=True)
def evaluation(request, event):
    """The six-month evaluation page: change projects, feedback follow-through and rollout of the attending agencies."""
    rows, total = event_figures(event, timezone.localdate())
    return render(
        request, "events/evaluation.html", {"event": event, "section": "evaluation", "rows": rows, "total": total}
    )

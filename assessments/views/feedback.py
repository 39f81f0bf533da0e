"""Feedback pages: the giver's follow-up list, giving feedback, one item with its moves, evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from diklat import access as diklat_access
from evidence.downloads import download
from projects.forms import add_service_errors

from .. import feedback as feedback_services
from ..forms import BudgetProgressForm, FeedbackForm, FeedbackMoveForm
from ..models import FeedbackItem
from .common import feedback_projects, visible_evidence, visible_feedback
from .results import overdue_first

PAGE_SIZE = 50

OVERDUE = "overdue"
MOVE_LABELS = {
    FeedbackItem.Status.ACCEPTED: gettext_lazy("Accept"),
    FeedbackItem.Status.IN_PROGRESS: gettext_lazy("Start working on it"),
    FeedbackItem.Status.IMPLEMENTED: gettext_lazy("Report as implemented"),
    FeedbackItem.Status.VERIFIED: gettext_lazy("Verify"),
    FeedbackItem.Status.REJECTED: gettext_lazy("Reject the implementation"),
}

REJECTED = FeedbackItem.Status.REJECTED


def _move_button(target: str) -> tuple[str, str]:
    return target, MOVE_LABELS[target]


def status_choices():
    return [("", gettext_lazy("All")), (OVERDUE, gettext_lazy("Overdue")), *FeedbackItem.Status.choices]


@login_required
def feedback_list(request):
    """Every feedback item the user gave, overdue first, then by due date; filtered by status."""
    user = request.user
    today = timezone.localdate()
    items = visible_feedback(user).filter(given_by=user)
    status = request.GET.get("status", "")
    if status == OVERDUE:
        items = items.overdue(today)
    elif status in FeedbackItem.Status.values:
        items = items.filter(status=status)
    else:
        status = ""
    items = overdue_first(
        items.select_related(
            "project__enrolment__participant__user", "milestone", "budget", "presentation__session"
        ).prefetch_related("budget__budget_lines"),
        today,
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/feedback_list.html",
        {"items": list(page), "page": page, "status": status, "status_choices": status_choices(), "today": today},
    )


@login_required
def feedback_create(request, project_pk):
    """A panel member gives feedback on a participant's project (others: 403; out of sight: 404)."""
    user = request.user
    project = get_object_or_404(
        feedback_projects(user).select_related("enrolment__participant__user", "enrolment__cohort"), pk=project_pk
    )
    if not feedback_services.may_give_feedback(user, project):
        raise PermissionDenied(_("Only the participant's panel can give feedback on this project."))
    initial = {"owner": project.enrolment.participant.user.get_full_name()}
    if request.GET.get("presentation", "").isdigit():
        initial["presentation"] = request.GET["presentation"]
    form = FeedbackForm(request.POST or None, project=project, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = feedback_services.give_feedback(
                project,
                by=user,
                category=data["category"],
                text=data["text"],
                owner=data["owner"],
                due_date=data["due_date"],
                milestone=data["milestone"],
                presentation=data["presentation"],
                budget=form.budget(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your feedback has been recorded."))
            return redirect(item)
    return render(
        request,
        "assessments/feedback_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def _item(user, pk) -> FeedbackItem:
    return get_object_or_404(
        visible_feedback(user)
        .select_related(
            "project__enrolment__participant__user", "given_by", "milestone", "budget", "presentation__session__seminar"
        )
        .prefetch_related("budget__budget_lines"),
        pk=pk,
    )


def _render_item(request, item, move_form=None, budget_form=None, status=200):
    user = request.user
    moves = feedback_services.allowed_moves(item, user)
    next_move = feedback_services.NEXT_MOVE.get(item.status)
    budget = getattr(item, "budget", None)
    may_record_money = (
        budget is not None
        and item.status != FeedbackItem.Status.VERIFIED
        and (diklat_access.is_owner(user, item.project) or item.given_by_id == user.pk)
    )
    if may_record_money and budget_form is None:
        budget_form = BudgetProgressForm(
            item=item,
            initial={
                "document_reference": budget.document_reference,
                "budget_lines": list(budget.budget_lines.all()),
            },
        )
    context = {
        "item": item,
        "budget": budget,
        "budget_lines": list(budget.budget_lines.all()) if budget else [],
        "events": list(item.events.select_related("by")),
        "evidence": list(item.evidence.select_related("uploaded_by")),
        "moves": moves,
        "next_move": _move_button(next_move) if next_move in moves else None,
        "rejection": _move_button(REJECTED) if REJECTED in moves else None,
        "other_moves": [_move_button(target) for target in moves if target not in (next_move, REJECTED)],
        "move_form": move_form or FeedbackMoveForm(),
        "asks_for_files": FeedbackItem.Status.IMPLEMENTED in moves,
        "budget_form": budget_form if may_record_money else None,
        "is_overdue": item.is_overdue(),
        "is_owner": diklat_access.is_owner(user, item.project),
    }
    return render(request, "assessments/feedback_detail.html", context, status=status)


@login_required
def feedback_detail(request, pk):
    return _render_item(request, _item(request.user, pk))


@login_required
@require_POST
def feedback_move(request, pk):
    """Move an item along its workflow; the service says who may (PermissionDenied → 403)."""
    item = _item(request.user, pk)
    form = FeedbackMoveForm(request.POST, request.FILES)
    target = request.POST.get("target", "")
    if form.is_valid():
        try:
            feedback_services.move_feedback(
                item, target, by=request.user, note=form.cleaned_data["note"], files=form.cleaned_data["files"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The feedback is now “%(status)s”.") % {"status": FeedbackItem.Status(target).label}
            )
            return redirect(item)
    return _render_item(request, item, move_form=form, status=400)


@login_required
@require_POST
def feedback_budget(request, pk):
    """Link the budget lines that answer budget feedback; its figures and status follow them."""
    item = _item(request.user, pk)
    form = BudgetProgressForm(request.POST, item=item)
    if form.is_valid():
        data = form.cleaned_data
        try:
            feedback_services.record_budget_progress(
                item,
                by=request.user,
                document_reference=data["document_reference"],
                budget_lines=list(data["budget_lines"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget has been recorded."))
            return redirect(item)
    return _render_item(request, item, budget_form=form, status=400)


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(visible_evidence(request.user), pk=pk)
    return download(evidence)

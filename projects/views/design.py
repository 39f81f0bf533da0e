"""The dashboard and the project's design: its page, starting and editing the plan, moving it along its workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from diklat import access
from diklat.models import Enrolment
from diklat.versioning import StaleVersion

from ..forms import ProjectForm, add_service_errors, project_formsets
from ..models import ChangeProject, Evidence, Milestone
from ..plan_timeline import timeline_of
from ..services.lifecycle import (
    TRANSITIONS,
    allowed_transitions,
    apply_transition,
    create_project,
    milestones_still_open,
    update_project,
)
from .common import _owned_project, _refuse, _visible_project
from .history import latest_changes

TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit to mentor"),
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return for revision"),
    "start": gettext_lazy("Start implementation"),
    "complete": gettext_lazy("Mark as completed"),
}
REVIEW_TRANSITIONS = {"approve", "return"}


def transition_buttons(project: ChangeProject, user) -> list[dict]:
    """The POST buttons this user may press on the project now (approve/return live on the review page).

    Completing is final, so it is never the obvious tap while anything is unfinished: blocked with the
    reason while a short-term milestone is open, behind a confirmation naming what is open otherwise.
    """
    buttons = []
    for name in allowed_transitions(project, user):
        if name in REVIEW_TRANSITIONS:
            continue
        button = {"name": name, "label": TRANSITION_LABELS[name], "primary": not buttons}
        button["url"] = reverse("projects:transition", args=[project.pk, name])
        if name == "complete":
            button["still_open"] = still_open = milestones_still_open(project)
            button["blocked"] = any(m.horizon == Milestone.Horizon.SHORT for m in still_open)
            button["primary"] = button["primary"] and not still_open
        buttons.append(button)
    return buttons


def photo_milestones(project) -> set:
    """The milestones with a photo in their updates (None among them for updates on no milestone)."""
    photos = Evidence.objects.filter(update__project=project, content_type__startswith="image/")
    return set(photos.values_list("update__milestone", flat=True).distinct())


@login_required
def dashboard(request):
    user = request.user
    projects = list(
        ChangeProject.objects.filter(enrolment__participant__user=user)
        .for_lists()
        .order_by("-enrolment__cohort__year", "-enrolment__cohort__start_date")
    )
    current = projects[0] if projects else None
    context = {
        "project": current,
        "earlier_projects": projects[1:],
        "startable_enrolments": Enrolment.objects.filter(
            participant__user=user, status=Enrolment.Status.ACTIVE, project__isnull=True
        ).select_related("cohort__programme"),
        "is_participant": Enrolment.objects.filter(participant__user=user).exists(),
    }
    if current is not None:
        context.update(
            overdue_milestones=current.milestones.overdue(),
            latest_updates=current.updates.select_related("milestone", "author").prefetch_related("evidence")[:5],
            buttons=transition_buttons(current, user),
            can_review=access.can_review_project(user, current),
        )
    return render(request, "projects/dashboard.html", context)


@login_required
def detail(request, pk):
    project = _visible_project(
        request.user,
        pk,
        ChangeProject.objects.for_lists()
        .select_related("enrolment__cohort__organiser", "agency__kind")
        .prefetch_related("stakeholders", "risks", "team"),
    )
    milestones = list(project.milestones.all())
    horizons = [
        {"value": h.value, "label": h.label, "milestones": [m for m in milestones if m.horizon == h.value]}
        for h in Milestone.Horizon
    ]
    budget_lines = list(project.budget_lines.prefetch_related("evidence"))
    totals = {
        name: sum(getattr(line, name) or 0 for line in budget_lines) for name in ("planned", "approved", "realised")
    }
    is_owner = access.can_edit_project(request.user, project)
    context = {
        "project": project,
        "horizons": horizons,
        "budget_lines": budget_lines,
        "totals": totals,
        "can_approve_budget": access.can_approve_budget(request.user, project),
        "commitments": project.commitments.prefetch_related("signatories", "scans"),
        "updates": project.updates.select_related("milestone", "author").prefetch_related("evidence"),
        "transitions": project.transitions.select_related("by"),
        "is_owner": is_owner,
        "can_edit_plan": is_owner and project.plan_is_editable,
        "can_edit_milestones": is_owner and project.milestones_are_editable,
        "can_post_update": is_owner and project.accepts_updates,
        "can_review": access.can_review_project(request.user, project),
        "buttons": transition_buttons(project, request.user),
        "changes": latest_changes(project),
        "photo_milestones": photo_milestones(project),
        "timeline": timeline_of(project, milestones, timezone.localdate()),
    }
    return render(request, "projects/detail.html", context)


@login_required
def project_create(request, enrolment_pk):
    enrolment = get_object_or_404(
        Enrolment.objects.filter(
            participant__user=request.user, status=Enrolment.Status.ACTIVE, project__isnull=True
        ).select_related("participant__agency__government", "cohort__programme"),
        pk=enrolment_pk,
    )
    project = ChangeProject(enrolment=enrolment, agency=enrolment.participant.agency)
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=project)
    formsets = project_formsets(project, data)
    if data is not None and _all_valid(form, formsets):
        try:
            with transaction.atomic():
                project = create_project(enrolment, by=request.user, **form.cleaned_data)
                update_project(project, by=request.user, formsets=formsets)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your change project has been created."))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "formsets": formsets, "enrolment": enrolment, "project": None},
    )


@login_required
def project_edit(request, pk):
    project = _owned_project(request.user, pk)
    if not project.plan_is_editable:
        return _refuse(
            request, project, _("The plan can only be changed while it is a draft or returned for revision.")
        )
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=project)
    formsets = project_formsets(project, data)
    if data is not None and _all_valid(form, formsets):
        fields, version = form.service_fields()
        try:
            update_project(project, by=request.user, formsets=formsets, expected_version=version, **fields)
        except StaleVersion as error:
            form.show_stale(error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "formsets": formsets, "enrolment": project.enrolment, "project": project},
    )


def _all_valid(form, formsets) -> bool:
    results = [form.is_valid()] + [formset.is_valid() for formset in formsets]
    return all(results)


@login_required
@require_POST
def transition(request, pk, name):
    project = _visible_project(request.user, pk)
    if name not in TRANSITIONS:
        raise Http404
    if name == "complete" and request.POST.get("confirmed") != "yes" and _only_later_milestones_open(project):
        messages.warning(request, _("Milestones are still open: confirm that the project is complete anyway."))
        return redirect(f"{project.get_absolute_url()}#project-actions")
    try:
        apply_transition(project, name, by=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        if hasattr(error, "error_dict") and "comment" in error.error_dict:
            return redirect("mentors:review", pk=project.pk)
        return redirect(project)
    messages.success(request, _("The project is now “%(status)s”.") % {"status": _status_label(project, name)})
    return redirect(project)


def _only_later_milestones_open(project) -> bool:
    """Open medium- or long-term milestones only: allowed, but asked to be confirmed (short-term ones bar it)."""
    still_open = milestones_still_open(project)
    return bool(still_open) and all(m.horizon != Milestone.Horizon.SHORT for m in still_open)


def _status_label(project, name) -> str:
    return ChangeProject.Status(TRANSITIONS[name].target).label

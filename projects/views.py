"""The participant's pages: dashboard, project design, milestones, budget, updates and evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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
from evidence.downloads import download

from . import services
from .forms import (
    BudgetLineForm,
    MilestoneForm,
    ProgressUpdateForm,
    ProjectForm,
    add_service_errors,
    project_formsets,
)
from .models import BudgetLine, ChangeProject, Evidence, Milestone

TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit to mentor"),
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return for revision"),
    "start": gettext_lazy("Start implementation"),
    "complete": gettext_lazy("Mark as completed"),
}
REVIEW_TRANSITIONS = {"approve", "return"}


def transition_buttons(project: ChangeProject, user) -> list[dict]:
    """The POST buttons this user may press on the project now (approve/return live on the review page)."""
    return [
        {"name": name, "label": TRANSITION_LABELS[name], "url": reverse("projects:transition", args=[project.pk, name])}
        for name in services.allowed_transitions(project, user)
        if name not in REVIEW_TRANSITIONS
    ]


def _visible_project(user, pk, queryset=None) -> ChangeProject:
    queryset = queryset if queryset is not None else ChangeProject.objects.all()
    return get_object_or_404(
        queryset.visible_to(user).select_related(
            "enrolment__participant__user",
            "enrolment__participant__agency__government__parent",
            "enrolment__cohort__rule_set",
        ),
        pk=pk,
    )


def _owned_project(user, pk) -> ChangeProject:
    """The project if the user may see it (else 404) and owns it (else 403)."""
    project = _visible_project(user, pk)
    if not access.can_edit_project(user, project):
        raise PermissionDenied(_("Only the participant who owns this project can change it."))
    return project


def _refuse(request, project: ChangeProject, message: str):
    messages.error(request, message)
    return redirect(project)


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
    budget_lines = list(project.budget_lines.all())
    totals = {
        name: sum(getattr(line, name) or 0 for line in budget_lines) for name in ("planned", "approved", "realised")
    }
    is_owner = access.can_edit_project(request.user, project)
    context = {
        "project": project,
        "horizons": horizons,
        "budget_lines": budget_lines,
        "totals": totals,
        "updates": project.updates.select_related("milestone", "author").prefetch_related("evidence"),
        "transitions": project.transitions.select_related("by"),
        "is_owner": is_owner,
        "can_edit_plan": is_owner and project.plan_is_editable,
        "can_edit_milestones": is_owner and project.milestones_are_editable,
        "can_post_update": is_owner and project.accepts_updates,
        "can_review": access.can_review_project(request.user, project),
        "buttons": transition_buttons(project, request.user),
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
                project = services.create_project(enrolment, by=request.user, **form.cleaned_data)
                services.update_project(project, by=request.user, formsets=formsets)
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
        try:
            services.update_project(project, by=request.user, formsets=formsets, **form.cleaned_data)
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
def milestone_create(request, pk):
    project = _owned_project(request.user, pk)
    return _milestone_form(request, project, Milestone(project=project))


@login_required
def milestone_edit(request, pk):
    milestone = get_object_or_404(_visible_milestones(request.user), pk=pk)
    project = milestone.project
    if not access.can_edit_project(request.user, project):
        raise PermissionDenied
    return _milestone_form(request, project, milestone)


def _visible_milestones(user):
    return Milestone.objects.visible_to(user).select_related(
        "project__enrolment__participant", "project__enrolment__cohort__rule_set"
    )


def _milestone_form(request, project: ChangeProject, milestone: Milestone):
    if not project.milestones_are_editable:
        return _refuse(request, project, _("Milestones cannot be changed while the project is with the mentor."))
    is_new = milestone.pk is None
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_milestone(
                project, by=request.user, milestone=None if is_new else milestone, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone has been saved."))
            return redirect(project)
    return render(request, "projects/milestone_form.html", {"form": form, "project": project, "is_new": is_new})


@login_required
def milestone_delete(request, pk):
    milestone = get_object_or_404(_visible_milestones(request.user), pk=pk)
    return _delete_row(
        request, milestone, services.delete_milestone, kind=_("milestone"), done=_("The milestone has been deleted.")
    )


def _delete_row(request, row, delete, *, kind, done):
    """Confirm, then delete one row of the owner's project through its service."""
    project = row.project
    if not access.can_edit_project(request.user, project):
        raise PermissionDenied
    if request.method == "POST":
        try:
            delete(row, by=request.user)
        except ValidationError as error:
            return _refuse(request, project, " ".join(error.messages))
        messages.success(request, done)
        return redirect(project)
    return render(request, "projects/confirm_delete.html", {"object": row, "project": project, "kind": kind})


@login_required
def budget_create(request, pk):
    project = _owned_project(request.user, pk)
    return _budget_form(request, project, BudgetLine(project=project))


@login_required
def budget_edit(request, pk):
    line = get_object_or_404(_visible_budget_lines(request.user), pk=pk)
    if not access.can_edit_project(request.user, line.project):
        raise PermissionDenied
    return _budget_form(request, line.project, line)


def _visible_budget_lines(user):
    return BudgetLine.objects.visible_to(user).select_related(
        "project__enrolment__participant", "project__enrolment__cohort"
    )


def _budget_form(request, project: ChangeProject, line: BudgetLine):
    if not project.milestones_are_editable:
        return _refuse(request, project, _("Budget lines cannot be changed while the project is with the mentor."))
    is_new = line.pk is None
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(project, by=request.user, line=None if is_new else line, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line has been saved."))
            return redirect(project)
    return render(request, "projects/budget_form.html", {"form": form, "project": project, "is_new": is_new})


@login_required
def budget_delete(request, pk):
    line = get_object_or_404(_visible_budget_lines(request.user), pk=pk)
    return _delete_row(
        request, line, services.delete_budget_line, kind=_("budget line"), done=_("The budget line has been deleted.")
    )


@login_required
def update_create(request, pk):
    project = _owned_project(request.user, pk)
    if not project.accepts_updates:
        return _refuse(request, project, _("Progress can be reported once the mentor has approved the project."))
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES, project=project)
    else:
        initial = {"happened_on": timezone.localdate(), "milestone": request.GET.get("milestone")}
        form = ProgressUpdateForm(project=project, initial=initial)
    if form.is_valid():
        try:
            services.post_update(project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your progress update has been posted."))
            return redirect("projects:dashboard")
    return render(request, "projects/update_form.html", {"form": form, "project": project})


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    return download(evidence)


@login_required
@require_POST
def transition(request, pk, name):
    project = _visible_project(request.user, pk)
    if name not in services.TRANSITIONS:
        raise Http404
    try:
        services.apply_transition(project, name, by=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        if hasattr(error, "error_dict") and "comment" in error.error_dict:
            return redirect("mentors:review", pk=project.pk)
        return redirect(project)
    messages.success(request, _("The project is now “%(status)s”.") % {"status": _status_label(project, name)})
    return redirect(project)


def _status_label(project, name) -> str:
    return ChangeProject.Status(services.TRANSITIONS[name].target).label

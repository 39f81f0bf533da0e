"""The budget's approval (by the rule set's approver) and realisation (by the participant), and the commitment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from diklat import access
from evidence.downloads import download

from ..confirmation_forms import BudgetApprovalForm, BudgetRealisationForm, CommitmentForm
from ..forms import add_service_errors
from ..models import BudgetEvidence, BudgetLine, CommitmentScan, Signatory
from ..services.budget import approve_budget_line, approver_label, realise_budget_line
from ..services.commitments import record_commitment
from .common import _owned_project


def _line(user, pk) -> BudgetLine:
    return get_object_or_404(
        BudgetLine.objects.visible_to(user).select_related(
            "project__enrolment__participant__user", "project__enrolment__cohort__rule_set"
        ),
        pk=pk,
    )


def _page(request, form, line, *, title, status=200):
    context = {"form": form, "line": line, "project": line.project, "title": title}
    return render(request, "projects/budget_confirm.html", context, status=status)


@login_required
def budget_approve(request, pk):
    """The mentor or organiser staff (as the rule set says) approve a line with its budget document."""
    line = _line(request.user, pk)
    if not access.can_approve_budget(request.user, line.project):
        raise PermissionDenied(_("Only %(who)s approves this budget.") % {"who": approver_label(line.project)})
    initial = {"approved": line.approved if line.approved is not None else line.planned}
    form = BudgetApprovalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            approve_budget_line(line, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line has been approved."))
            return redirect(line.project)
    return _page(request, form, line, title=_("Approve the budget line"), status=400 if form.errors else 200)


@login_required
def budget_realise(request, pk):
    """The participant records what was spent on an approved line, with the SP2D or receipt."""
    line = _line(request.user, pk)
    if not access.can_edit_project(request.user, line.project):
        raise PermissionDenied(_("Only the participant who owns this project can change it."))
    if line.approved is None:
        messages.error(request, _("This line is not approved yet: record the realisation once it is approved."))
        return redirect(line.project)
    form = BudgetRealisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            realise_budget_line(line, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The realisation has been recorded."))
            return redirect(line.project)
    return _page(request, form, line, title=_("Record the realisation"), status=400 if form.errors else 200)


@login_required
def budget_evidence(request, pk):
    return download(get_object_or_404(BudgetEvidence.objects.visible_to(request.user), pk=pk))


@login_required
def commitment_create(request, pk):
    """The participant records the written commitment for medium- and long-term work."""
    project = _owned_project(request.user, pk)
    mentor = project.enrolment.assignments.filter(role="mentor").select_related("user").first()
    initial = {
        f"{Signatory.Role.PARTICIPANT}_name": project.enrolment.participant.user.get_full_name(),
        f"{Signatory.Role.PARTICIPANT}_nip": project.enrolment.participant.nip or "",
        f"{Signatory.Role.MENTOR}_name": mentor.user.get_full_name() if mentor else "",
    }
    form = CommitmentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_commitment(
                project,
                by=request.user,
                signed_on=data["signed_on"],
                summary=data["summary"],
                signatories=form.signatories(),
                files=data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The written commitment has been recorded."))
            return redirect(project)
    context = {"form": form, "project": project}
    return render(request, "projects/commitment_form.html", context, status=400 if form.errors else 200)


@login_required
def commitment_scan(request, pk):
    return download(get_object_or_404(CommitmentScan.objects.visible_to(request.user), pk=pk))

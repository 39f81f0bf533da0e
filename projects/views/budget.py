"""The budget pages: adding, changing and deleting a budget line of the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from diklat import access
from diklat.versioning import StaleVersion

from ..forms import BudgetLineForm, add_service_errors
from ..models import BudgetLine, ChangeProject
from ..services.budget import delete_budget_line, save_budget_line
from .common import _delete_row, _owned_project, _refuse


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
        fields, version = form.service_fields()
        try:
            save_budget_line(
                project, by=request.user, line=None if is_new else line, expected_version=version, **fields
            )
        except StaleVersion as error:
            form.show_stale(error)
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
        request, line, delete_budget_line, kind=_("budget line"), done=_("The budget line has been deleted.")
    )

"""The milestone pages: adding, changing and deleting a milestone of the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from diklat import access
from diklat.versioning import StaleVersion

from ..forms import MilestoneForm, add_service_errors
from ..models import ChangeProject, Milestone
from ..services.milestones import delete_milestone, save_milestone
from .common import _delete_row, _owned_project, _refuse


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
        fields, version = form.service_fields()
        try:
            save_milestone(
                project, by=request.user, milestone=None if is_new else milestone, expected_version=version, **fields
            )
        except StaleVersion as error:
            form.show_stale(error)
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
        request, milestone, delete_milestone, kind=_("milestone"), done=_("The milestone has been deleted.")
    )

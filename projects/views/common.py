"""Helpers shared by the participant's pages: finding the project, refusing a change, deleting a row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from diklat import access
from diklat.versioning import StaleVersion

from ..models import ChangeProject
from ..stale_forms import posted_version, stale_messages


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


def _delete_row(request, row, delete, *, kind, done):
    """Confirm, then delete one row of the owner's project through its service."""
    project = row.project
    if not access.can_edit_project(request.user, project):
        raise PermissionDenied
    if request.method == "POST":
        try:
            delete(row, by=request.user, expected_version=posted_version(request))
        except StaleVersion as error:
            return _refuse(request, project, " ".join(stale_messages(error)))
        except ValidationError as error:
            return _refuse(request, project, " ".join(error.messages))
        messages.success(request, done)
        return redirect(project)
    return render(request, "projects/confirm_delete.html", {"object": row, "project": project, "kind": kind})

"""What every change to a project checks first: the row locked, its owner, its state, the fields it may set."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from diklat import access
from people.models import User

from ..models import ChangeProject


def _locked(project: ChangeProject) -> ChangeProject:
    return ChangeProject.objects.select_for_update().select_related("enrolment__cohort__rule_set").get(pk=project.pk)


def _require_owner(user: User, project: ChangeProject) -> None:
    if not access.can_edit_project(user, project):
        raise PermissionDenied(_("Only the participant who owns this project can change it."))


def _assign(instance, values: dict, allowed: Sequence[str]) -> list[str]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"unexpected fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)
    return list(values)


def _require_milestones_editable(project: ChangeProject) -> None:
    if not project.milestones_are_editable:
        raise ValidationError(
            _("Milestones and budget lines cannot be changed while the project is “%(status)s”.")
            % {"status": project.get_status_display()}
        )

"""The plan's milestones: adding, changing and deleting them, their status kept consistent with progress."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat.history import attribute
from diklat.versioning import check_version
from people.models import User

from ..models import ChangeProject, Milestone
from .guards import _assign, _locked, _require_milestones_editable, _require_owner

MILESTONE_FIELDS = (
    "horizon",
    "activity",
    "output",
    "responsible",
    "start_date",
    "target_date",
    "weight",
    "status",
    "progress",
    "estimated_cost",
)


def _settle_milestone_status(milestone: Milestone, today: datetime.date) -> None:
    """Keep status, progress and completion date consistent with each other."""
    if milestone.status == Milestone.Status.CANCELLED:
        return
    if milestone.progress == 100 or milestone.status == Milestone.Status.DONE:
        milestone.status, milestone.progress = Milestone.Status.DONE, 100
        milestone.completed_on = milestone.completed_on or today
        return
    milestone.completed_on = None
    if milestone.progress and milestone.status == Milestone.Status.PLANNED:
        milestone.status = Milestone.Status.IN_PROGRESS


@transaction.atomic
def save_milestone(
    project: ChangeProject,
    *,
    by: User,
    milestone: Milestone | None = None,
    expected_version: int | None = None,
    **fields,
) -> Milestone:
    """Add a milestone to the plan, or change one (from ``expected_version``, when the caller knows it)."""
    project = _locked(project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    if milestone is None:
        milestone = Milestone(project=project)
    elif milestone.project_id != project.pk:
        raise PermissionDenied
    else:
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        check_version(milestone, expected_version)
    _assign(milestone, fields, MILESTONE_FIELDS)
    milestone.project = project
    _settle_milestone_status(milestone, timezone.localdate())
    milestone.full_clean()
    attribute(milestone, by=by)
    milestone.save()
    return milestone


@transaction.atomic
def delete_milestone(milestone: Milestone, *, by: User, expected_version: int | None = None) -> None:
    """Delete a milestone of the plan, unless progress was reported on it.

    A progress update that moved the milestone keeps its before/after figures only with the
    milestone they measured (``keep_recorded_progress``): that history stays, and the milestone
    is cancelled instead. Updates that only mention it let go of it.
    """
    project = _locked(milestone.project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    check_version(Milestone.objects.select_for_update().get(pk=milestone.pk), expected_version)
    if milestone.has_recorded_progress():
        raise ValidationError(
            _(
                "This milestone has recorded progress in the project's updates, so it cannot be deleted: "
                "set its status to “Cancelled” instead."
            ),
            code="milestone_has_progress",
        )
    attribute(milestone, by=by)
    milestone.delete()

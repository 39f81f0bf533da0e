"""Budget lines of a project's plan, in whole rupiah."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from diklat.history import attribute
from people.models import User

from ..models import BudgetLine, ChangeProject
from .guards import _assign, _locked, _require_milestones_editable, _require_owner

BUDGET_FIELDS = ("source", "fiscal_year", "description", "document_reference", "planned", "approved", "realised")


@transaction.atomic
def save_budget_line(project: ChangeProject, *, by: User, line: BudgetLine | None = None, **fields) -> BudgetLine:
    """Add or change a budget line (amounts in whole rupiah)."""
    project = _locked(project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    if line is None:
        line = BudgetLine(project=project)
    elif line.project_id != project.pk:
        raise PermissionDenied
    _assign(line, fields, BUDGET_FIELDS)
    line.project = project
    line.full_clean()
    attribute(line, by=by)
    line.save()
    return line


@transaction.atomic
def delete_budget_line(line: BudgetLine, *, by: User) -> None:
    project = _locked(line.project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    attribute(line, by=by)
    line.delete()

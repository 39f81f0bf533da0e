"""Budget lines in whole rupiah: the participant plans, the rule set's approver approves, the participant realises."""

import datetime
from collections.abc import Sequence
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat import access
from diklat.formatting import rupiah
from diklat.history import attribute
from diklat.versioning import check_version
from evidence.checks import check_evidence
from people.models import User

from ..models import BudgetEvidence, BudgetLine, ChangeProject
from ..tasks import notify_budget_approved
from .guards import _assign, _locked, _require_milestones_editable, _require_owner

BUDGET_FIELDS = ("source", "fiscal_year", "description", "planned")
# What an approval rests on: once approved, the line's money is no longer the participant's to change.
APPROVED_FIELDS = ("source", "fiscal_year", "planned")


def approver_label(project: ChangeProject) -> str:
    """Who approves this project's budget, in words."""
    return project.enrolment.cohort.rule_set.get_budget_approver_display()


@transaction.atomic
def save_budget_line(
    project: ChangeProject,
    *,
    by: User,
    line: BudgetLine | None = None,
    expected_version: int | None = None,
    **fields,
) -> BudgetLine:
    """Add or change the plan of a budget line (amounts in whole rupiah)."""
    project = _locked(project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    if line is None:
        line = BudgetLine(project=project)
    elif line.project_id != project.pk:
        raise PermissionDenied
    else:
        line = BudgetLine.objects.select_for_update().get(pk=line.pk)
        check_version(line, expected_version)
        changed = [name for name in APPROVED_FIELDS if name in fields and fields[name] != getattr(line, name)]
        if line.approved is not None and changed:
            raise ValidationError(
                {
                    name: _("This line is approved (%(document)s): its source, fiscal year and planned amount stay.")
                    % {"document": line.document_reference}
                    for name in changed
                }
            )
    _assign(line, fields, BUDGET_FIELDS)
    line.project = project
    line.full_clean()
    attribute(line, by=by)
    line.save()
    return line


@transaction.atomic
def delete_budget_line(line: BudgetLine, *, by: User, expected_version: int | None = None) -> None:
    project = _locked(line.project)
    _require_owner(by, project)
    _require_milestones_editable(project)
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    check_version(line, expected_version)
    if line.approved is not None:
        raise ValidationError(_("An approved budget line cannot be deleted."))
    attribute(line, by=by)
    line.delete()


def _locked_line(line: BudgetLine) -> BudgetLine:
    return (
        BudgetLine.objects.select_for_update(of=("self",))
        .select_related("project__enrolment__participant", "project__enrolment__cohort__rule_set")
        .get(pk=line.pk)
    )


@transaction.atomic
def approve_budget_line(
    line: BudgetLine,
    *,
    by: User,
    approved: int | None,
    document_reference: str,
    document_date: datetime.date | None,
    expected_version: int | None = None,
) -> BudgetLine:
    """Record the approved amount of a line with its budget document (e.g. the DPA), by the rule set's approver."""
    line = _locked_line(line)
    project = line.project
    if access.is_owner(by, project):
        raise PermissionDenied(
            _("The participant cannot approve their own budget: %(who)s approves it.")
            % {"who": approver_label(project)}
        )
    if not access.can_approve_budget(by, project):
        raise PermissionDenied(_("Only %(who)s approves this budget.") % {"who": approver_label(project)})
    check_version(line, expected_version)
    if line.realised is not None:
        raise ValidationError(_("This line's realisation is recorded: its approval can no longer change."))
    errors = {}
    if approved is None:
        errors["approved"] = _("Give the approved amount.")
    elif approved <= 0:
        errors["approved"] = _(
            "The approved amount must be more than Rp 0: a line that was not funded is deleted or planned again."
        )
    document_reference = (document_reference or "").strip()
    if not document_reference:
        errors["document_reference"] = _("Give the budget document (e.g. the DPA number).")
    if document_date is None:
        errors["document_date"] = _("Give the date of the budget document.")
    elif document_date > timezone.localdate():
        errors["document_date"] = _("The budget document cannot be dated in the future.")
    elif not line.fiscal_year - 1 <= document_date.year <= line.fiscal_year:
        # The budget of year Y is passed late in Y-1 and set out (DPA, its changes) during Y.
        errors["document_date"] = _(
            "A budget document for fiscal year %(year)s is dated in %(before)s or %(year)s, not %(date)s."
        ) % {"year": line.fiscal_year, "before": line.fiscal_year - 1, "date": f"{document_date:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    line.approved, line.document_reference, line.document_date = approved, document_reference, document_date
    line.approved_by, line.approved_at = by, timezone.now()
    line.full_clean()
    attribute(line, by=by)
    line.save(update_fields=["approved", "document_reference", "document_date", "approved_by", "approved_at"])
    transaction.on_commit(partial(notify_budget_approved.enqueue, line.pk))
    return line


@transaction.atomic
def realise_budget_line(
    line: BudgetLine,
    *,
    by: User,
    realised: int | None,
    realisation_reference: str,
    overrun_reason: str = "",
    files: Sequence = (),
    expected_version: int | None = None,
) -> BudgetLine:
    """Record what was spent on an approved line, with the SP2D or receipt and its scan (the participant)."""
    line = _locked_line(line)
    _require_owner(by, line.project)
    check_version(line, expected_version)
    if line.approved is None:
        raise ValidationError(
            {"realised": _("This line is not approved yet: record the realisation once it is approved.")}
        )
    errors: dict[str, list[str]] = {}
    if realised is None:
        errors["realised"] = [_("Give the realised amount.")]
    elif realised < 0:
        errors["realised"] = [_("The realised amount cannot be negative.")]
    realisation_reference = (realisation_reference or "").strip()
    overrun_reason = (overrun_reason or "").strip()
    if not realisation_reference:
        errors["realisation_reference"] = [_("Give the SP2D or receipt number.")]
    if realised is not None and realised > line.approved and not overrun_reason:
        errors["overrun_reason"] = [
            _("%(realised)s is more than the approved %(approved)s: say why.")
            % {"realised": rupiah(realised), "approved": rupiah(line.approved)}
        ]
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_evidence(uploaded)))
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if not checked and "files" not in errors and not line.evidence.exists():
        errors["files"] = [_("Attach the scan of the SP2D or receipt.")]
    if errors:
        raise ValidationError(errors)
    line.realised, line.realisation_reference, line.overrun_reason = realised, realisation_reference, overrun_reason
    line.realised_at = timezone.now()
    line.full_clean()
    attribute(line, by=by)
    line.save(update_fields=["realised", "realisation_reference", "overrun_reason", "realised_at"])
    for uploaded, info in checked:
        evidence = BudgetEvidence(line=line, uploaded_by=by)
        evidence.attach(uploaded, info)
        evidence.save()
    return line

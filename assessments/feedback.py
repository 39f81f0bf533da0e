"""Every change to feedback items: giving, following through, verifying — and the money of budget feedback."""

import datetime
from collections.abc import Sequence
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from diklat import access as diklat_access
from diklat.history import attribute
from diklat.versioning import check_version
from evidence.checks import check_evidence
from mentors.models import Assignment
from people.models import User
from projects.models import BudgetLine, ChangeProject, Milestone

from .models import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem, Presentation
from .tasks import notify_feedback_event

Status = FeedbackItem.Status

# (from, to) → who may move it: "owner" (the participant) or "giver" (who gave the feedback).
MOVES = {
    (Status.OPEN, Status.ACCEPTED): "owner",
    (Status.OPEN, Status.IN_PROGRESS): "owner",
    (Status.ACCEPTED, Status.IN_PROGRESS): "owner",
    (Status.OPEN, Status.IMPLEMENTED): "owner",
    (Status.ACCEPTED, Status.IMPLEMENTED): "owner",
    (Status.IN_PROGRESS, Status.IMPLEMENTED): "owner",
    (Status.REJECTED, Status.IN_PROGRESS): "owner",
    (Status.IMPLEMENTED, Status.VERIFIED): "giver",
    (Status.IMPLEMENTED, Status.REJECTED): "giver",
}

# The step the workflow expects next from each status: the one offered as the main button. The others
# (skipping ahead, say from open straight to implemented) stay possible, but are not what a tap should do.
NEXT_MOVE = {
    Status.OPEN: Status.ACCEPTED,
    Status.ACCEPTED: Status.IN_PROGRESS,
    Status.REJECTED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.IMPLEMENTED,
    Status.IMPLEMENTED: Status.VERIFIED,
}


def may_give_feedback(user: User, project: ChangeProject) -> bool:
    """Panel members of the participant give feedback: mentor, coach, examiners, session examiners."""
    if not user.is_authenticated:
        return False
    if Assignment.objects.filter(enrolment_id=project.enrolment_id, user=user).exists():
        return True
    return Presentation.objects.filter(enrolment_id=project.enrolment_id, session__examiners=user).exists()


def allowed_moves(item: FeedbackItem, user: User) -> list[str]:
    owner = diklat_access.is_owner(user, item.project)
    giver = item.given_by_id == user.pk
    return [
        target
        for (source, target), who in MOVES.items()
        if source == item.status and ((who == "owner" and owner) or (who == "giver" and giver))
    ]


@transaction.atomic
def give_feedback(
    project: ChangeProject,
    *,
    by: User,
    category: str,
    text: str,
    owner: str,
    due_date: datetime.date,
    milestone: Milestone | None = None,
    presentation: Presentation | None = None,
    budget: dict | None = None,
) -> FeedbackItem:
    """Record a panel member's feedback on a project; budget feedback carries its amounts."""
    if not may_give_feedback(by, project):
        raise PermissionDenied(_("Only the participant's panel can give feedback on this project."))
    errors = {}
    if milestone is not None and milestone.project_id != project.pk:
        errors["milestone"] = [_("This milestone belongs to another project.")]
    if presentation is not None and presentation.enrolment_id != project.enrolment_id:
        errors["presentation"] = [_("This presentation is not this participant's.")]
    if category == FeedbackItem.Category.BUDGET and not budget:
        errors["amount_requested"] = [_("Budget feedback needs the amount asked for, the fiscal year and the source.")]
    if errors:
        raise ValidationError(errors)
    item = FeedbackItem(
        project=project,
        given_by=by,
        category=category,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        milestone=milestone,
        presentation=presentation,
    )
    item.full_clean()
    attribute(item, by=by)
    item.save()
    given = FeedbackEvent.objects.create(item=item, from_status="", to_status=item.status, by=by)
    transaction.on_commit(partial(notify_feedback_event.enqueue, given.pk))
    if category == FeedbackItem.Category.BUDGET:
        _save_budget(item, budget, by=by)
    return item


def _save_budget(item: FeedbackItem, values: dict, *, by: User) -> BudgetFeedback:
    values = dict(values)
    lines = values.pop("budget_lines", None)
    budget = getattr(item, "budget", None) or BudgetFeedback(item=item)
    for name, value in values.items():
        setattr(budget, name, value)
    budget.full_clean(exclude=["item"])
    if lines is not None:
        errors = line_errors(item.project_id, budget.fiscal_year, lines)
        if errors:
            raise ValidationError({"budget_lines": errors})
    attribute(budget, by=by)
    budget.save()
    if lines is not None:
        budget.budget_lines.set(lines)
    return budget


def line_errors(project_id: int, fiscal_year: int | None, lines: Sequence[BudgetLine]) -> list[str]:
    """Why these lines cannot answer budget feedback of this project and fiscal year (empty when they can)."""
    errors = []
    if any(line.project_id != project_id for line in lines):
        errors.append(_("Link only budget lines of this project."))
    other_years = [line for line in lines if fiscal_year is not None and line.fiscal_year != fiscal_year]
    if other_years:
        errors.append(
            _("The feedback is for fiscal year %(year)s; these lines are of another year: %(lines)s.")
            % {"year": fiscal_year, "lines": "; ".join(str(line) for line in other_years)}
        )
    return errors


def _move(item: FeedbackItem, target: str, *, by: User, note: str = "") -> None:
    event = FeedbackEvent.objects.create(item=item, from_status=item.status, to_status=target, by=by, note=note)
    transaction.on_commit(partial(notify_feedback_event.enqueue, event.pk))
    item.status, item.status_note = target, note
    attribute(item, by=by, reason=note)
    item.save(update_fields=["status", "status_note", "updated_at"])


@transaction.atomic
def move_feedback(
    item: FeedbackItem,
    target: str,
    *,
    by: User,
    note: str = "",
    files: Sequence = (),
    expected_version: int | None = None,
) -> FeedbackItem:
    """Move a feedback item along open → accepted → in progress → implemented → verified (or rejected)."""
    item = FeedbackItem.objects.select_for_update().select_related("project__enrolment__participant").get(pk=item.pk)
    check_version(item, expected_version)  # first: a move from an old status would be refused for the wrong reason
    who = MOVES.get((item.status, target))
    if who is None:
        raise ValidationError(
            _("Feedback that is “%(status)s” cannot become “%(target)s”.")
            % {
                "status": item.get_status_display(),
                "target": Status(target).label if target in Status.values else target,
            }
        )
    if who == "giver" and item.given_by_id != by.pk:
        raise PermissionDenied(_("Only the person who gave this feedback can verify or reject it."))
    if who == "owner" and not diklat_access.is_owner(by, item.project):
        raise PermissionDenied(_("Only the participant can report progress on this feedback."))
    note = note.strip()
    errors: dict[str, list[str]] = {}
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_evidence(uploaded)))
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if target == Status.IMPLEMENTED and not (checked or item.evidence.exists() or _budget_documented(item)):
        errors.setdefault("files", []).append(_("Attach evidence of the implementation."))
    if target == Status.REJECTED and not note:
        errors["note"] = [_("Say why the implementation is rejected.")]
    if errors:
        raise ValidationError(errors)
    for uploaded, info in checked:
        evidence = FeedbackEvidence(item=item, uploaded_by=by)
        evidence.attach(uploaded, info)
        evidence.save()
    _move(item, target, by=by, note=note)
    return item


def _budget_documented(item: FeedbackItem) -> bool:
    """Realised money is documented by its lines: each realisation carries its SP2D or receipt and scan."""
    budget = getattr(item, "budget", None)
    return bool(budget and budget.amount_realised)


@transaction.atomic
def record_budget_progress(
    item: FeedbackItem,
    *,
    by: User,
    document_reference: str | None = None,
    budget_lines: Sequence[BudgetLine] | None = None,
) -> FeedbackItem:
    """Link the budget lines that answer budget feedback; its status follows their money.

    Its approved and realised figures are the sums of those lines (approved by the rule set's
    approver, realised with evidence): approved → accepted, partly realised → in progress, every
    linked line realised up to its approval → implemented. Calling it again brings the status up to
    what the lines say now.
    """
    item = FeedbackItem.objects.select_for_update().select_related("project__enrolment__participant").get(pk=item.pk)
    if item.category != FeedbackItem.Category.BUDGET:
        raise ValidationError(_("Only budget feedback has amounts."))
    if not (diklat_access.is_owner(by, item.project) or item.given_by_id == by.pk):
        raise PermissionDenied(_("Only the participant or the person who gave this feedback can record its money."))
    if item.status in (Status.VERIFIED,):
        raise ValidationError(_("Verified feedback cannot change any more."))
    values = {
        name: value
        for name, value in (("document_reference", document_reference), ("budget_lines", budget_lines))
        if value is not None
    }
    budget = _save_budget(item, values, by=by)
    lines = list(budget.budget_lines.all())
    target = _status_for_money(
        budget.amount_approved, budget.amount_realised, all_realised=all(line.realised is not None for line in lines)
    )
    order = [Status.OPEN, Status.ACCEPTED, Status.IN_PROGRESS, Status.IMPLEMENTED]
    if item.status in order and target in order and order.index(target) > order.index(item.status):
        documents = ", ".join(line.document_reference for line in lines if line.approved is not None)
        _move(item, target, by=by, note=_("Budget recorded: %(document)s") % {"document": documents or "—"})
    return item


def _status_for_money(approved: int | None, realised: int | None, *, all_realised: bool = True) -> str:
    if approved and realised is not None and realised >= approved and all_realised:
        return Status.IMPLEMENTED
    if realised:
        return Status.IN_PROGRESS
    if approved:
        return Status.ACCEPTED
    return Status.OPEN

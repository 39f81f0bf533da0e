"""A project's change history as one timeline: the project, its milestones, budget lines, feedback and panel.

Read from django-simple-history's tables: one query per kind of row, whatever the number of changes,
then each row is compared with the one before it of the same object. Values of related rows are
named afterwards in one query per related model, for the entries on the page only.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import BudgetFeedback, FeedbackItem
from diklat.formatting import rupiah
from mentors.models import Assignment
from regions.models import Agency

from .models import BudgetLine, ChangeProject, Commitment, Milestone

# Kept in the history, but no news to a reader: timestamps the save sets, and the row's parent.
NOT_SHOWN = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "status_changed_at",
    "approved_at",
    "realised_at",
    "project",
    "enrolment",
    "item",
    "presentation",
}
MONEY = {"planned", "approved", "realised", "estimated_cost", "amount_requested", "amount_approved", "amount_realised"}
ACTIONS = {"+": gettext_lazy("added"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}
# Related rows whose name needs another row: joined when they are named.
JOINS = {Agency: ["government"]}


@dataclass
class Change:
    field: models.Field
    old: object
    new: object
    old_text: str = ""
    new_text: str = ""

    @property
    def label(self) -> str:
        return capfirst(self.field.verbose_name)


@dataclass
class Entry:
    at: datetime.datetime
    by: object
    kind: str
    model: type
    object_id: int
    label: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    earlier_unknown: bool = False

    @property
    def subject(self) -> str:
        return capfirst(self.model._meta.verbose_name)

    @property
    def action(self) -> str:
        return ACTIONS[self.kind]


def _sources(project: ChangeProject):
    """(model, its history rows for this project, how a row is named)."""
    feedback = FeedbackItem.history.filter(project_id=project.pk)
    return [
        (ChangeProject, ChangeProject.history.filter(id=project.pk), lambda row: row.title),
        (Milestone, Milestone.history.filter(project_id=project.pk), lambda row: row.activity),
        (
            BudgetLine,
            BudgetLine.history.filter(project_id=project.pk),
            lambda row: f"{row.description} ({row.fiscal_year})",
        ),
        (FeedbackItem, feedback, lambda row: row.text[:80]),
        (
            BudgetFeedback,
            BudgetFeedback.history.filter(item_id__in=feedback.values("id")),
            lambda row: f"{row.get_source_display()} {row.fiscal_year}",
        ),
        (
            Assignment,
            Assignment.history.filter(enrolment_id=project.enrolment_id).select_related("user"),
            lambda row: f"{row.get_role_display()}: {row.user}",
        ),
    ]


def _shown_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


def _entries_of(model, rows, name) -> list[Entry]:
    fields = _shown_fields(model)
    entries, previous = [], {}
    for row in rows.select_related("history_user").order_by("history_date", "history_id"):
        before = previous.get(row.id)
        previous[row.id] = row
        entry = Entry(
            at=row.history_date,
            by=row.history_user,
            kind=row.history_type,
            model=model,
            object_id=row.id,
            label=name(row),
            reason=row.history_change_reason or "",
        )
        if row.history_type == "~" and before is None:
            entry.earlier_unknown = True
        elif row.history_type == "~":
            entry.changes = [
                Change(f, getattr(before, f.attname), getattr(row, f.attname))
                for f in fields
                if getattr(before, f.attname) != getattr(row, f.attname)
            ]
            if not entry.changes and not entry.reason:
                continue  # saved without a change worth telling
        elif row.history_type == "+":
            entry.changes = [
                Change(f, None, getattr(row, f.attname)) for f in fields if getattr(row, f.attname) not in (None, "")
            ]
        entries.append(entry)
    return entries


def _commitments(project: ChangeProject) -> list[Entry]:
    """Written commitments never change once recorded: each is one entry, when and by whom it was recorded."""
    fields = [Commitment._meta.get_field(name) for name in ("signed_on", "summary")]
    return [
        Entry(
            at=commitment.recorded_at,
            by=commitment.recorded_by,
            kind="+",
            model=Commitment,
            object_id=commitment.pk,
            label=str(commitment),
            reason="",
            changes=[Change(f, None, getattr(commitment, f.attname)) for f in fields if getattr(commitment, f.attname)],
        )
        for commitment in project.commitments.select_related("recorded_by")
    ]


def project_timeline(project: ChangeProject) -> list[Entry]:
    """Every recorded change of the project and the rows that hang from it, newest first."""
    entries = _commitments(project)
    for model, rows, name in _sources(project):
        entries.extend(_entries_of(model, rows, name))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def _text(field_: models.Field, value, related: dict) -> str:
    if value is None or value == "":
        return "—"
    if field_.is_relation:
        target = related.get(field_.related_model, {}).get(value)
        return str(target) if target is not None else f"#{value}"
    if field_.name in MONEY:
        return rupiah(value)
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{local:%d-%m-%Y %H:%M} {local.tzname()}"
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def describe(entries) -> None:
    """Put each change's old and new value into words, naming related rows in one query per model."""
    wanted: dict[type, set] = {}
    for entry in entries:
        for change in entry.changes:
            if change.field.is_relation:
                ids = wanted.setdefault(change.field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    related = {}
    for model, ids in wanted.items():
        rows = model._default_manager.all()
        if model in JOINS:
            rows = rows.select_related(*JOINS[model])
        related[model] = rows.in_bulk(ids)
    for entry in entries:
        for change in entry.changes:
            change.old_text = _text(change.field, change.old, related)
            change.new_text = _text(change.field, change.new, related)


def changes_since(instance, version: int) -> list[Entry]:
    """What was saved to ``instance`` after ``version``, newest first, in words (for a refused stale edit)."""
    model = type(instance)
    rows = model.history.filter(id=instance.pk, version__gte=version)
    # The first row is the version the editor saw: the baseline of the comparison, not a change.
    entries = [entry for entry in _entries_of(model, rows, str) if entry.kind == "~" and not entry.earlier_unknown]
    describe(entries)
    entries.reverse()
    return entries

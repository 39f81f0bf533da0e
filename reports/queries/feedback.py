"""Feedback follow-through: items by category and status, budget money, overdue items, time to implement."""

from statistics import mean, median

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import BudgetFeedback, FeedbackEvent, FeedbackItem
from diklat.access import among
from projects.models import BudgetSource

from ..rawlists import Cell, ColumnSpec, RawList
from ..tables import Column, Kind, ReportTable
from . import feedback_items, today

UNRESOLVED = ~Q(status__in=FeedbackItem.RESOLVED)


def unrealised_amount():
    """What is still to be realised of one budget feedback: approved (else asked) less realised, never below 0.

    Approved and realised are the sums of its linked budget lines (``with_line_totals``)."""
    return Greatest(Coalesce("lines_approved", "amount_requested") - Coalesce("lines_realised", Value(0)), Value(0))


def by_category_status(form) -> ReportTable:
    """Per category: items in each status, overdue ones, and the total."""
    day = today()
    statuses = FeedbackItem.Status.values
    figures = {
        row["category"]: row
        for row in feedback_items(form)
        .order_by()
        .values("category")
        .annotate(
            **{status: Count("pk", filter=Q(status=status)) for status in statuses},
            overdue=Count("pk", filter=UNRESOLVED & Q(due_date__lt=day)),
            total=Count("pk"),
        )
    }
    keys = [*statuses, "overdue", "total"]
    rows = [
        {"category": label, "category_code": value, **{key: figures.get(value, {}).get(key, 0) for key in keys}}
        for value, label in FeedbackItem.Category.choices
    ]
    return ReportTable(
        name="feedback-by-category-status",
        phone=("category", "open", "overdue", "total"),
        title=_("Feedback items by category and status"),
        columns=[
            Column("category", _("Category")),
            *[Column(value, label, Kind.INTEGER) for value, label in FeedbackItem.Status.choices],
            Column("overdue", _("Overdue"), Kind.INTEGER),
            Column("total", _("Total"), Kind.INTEGER),
        ],
        rows=rows,
    )


def budget_rows(form):
    return BudgetFeedback.objects.filter(among("item", feedback_items(form).values("pk"))).with_line_totals()


def budget_amounts(form) -> ReportTable:
    """Per fiscal year and source: rupiah asked for, approved, realised and still unrealised."""
    sources = dict(BudgetSource.choices)
    grouped = (
        budget_rows(form)
        .order_by()
        .values("fiscal_year", "source")
        .annotate(
            items=Count("pk"),
            asked=Sum("amount_requested"),
            approved=Coalesce(Sum("lines_approved"), Value(0)),
            realised=Coalesce(Sum("lines_realised"), Value(0)),
            unrealised=Sum(unrealised_amount()),
        )
        .order_by("fiscal_year", "source")
    )
    rows = [
        {
            "fiscal_year": row["fiscal_year"],
            "source": sources.get(row["source"], row["source"]),
            "items": row["items"],
            "asked": int(row["asked"] or 0),
            "approved": int(row["approved"]),
            "realised": int(row["realised"]),
            "unrealised": int(row["unrealised"] or 0),
        }
        for row in grouped
    ]
    return ReportTable(
        name="feedback-budget-amounts",
        phone=("fiscal_year", "source", "approved", "unrealised"),
        title=_("Budget feedback amounts"),
        columns=[
            Column("fiscal_year", _("Fiscal year"), Kind.INTEGER),
            Column("source", _("Source")),
            Column("items", _("Items"), Kind.INTEGER),
            Column("asked", _("Asked for"), Kind.RUPIAH),
            Column("approved", _("Approved"), Kind.RUPIAH),
            Column("realised", _("Realised"), Kind.RUPIAH),
            Column("unrealised", _("Unrealised"), Kind.RUPIAH),
        ],
        rows=rows,
    )


SOURCES = dict(BudgetSource.choices)
STATUSES = dict(FeedbackItem.Status.choices)
CATEGORIES = dict(FeedbackItem.Category.choices)


def source_label(source: str):
    return SOURCES.get(source, source)


def user_name(user: str) -> Cell:
    """A user's name as ``User.__str__`` prints it (full name, else username), from a ``.values()`` row."""
    return lambda row, today: row[f"{user}__full_name"] or row[f"{user}__username"]


def days_overdue(row, today) -> int:
    return (today - row["due_date"]).days


def budget_overdue(row, today) -> bool:
    return row["item__status"] not in FeedbackItem.RESOLVED and row["item__due_date"] < today


UNREALISED_BUDGET = RawList(
    name="feedback-unrealised-budget",
    phone=("project", "unrealised", "due_date"),
    title=_("Budget feedback still unrealised"),
    columns=(
        ColumnSpec("project", _("Project"), read="item__project__title"),
        ColumnSpec("participant", _("Participant"), read=user_name("item__project__enrolment__participant__user")),
        ColumnSpec("agency", _("Agency"), read="item__project__agency__name"),
        ColumnSpec("government", _("Regional government"), read="item__project__agency__government__name"),
        ColumnSpec("fiscal_year", _("Fiscal year"), Kind.INTEGER),
        ColumnSpec("source", _("Source"), show=source_label),
        ColumnSpec("document", _("Budget document"), read="document_reference"),
        ColumnSpec("asked", _("Asked for"), Kind.RUPIAH, read="amount_requested"),
        ColumnSpec("approved", _("Approved"), Kind.RUPIAH, read="lines_approved"),
        ColumnSpec("realised", _("Realised"), Kind.RUPIAH, read="lines_realised"),
        ColumnSpec("unrealised", _("Unrealised"), Kind.RUPIAH, show=int),
        ColumnSpec("status", _("Status"), read="item__status", show=STATUSES.__getitem__),
        ColumnSpec("due_date", _("Due date"), Kind.DATE, read="item__due_date"),
        ColumnSpec("overdue", _("Overdue"), read=budget_overdue),
    ),
    note=_(
        "Approved and realised are the sums of the linked budget lines. Unrealised = approved (else asked for) "
        "less realised. Only items with money still unrealised."
    ),
)


def unrealised_budget(form, limit: int | None = None) -> ReportTable:
    """Each budget feedback item with money still unrealised, the largest amount first."""
    day = today()
    items = (
        budget_rows(form)
        .annotate(unrealised=unrealised_amount())
        .filter(unrealised__gt=0)
        .values(
            "pk",
            "item__project__title",
            "item__project__enrolment__participant__user__full_name",
            "item__project__enrolment__participant__user__username",
            "item__project__agency__name",
            "item__project__agency__government__name",
            "fiscal_year",
            "source",
            "document_reference",
            "amount_requested",
            "lines_approved",
            "lines_realised",
            "unrealised",
            "item__status",
            "item__due_date",
        )
        .order_by("-unrealised", "item__due_date", "pk")
    )
    if limit is not None:
        items = items[:limit]
    return UNREALISED_BUDGET.table(items, day, listed=True)


def unrealised_total(form) -> int:
    return int(budget_rows(form).aggregate(total=Sum(unrealised_amount()))["total"] or 0)


OVERDUE_ITEMS = RawList(
    name="feedback-overdue-items",
    phone=("project", "category", "days_overdue"),
    title=_("Overdue feedback items"),
    columns=(
        ColumnSpec("project", _("Project"), read="project__title"),
        ColumnSpec("participant", _("Participant"), read=user_name("project__enrolment__participant__user")),
        ColumnSpec("category", _("Category"), show=CATEGORIES.__getitem__),
        ColumnSpec("status", _("Status"), show=STATUSES.__getitem__),
        ColumnSpec("text", _("Feedback")),
        ColumnSpec("due_date", _("Due date"), Kind.DATE),
        ColumnSpec("days_overdue", _("Days overdue"), Kind.INTEGER, read=days_overdue),
        ColumnSpec("given_by", _("Given by"), read=user_name("given_by")),
    ),
)


def overdue_items(form) -> ReportTable:
    """Unresolved items past their due date, the longest overdue first."""
    day = today()
    items = (
        feedback_items(form)
        .overdue(day)
        .values(
            "pk",
            "project__title",
            "project__enrolment__participant__user__full_name",
            "project__enrolment__participant__user__username",
            "category",
            "status",
            "due_date",
            "given_by__full_name",
            "given_by__username",
            "text",
        )
        .order_by("due_date", "pk")
    )
    return OVERDUE_ITEMS.table(items, day, listed=True)


def time_to_implement(form) -> ReportTable:
    """Per category: items implemented, and the mean and median days from given to first implemented."""
    implemented_at = (
        FeedbackEvent.objects.filter(item=OuterRef("pk"), to_status="implemented")
        .order_by()
        .values("item")
        .annotate(first=Min("at"))
        .values("first")
    )
    durations = (
        feedback_items(form)
        .annotate(implemented_at=Subquery(implemented_at))
        .filter(implemented_at__isnull=False)
        .order_by()
        .values_list("category", "created_at", "implemented_at")
    )
    days = {}
    for category, given, implemented in durations:
        elapsed = timezone.localdate(implemented) - timezone.localdate(given)
        days.setdefault(category, []).append(max(elapsed.days, 0))
    rows = [
        {
            "category": label,
            "category_code": value,
            "implemented": len(days.get(value, [])),
            "mean_days": round(mean(days[value]), 1) if value in days else None,
            "median_days": median(days[value]) if value in days else None,
        }
        for value, label in FeedbackItem.Category.choices
    ]
    return ReportTable(
        name="feedback-time-to-implement",
        title=_("Time to implement feedback"),
        columns=[
            Column("category", _("Category")),
            Column("implemented", _("Items implemented"), Kind.INTEGER),
            Column("mean_days", _("Mean days"), Kind.DECIMAL),
            Column("median_days", _("Median days"), Kind.DECIMAL),
        ],
        rows=rows,
    )


def open_and_overdue(form) -> dict:
    """Counts for the dashboard: unresolved items (rejected ones included), and overdue ones."""
    return feedback_items(form).aggregate(
        open=Count("pk", filter=UNRESOLVED),
        overdue=Count("pk", filter=UNRESOLVED & Q(due_date__lt=today())),
        total=Count("pk"),
    )

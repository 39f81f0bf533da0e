"""Feedback follow-through: items by category and status, budget money, overdue items, time to implement."""

from statistics import mean, median

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import BudgetFeedback, FeedbackEvent, FeedbackItem
from projects.models import BudgetSource

from ..tables import Column, Kind, ReportTable
from . import feedback_items, today

UNRESOLVED = ~Q(status__in=FeedbackItem.RESOLVED)


def unrealised_amount():
    """What is still to be realised of one budget feedback: approved (else asked) less realised, never below 0."""
    return Greatest(Coalesce("amount_approved", "amount_requested") - Coalesce("amount_realised", Value(0)), Value(0))


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
    return BudgetFeedback.objects.filter(item__in=feedback_items(form).values("pk"))


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
            approved=Coalesce(Sum("amount_approved"), Value(0)),
            realised=Coalesce(Sum("amount_realised"), Value(0)),
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


def unrealised_budget(form, limit: int | None = None) -> ReportTable:
    """Each budget feedback item with money still unrealised, the largest amount first."""
    day = today()
    sources = dict(BudgetSource.choices)
    statuses = dict(FeedbackItem.Status.choices)
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
            "amount_approved",
            "amount_realised",
            "unrealised",
            "item__status",
            "item__due_date",
        )
        .order_by("-unrealised", "item__due_date", "pk")
    )
    if limit is not None:
        items = items[:limit]
    rows = [
        {
            "project": item["item__project__title"],
            "participant": item["item__project__enrolment__participant__user__full_name"]
            or item["item__project__enrolment__participant__user__username"],
            "agency": item["item__project__agency__name"],
            "government": item["item__project__agency__government__name"],
            "fiscal_year": item["fiscal_year"],
            "source": sources.get(item["source"], item["source"]),
            "document": item["document_reference"],
            "asked": item["amount_requested"],
            "approved": item["amount_approved"],
            "realised": item["amount_realised"],
            "unrealised": int(item["unrealised"]),
            "status": statuses[item["item__status"]],
            "due_date": item["item__due_date"],
            "overdue": item["item__status"] not in FeedbackItem.RESOLVED and item["item__due_date"] < day,
        }
        for item in items
    ]
    return ReportTable(
        name="feedback-unrealised-budget",
        title=_("Budget feedback still unrealised"),
        columns=[
            Column("project", _("Project")),
            Column("participant", _("Participant")),
            Column("agency", _("Agency")),
            Column("government", _("Regional government")),
            Column("fiscal_year", _("Fiscal year"), Kind.INTEGER),
            Column("source", _("Source")),
            Column("document", _("Budget document")),
            Column("asked", _("Asked for"), Kind.RUPIAH),
            Column("approved", _("Approved"), Kind.RUPIAH),
            Column("realised", _("Realised"), Kind.RUPIAH),
            Column("unrealised", _("Unrealised"), Kind.RUPIAH),
            Column("status", _("Status")),
            Column("due_date", _("Due date"), Kind.DATE),
            Column("overdue", _("Overdue")),
        ],
        rows=rows,
        note=_("Unrealised = approved (else asked for) less realised. Only items with money still unrealised."),
    )


def unrealised_total(form) -> int:
    return int(budget_rows(form).aggregate(total=Sum(unrealised_amount()))["total"] or 0)


def overdue_items(form) -> ReportTable:
    """Unresolved items past their due date, the longest overdue first."""
    day = today()
    categories = dict(FeedbackItem.Category.choices)
    statuses = dict(FeedbackItem.Status.choices)
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
    rows = (
        {
            "project": item["project__title"],
            "participant": item["project__enrolment__participant__user__full_name"]
            or item["project__enrolment__participant__user__username"],
            "category": categories[item["category"]],
            "status": statuses[item["status"]],
            "text": item["text"],
            "due_date": item["due_date"],
            "days_overdue": (day - item["due_date"]).days,
            "given_by": item["given_by__full_name"] or item["given_by__username"],
        }
        for item in items
    )
    return ReportTable(
        name="feedback-overdue-items",
        title=_("Overdue feedback items"),
        columns=[
            Column("project", _("Project")),
            Column("participant", _("Participant")),
            Column("category", _("Category")),
            Column("status", _("Status")),
            Column("text", _("Feedback")),
            Column("due_date", _("Due date"), Kind.DATE),
            Column("days_overdue", _("Days overdue"), Kind.INTEGER),
            Column("given_by", _("Given by")),
        ],
        rows=list(rows),
    )


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

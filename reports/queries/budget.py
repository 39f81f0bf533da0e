"""The budget of the change projects: planned, approved and realised per source and fiscal year, from the lines."""

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from diklat.access import among
from projects.models import BudgetLine, BudgetSource

from ..tables import Column, Kind, ReportTable
from . import percent, projects


def budget_lines(form):
    """The budget lines of the projects the reader may report on, narrowed by the filters."""
    return BudgetLine.objects.filter(among("project", projects(form).values("pk")))


def by_source_and_year(form) -> ReportTable:
    """Per fiscal year and source: rupiah planned, approved (with its document) and realised (with evidence)."""
    sources = dict(BudgetSource.choices)
    grouped = (
        budget_lines(form)
        .order_by()
        .values("fiscal_year", "source")
        .annotate(
            lines=Count("pk"),
            awaiting=Count("pk", filter=Q(approved__isnull=True)),
            planned=Coalesce(Sum("planned"), Value(0)),
            approved=Coalesce(Sum("approved"), Value(0)),
            realised=Coalesce(Sum("realised"), Value(0)),
        )
        .order_by("fiscal_year", "source")
    )
    rows = [
        {
            "fiscal_year": row["fiscal_year"],
            "source": sources.get(row["source"], row["source"]),
            "lines": row["lines"],
            "awaiting": row["awaiting"],
            "planned": int(row["planned"]),
            "approved": int(row["approved"]),
            "realised": int(row["realised"]),
            "realised_share": percent(int(row["realised"]), int(row["approved"])),
        }
        for row in grouped
    ]
    return ReportTable(
        name="budget-by-source-and-year",
        phone=("fiscal_year", "source", "approved", "realised_share"),
        title=_("Budget planned, approved and realised per source and fiscal year"),
        columns=[
            Column("fiscal_year", _("Fiscal year"), Kind.INTEGER),
            Column("source", _("Source")),
            Column("lines", _("Budget lines"), Kind.INTEGER),
            Column("awaiting", _("Awaiting approval"), Kind.INTEGER),
            Column("planned", _("Planned"), Kind.RUPIAH),
            Column("approved", _("Approved"), Kind.RUPIAH),
            Column("realised", _("Realised"), Kind.RUPIAH),
            Column("realised_share", _("Realised of approved (%)"), Kind.PERCENT),
        ],
        rows=rows,
        note=_(
            "Approved: set by the approver the rule set names, with the budget document (e.g. the DPA). "
            "Realised: recorded by the participant with the SP2D or receipt."
        ),
    )

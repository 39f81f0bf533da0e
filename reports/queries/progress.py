"""Cohort progress: milestones done on time, late, overdue and open per horizon; projects by status."""

from django.db.models import Count, F, FloatField, Q, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from projects.models import ChangeProject, Milestone

from ..tables import Column, Kind, ReportTable
from . import milestones, percent, projects, today

OPEN = ["planned", "in_progress"]


def milestones_by_horizon(form) -> ReportTable:
    """Per horizon: milestones done by their target date, done after it, overdue, not yet due, cancelled."""
    day = today()
    figures = {
        row["horizon"]: row
        for row in milestones(form)
        .order_by()
        .values("horizon")
        .annotate(
            done_on_time=Count("pk", filter=Q(status="done", completed_on__lte=F("target_date"))),
            done_late=Count("pk", filter=Q(status="done", completed_on__gt=F("target_date"))),
            overdue=Count("pk", filter=Q(status__in=OPEN, target_date__lt=day)),
            open=Count("pk", filter=Q(status__in=OPEN, target_date__gte=day)),
            cancelled=Count("pk", filter=Q(status="cancelled")),
            total=Count("pk"),
        )
    }
    keys = ("done_on_time", "done_late", "overdue", "open", "cancelled", "total")
    rows = [
        {"horizon": label, "horizon_code": value, **{key: figures.get(value, {}).get(key, 0) for key in keys}}
        for value, label in Milestone.Horizon.choices
    ]
    return ReportTable(
        name="progress-milestones-by-horizon",
        phone=("horizon", "done_on_time", "overdue", "total"),
        title=_("Milestones per horizon"),
        columns=[
            Column("horizon", _("Horizon")),
            Column("done_on_time", _("Done on time"), Kind.INTEGER),
            Column("done_late", _("Done late"), Kind.INTEGER),
            Column("overdue", _("Overdue"), Kind.INTEGER),
            Column("open", _("Open, not yet due"), Kind.INTEGER),
            Column("cancelled", _("Cancelled"), Kind.INTEGER),
            Column("total", _("Total"), Kind.INTEGER),
        ],
        rows=rows,
    )


def projects_by_status(form) -> ReportTable:
    """Projects per workflow status, every status listed."""
    counts = dict(projects(form).order_by().values_list("status").annotate(n=Count("pk")))
    total = sum(counts.values())
    rows = [
        {
            "status": label,
            "status_code": value,
            "count": counts.get(value, 0),
            "share": percent(counts.get(value, 0), total),
        }
        for value, label in ChangeProject.Status.choices
    ]
    return ReportTable(
        name="progress-projects-by-status",
        title=_("Projects by status"),
        columns=[
            Column("status", _("Status")),
            Column("count", _("Projects"), Kind.INTEGER),
            Column("share", _("Share"), Kind.PERCENT),
        ],
        rows=rows,
    )


def overall_progress(form) -> float | None:
    """Weighted mean progress of every milestone in scope (cancelled ones left out), in percent."""
    figures = (
        milestones(form)
        .exclude(status="cancelled")
        .aggregate(total_weight=Sum("weight"), earned=Sum(Cast(F("weight") * F("progress"), FloatField())))
    )
    if not figures["total_weight"]:
        return None
    return round(figures["earned"] / figures["total_weight"], 1)

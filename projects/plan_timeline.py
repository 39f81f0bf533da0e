"""A project's plan over time: each milestone as a bar, per horizon, with today and the seminars marked.

Positions are shares of the whole span (0–100), so the page draws the chart with plain CSS at any width,
and a phone shows the same chart as a laptop, only narrower.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import ChangeProject, Milestone


@dataclass(frozen=True)
class Bar:
    milestone: Milestone
    left: float
    width: float
    overdue: bool


@dataclass(frozen=True)
class Marker:
    label: str
    date: datetime.date
    left: float
    kind: str  # "today" or "seminar": drawn differently


@dataclass
class Timeline:
    starts: datetime.date
    ends: datetime.date
    horizons: list[tuple[str, list[Bar]]] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    months: list[tuple[datetime.date, float]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(bars for _label, bars in self.horizons)


def timeline_of(project: ChangeProject, milestones: list[Milestone], today: datetime.date) -> Timeline:
    """The project's milestones (cancelled ones left out) on one time axis from the first start to the last end."""
    cohort = project.enrolment.cohort
    kept = [m for m in milestones if m.status != Milestone.Status.CANCELLED]
    seminars = [
        (label, day)
        for label, day in (
            (_("Design seminar"), cohort.design_seminar_date),
            (_("Results seminar"), cohort.results_seminar_date),
        )
        if day is not None
    ]
    days = [m.start_date for m in kept] + [m.target_date for m in kept] + [day for _label, day in seminars]
    starts, ends = (min(days), max(days)) if days else (today, today)
    ends = max(ends, starts + datetime.timedelta(days=1))
    span = (ends - starts).days

    def share(day: datetime.date) -> float:
        return round(100 * (day - starts).days / span, 2)

    timeline = Timeline(starts=starts, ends=ends)
    for horizon in Milestone.Horizon:
        bars = [
            Bar(m, share(m.start_date), max(share(m.target_date) - share(m.start_date), 0.5), m.is_overdue(today))
            for m in sorted(
                (m for m in kept if m.horizon == horizon), key=lambda m: (m.start_date, m.target_date, m.pk)
            )
        ]
        timeline.horizons.append((horizon.label, bars))
    if starts <= today <= ends:
        timeline.markers.append(Marker(_("Today"), today, share(today), "today"))
    timeline.markers += [Marker(label, day, share(day), "seminar") for label, day in seminars]
    timeline.months = [(month, share(month)) for month in _month_starts(starts, ends, most=6)]
    return timeline


def _month_starts(starts: datetime.date, ends: datetime.date, *, most: int) -> list[datetime.date]:
    """First days of the months inside the span, thinned to at most ``most`` ticks so that labels never collide."""
    month = datetime.date(starts.year, starts.month, 1)
    found = []
    while month <= ends:
        if month >= starts:
            found.append(month)
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = -(-len(found) // most) if found else 1
    return found[::step]

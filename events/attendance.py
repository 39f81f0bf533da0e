"""Attendance figures: who came each day, who was excused, and the attendance and commitment rates.

Attendance rate: invitees present on at least one day, of all invitees. Commitment rate: present
or excused (apologies with a reason), of all invitees — the heads who took the invitation seriously.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from .models import AgendaSession, CheckIn, Event, Invitee


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Row:
    invitee: Invitee
    days: dict[datetime.date, CheckIn] = field(default_factory=dict)  # the day's arrival

    @property
    def present(self) -> bool:
        return bool(self.days)

    @property
    def excused(self) -> bool:
        return not self.present and self.invitee.response == Invitee.Response.APOLOGISED


@dataclass
class Attendance:
    event: Event
    rows: list[Row]

    @property
    def invited(self) -> int:
        return len(self.rows)

    @property
    def present(self) -> int:
        return sum(row.present for row in self.rows)

    @property
    def excused(self) -> int:
        return sum(row.excused for row in self.rows)

    @property
    def absent_without_reason(self) -> list[Row]:
        return [row for row in self.rows if not row.present and not row.excused]

    @property
    def absentees(self) -> list[Row]:
        """Everyone who did not come, excused first (with their reason), as the printed list names them."""
        return [row for row in self.rows if row.excused] + self.absent_without_reason

    @property
    def attendance_rate(self) -> float | None:
        return _rate(self.present, self.invited)

    @property
    def commitment_rate(self) -> float | None:
        return _rate(self.present + self.excused, self.invited)

    def day_counts(self) -> list[tuple[datetime.date, int, int]]:
        """(day, present, late) for each day of the event."""
        return [
            (
                day,
                sum(day in row.days for row in self.rows),
                sum(row.days[day].late for row in self.rows if day in row.days),
            )
            for day in self.event.days
        ]


def attendance(event: Event) -> Attendance:
    """Every invitee with their arrivals, in three queries whatever the size of the event."""
    arrivals = CheckIn.objects.filter(session__isnull=True).order_by("day")
    invitees = (
        event.invitees.select_related("user", "agency", "group")
        .prefetch_related(Prefetch("check_ins", queryset=arrivals, to_attr="arrivals"))
        .order_by("agency__name", "user__full_name", "pk")
    )
    rows = [Row(invitee, {check_in.day: check_in for check_in in invitee.arrivals}) for invitee in invitees]
    return Attendance(event, rows)


def session_counts(event: Event) -> list[AgendaSession]:
    """Each agenda session with how many checked in to it, and how many of them late: one query."""
    return list(
        event.sessions.annotate(
            present=Count("check_ins"), late=Count("check_ins", filter=Q(check_ins__late=True))
        ).order_by("day", "starts_at")
    )

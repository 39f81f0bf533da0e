"""Which reminder an item is due for on a recipient's local date.

Each offset opens a slot: with offsets 7, 3, 1 and 0, the "7 days before" slot opens seven days
before the due date. Past the due date the slots are weeks: the day itself opens week 0, the
seventh day late week 1, and so on. A slot is reminded on the day it opens and for `catch_up`
days after, so that a day on which the daily run did not happen is caught up the next day, while
an item that stays overdue for months costs the daily run nothing between its weekly reminders.
"""

import datetime
from dataclasses import dataclass

CATCH_UP_DAYS = 1


@dataclass(frozen=True)
class Occasion:
    slot: str  # part of the reminder's key
    days_left: int  # negative when overdue


def _fresh(age: int, catch_up: int) -> bool:
    return 0 <= age <= catch_up


def ahead(
    due: datetime.date, today: datetime.date, offsets: list[int], *, catch_up: int = CATCH_UP_DAYS
) -> Occasion | None:
    """The slot before (or on) the due date that opened today (or `catch_up` days ago); else None."""
    days_left = (due - today).days
    if days_left < 0:
        return None
    slots = [offset for offset in sorted(offsets) if offset >= days_left]
    if not slots or not _fresh(slots[0] - days_left, catch_up):
        return None
    return Occasion(f"h-{slots[0]}", days_left)


def overdue(
    due: datetime.date,
    today: datetime.date,
    every: int,
    *,
    from_days: int = 1,
    prefix: str = "late",
    catch_up: int = CATCH_UP_DAYS,
) -> Occasion | None:
    """Every `every` days once the item is at least `from_days` days late (with 7: days 1–6 are week 0)."""
    days_late = (today - due).days
    if days_late < from_days or days_late < 0:
        return None
    slot = days_late // every
    if not _fresh(days_late - max(slot * every, from_days), catch_up):
        return None
    return Occasion(f"{prefix}-{slot}", -days_late)


def ahead_then_overdue(
    due: datetime.date, today: datetime.date, offsets: list[int], every: int, *, catch_up: int = CATCH_UP_DAYS
) -> Occasion | None:
    """Before the date by the offsets, then weekly: the first week late is the on-the-day slot's."""
    days_left = (due - today).days
    if days_left >= 0:
        return ahead(due, today, offsets, catch_up=catch_up)
    days_late = -days_left
    weeks = days_late // every
    if not _fresh(days_late - weeks * every, catch_up):
        return None
    return Occasion("h-0" if weeks == 0 and 0 in offsets else f"late-{weeks}", days_left)

"""Which reminder an item is due for on a recipient's local date.

Each offset opens a slot that lasts until the next one: with offsets 7, 3, 1 and 0, an item due
in five days is in the "7 days before" slot. A day on which the daily run did not happen is
therefore caught up the next day, and a run on any day of a slot finds the slot's key taken.
Past the due date the slots are weeks: the day itself and the six after it, then week 1, 2…
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Occasion:
    slot: str  # part of the reminder's key
    days_left: int  # negative when overdue


def ahead(due: datetime.date, today: datetime.date, offsets: list[int]) -> Occasion | None:
    """The slot before (or on) the due date that today falls in; None when it is further off."""
    days_left = (due - today).days
    if days_left < 0:
        return None
    slots = [offset for offset in sorted(offsets) if offset >= days_left]
    return Occasion(f"h-{slots[0]}", days_left) if slots else None


def overdue(
    due: datetime.date, today: datetime.date, every: int, *, from_days: int = 1, prefix: str = "late"
) -> Occasion | None:
    """Every `every` days once the item is at least `from_days` days late (with 7: days 1–6 are week 0)."""
    days_late = (today - due).days
    if days_late < from_days or days_late < 0:
        return None
    return Occasion(f"{prefix}-{days_late // every}", -days_late)


def ahead_then_overdue(due: datetime.date, today: datetime.date, offsets: list[int], every: int) -> Occasion | None:
    """Before the date by the offsets, then weekly: the first week late is the on-the-day slot's."""
    days_left = (due - today).days
    if days_left >= 0:
        return ahead(due, today, offsets)
    weeks = (-days_left) // every
    return Occasion("h-0" if weeks == 0 and 0 in offsets else f"late-{weeks}", days_left)

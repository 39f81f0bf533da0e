"""Which reminder is due on a local date: each offset at its boundary, then weekly while overdue."""

import datetime

import pytest

from notifications.reminders.occasions import ahead, ahead_then_overdue, overdue

DUE = datetime.date(2027, 3, 15)
OFFSETS = [7, 3, 1, 0]


def on(days_before: int) -> datetime.date:
    return DUE - datetime.timedelta(days=days_before)


def slot_of(occasion):
    return occasion.slot if occasion else None


@pytest.mark.parametrize(
    ("days_before", "slot"),
    [
        (8, None),
        (7, "h-7"),
        (6, "h-7"),
        (5, None),
        (4, None),
        (3, "h-3"),
        (2, "h-3"),
        (1, "h-1"),
        (0, "h-0"),
        (-1, None),
    ],
)
def test_ahead_opens_each_slot_on_its_day_and_catches_it_up_the_next(days_before, slot):
    occasion = ahead(DUE, on(days_before), OFFSETS)
    assert slot_of(occasion) == slot
    if occasion:
        assert occasion.days_left == days_before


@pytest.mark.parametrize(
    ("days_before", "slot"),
    [
        (0, "h-0"),
        (-1, "h-0"),
        (-2, None),
        (-6, None),
        (-7, "late-1"),
        (-8, "late-1"),
        (-13, None),
        (-14, "late-2"),
        (-70, "late-10"),
    ],
)
def test_after_the_day_the_reminder_repeats_weekly(days_before, slot):
    assert slot_of(ahead_then_overdue(DUE, on(days_before), OFFSETS, 7)) == slot


@pytest.mark.parametrize(
    ("days_late", "slot"), [(0, None), (1, "late-0"), (2, "late-0"), (3, None), (7, "late-1"), (15, "late-2")]
)
def test_the_mentor_hears_from_the_first_day_late_then_weekly(days_late, slot):
    assert slot_of(overdue(DUE, DUE + datetime.timedelta(days=days_late), 7)) == slot


@pytest.mark.parametrize(
    ("days_late", "slot"), [(29, None), (30, "long-1"), (31, "long-1"), (45, None), (60, "long-2")]
)
def test_staff_hear_of_long_overdue_feedback_monthly(days_late, slot):
    occasion = overdue(DUE, DUE + datetime.timedelta(days=days_late), 30, from_days=30, prefix="long")
    assert slot_of(occasion) == slot


def test_without_catch_up_only_the_day_itself_counts_and_with_more_the_slot_lasts_longer():
    assert ahead(DUE, on(6), OFFSETS, catch_up=0) is None
    assert slot_of(ahead(DUE, on(4), OFFSETS, catch_up=3)) == "h-7"
    assert slot_of(ahead_then_overdue(DUE, on(-3), OFFSETS, 7, catch_up=3)) == "h-0"


def test_other_offsets_are_honoured():
    assert slot_of(ahead(DUE, on(14), [14, 2])) == "h-14"
    assert slot_of(ahead(DUE, on(2), [14, 2])) == "h-2"
    assert ahead(DUE, on(15), [14, 2]) is None

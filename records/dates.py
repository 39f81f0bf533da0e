"""Dates as Indonesian official documents write them: "2 Desember 2026"."""

import datetime

# The official record is in Indonesian whatever the reader's language, so these are not translated.
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def long_date(day: datetime.date) -> str:
    """2 Desember 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def place_and_date(city: str, day: datetime.date) -> str:
    """The line above the signatures: "Makassar, 2 Desember 2026"."""
    return f"{city}, {long_date(day)}" if city else long_date(day)


DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def day_and_date(day: datetime.date) -> str:
    """Rabu, 2 Desember 2026."""
    return f"{DAYS[day.weekday()]}, {long_date(day)}"

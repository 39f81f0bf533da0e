"""Quarters as Indonesian offices write them: "TW II 2027" (triwulan), the fiscal year in four.

A due date given as a quarter is its last day; the label goes back next to such a date, so that a
commitment written "TW II 2027" still reads so on the page.
"""

import calendar
import datetime

ROMAN = ("I", "II", "III", "IV")


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = quarter * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def label(year: int, quarter: int) -> str:
    return f"TW {ROMAN[quarter - 1]} {year}"


def label_ahead(day: datetime.date, ahead: int) -> str:
    """The quarter ``ahead`` quarters after the one holding ``day``: TW I 2027 + 2 → "TW III 2027"."""
    index = day.year * 4 + quarter_of(day) - 1 + ahead
    return label(index // 4, index % 4 + 1)


def label_if_quarter_end(day: datetime.date | None) -> str:
    """ "TW II 2027" for 30 June 2027, "" for a day that ends no quarter."""
    if day is None or day != quarter_end(day.year, quarter_of(day)):
        return ""
    return label(day.year, quarter_of(day))

"""How a value becomes a spreadsheet cell, whatever the format: numbers as numbers, local times, inert text.

Text that a spreadsheet would run as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or
carriage return, or their full-width forms) is made inert.
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and their full-width forms


def neutralise(text: str) -> str:
    """Make text that a spreadsheet would run as a formula inert by prefixing a single quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def local(value: datetime.datetime) -> datetime.datetime:
    """A naive local time: spreadsheets know no time zones."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def as_text(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def month_name(day: datetime.date) -> str:
    """ "Januari 2026" in Indonesian: a month as offices write it, not "01-2026"."""
    return formats.date_format(day, "F Y")

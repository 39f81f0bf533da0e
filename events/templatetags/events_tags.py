"""Small template helpers of the events' pages."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def arrival_on(row, day):
    """The attendance row's arrival on that day, or None."""
    return row.days.get(day)


@register.filter
def percent(value):
    """83.9 → "83,9%" with the locale's decimal mark; None (nothing to divide by) → "—"."""
    if value is None:
        return "—"
    return f"{formats.number_format(value, 1)}%"

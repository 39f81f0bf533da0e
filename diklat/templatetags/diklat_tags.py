"""Template filters shared by every page."""

from django import template

from diklat.formatting import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """{{ line.planned|rupiah }} -> Rp 3.800.000"""
    return format_rupiah(amount)


@register.filter
def pct(value):
    """A percentage as a whole number for bar widths and <progress> values: 45.5 -> '46', None -> '0'."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return str(round(min(max(number, 0.0), 100.0)))


@register.simple_tag
def user_nav(user):
    """Which sections the header links to: the participant's project, the mentor's list, the admin."""
    if not user.is_authenticated:
        return {}
    return {
        "participant": hasattr(user, "participant"),
        "panel": user.assignments.exists(),
        "admin": user.is_staff,
    }

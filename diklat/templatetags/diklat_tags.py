"""Template filters shared by every page."""

from django import template

from diklat.formatting import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """{{ line.planned|rupiah }} -> Rp 3.800.000"""
    return format_rupiah(amount)

"""An item that may be due for a reminder, before its recipient's local date decides which one."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .occasions import Occasion

Rule = Callable[..., Occasion | None]  # (due, local today, *, catch_up) → occasion
Texts = Callable[[Occasion], tuple[str, str]]  # occasion → (title, body)


@dataclass(frozen=True)
class Candidate:
    kind: str
    item: str  # what is due, e.g. "milestone:12": part of the key
    recipient_id: int
    due: datetime.date
    rule: Rule
    texts: Texts
    link: str
    cohort_id: int | None


def in_days(days_left: int) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days ago' (for the reminder's text)."""
    if days_left == 0:
        return _("today")
    if days_left == 1:
        return _("tomorrow")
    if days_left > 0:
        return ngettext("in %(days)d day", "in %(days)d days", days_left) % {"days": days_left}
    return ngettext("%(days)d day ago", "%(days)d days ago", -days_left) % {"days": -days_left}

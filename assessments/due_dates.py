"""Due dates as people write them: a date, or a quarter such as "TW II 2027" or "Q2 2027" (its last day)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from diklat.quarters import quarter_end

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
QUARTER_PATTERN = re.compile(
    r"^(?:Q|TW|TRIWULAN|KUARTAL|QUARTER)\s*-?\s*(?P<quarter>[1-4]|IV|III|II|I)\s*[/\-\s]\s*(?P<year>\d{4})$",
    re.IGNORECASE,
)
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def _plausible_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise ValidationError(_("The year %(year)s is not plausible.") % {"year": year}, code="due_year")
    return year


def parse_due_date(text: str) -> datetime.date:
    """Read "TW II 2027", "Q2 2027", "Triwulan 3 2027", "2027-06-30" or "30-06-2027"."""
    cleaned = " ".join((text or "").split())
    match = QUARTER_PATTERN.match(cleaned)
    if match:
        raw_quarter = match["quarter"].upper()
        quarter = ROMAN_QUARTERS.get(raw_quarter) or int(raw_quarter)
        return quarter_end(_plausible_year(int(match["year"])), quarter)
    for date_format in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(cleaned, date_format).date()
        except ValueError:
            continue
        _plausible_year(parsed.year)
        return parsed
    raise ValidationError(
        _("Write a date (30-06-2027) or a quarter (TW II 2027); “%(text)s” is neither.") % {"text": text},
        code="due_format",
    )

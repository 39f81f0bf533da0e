"""The civil-servant number (NIP): 18 digits that embed a birth date, a start of service and a sex."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NIP_LENGTH = 18


@dataclass(frozen=True)
class Nip:
    digits: str
    birth_date: datetime.date
    service_start: datetime.date
    sex: int
    serial: int

    def __str__(self):
        return self.formatted

    @property
    def formatted(self) -> str:
        """Group the digits the way they are printed: 19701218 199603 2 001."""
        d = self.digits
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


def normalise(raw: str) -> str:
    """Drop the spaces, dots and dashes people type between the groups."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nip(raw: str) -> Nip:
    """Return the parts of a NIP, or raise ValidationError saying what is wrong with it."""
    digits = normalise(raw)
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationError(_("A NIP contains digits only."), code="nip_not_digits")
    if len(digits) != NIP_LENGTH:
        raise ValidationError(
            _("A NIP has 18 digits; this one has %(count)d.") % {"count": len(digits)}, code="nip_length"
        )
    try:
        birth_date = datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("Digits 1–8 of a NIP are a birth date (YYYYMMDD); %(value)s is not a date.") % {"value": digits[:8]},
            code="nip_birth_date",
        ) from None
    try:
        service_start = datetime.date(int(digits[8:12]), int(digits[12:14]), 1)
    except ValueError:
        raise ValidationError(
            _("Digits 9–14 of a NIP are the start of service (YYYYMM); %(value)s is not a month.")
            % {"value": digits[8:14]},
            code="nip_service_start",
        ) from None
    sex = int(digits[14])
    if sex not in (1, 2):
        raise ValidationError(
            _("Digit 15 of a NIP is the sex: 1 (male) or 2 (female), not %(value)s.") % {"value": sex},
            code="nip_sex",
        )
    serial = int(digits[15:])
    if serial == 0:
        raise ValidationError(_("Digits 16–18 of a NIP are a serial from 001 to 999."), code="nip_serial")
    if birth_date.year < 1900 or birth_date > datetime.date.today():
        raise ValidationError(_("The birth date in this NIP is not plausible."), code="nip_birth_date")
    # Civil servants are recruited from age 18; the service start cannot precede it.
    if service_start < birth_date.replace(day=1).replace(year=birth_date.year + 18):
        raise ValidationError(
            _("The start of service in this NIP comes before the holder turned 18."), code="nip_service_start"
        )
    if service_start > datetime.date.today():
        raise ValidationError(_("The start of service in this NIP is in the future."), code="nip_service_start")
    return Nip(digits, birth_date, service_start, sex, serial)


def validate_nip(value: str) -> None:
    parse_nip(value)

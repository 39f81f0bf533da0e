"""Indonesian mobile numbers: the ways people write them, reduced to one form (+628…) or refused with a reason.

Indonesia's numbering plan: a mobile number is 0 (the trunk prefix) and a national significant number of
9 to 12 digits that begins 8 and a digit from 1 to 9 (0812-3456-7890 → +62 812 3456 7890). Numbers that begin
080 are service numbers (0800 toll-free, 0809 premium), not mobiles. Geographic (landline) numbers begin with
an area code from 02 to 07 or 09 (021 Jakarta, 0361 Denpasar, 0967 Jayapura): WhatsApp cannot reach them.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

COUNTRY_CODE = "62"
MIN_DIGITS, MAX_DIGITS = 9, 12  # the national significant number, after the 0 or +62
SEPARATORS = re.compile(r"[\s.\-/()\u00a0]")


def national_significant_number(raw: str) -> str:
    """Return the digits after 0 or +62, or raise ValidationError saying what is wrong with the number."""
    typed = (raw or "").strip()
    if not typed:
        raise ValidationError(_("Enter a mobile number."), code="mobile_empty")
    if any(character.isalpha() for character in typed):
        raise ValidationError(_("A mobile number has digits only; remove the letters."), code="mobile_letters")
    plus = typed.startswith("+")
    digits = SEPARATORS.sub("", typed[1:] if plus else typed)
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationError(
            _("A mobile number has digits only (spaces, dashes, dots and brackets between them are fine)."),
            code="mobile_characters",
        )
    if plus or digits.startswith(COUNTRY_CODE + "8") or digits.startswith(COUNTRY_CODE + "08"):
        if not digits.startswith(COUNTRY_CODE):
            raise ValidationError(
                _("Only Indonesian mobile numbers can be used: start with 08 or +628."), code="mobile_not_indonesian"
            )
        digits = digits[len(COUNTRY_CODE) :]
        # "+62 (0)812 …": the trunk 0 written after the country code, as on many business cards.
        if digits.startswith("0"):
            digits = digits[1:]
    elif digits.startswith("0"):
        digits = digits[1:]
    # Otherwise the number was typed without its 0 (812…), as people do when a form prints +62 before the box.
    return _checked(digits)


def _checked(digits: str) -> str:
    if digits[:1] in {"2", "3", "4", "5", "6", "7", "9"}:
        raise ValidationError(
            _("0%(number)s is a landline number; a WhatsApp number must be a mobile number (starting 08 or +628).")
            % {"number": digits},
            code="mobile_landline",
        )
    if digits.startswith("80"):
        raise ValidationError(
            _("Numbers starting 080 are service numbers (toll-free, premium), not mobile numbers."),
            code="mobile_service_number",
        )
    if not digits.startswith("8"):
        raise ValidationError(
            _("This is not a mobile number: Indonesian mobile numbers start 08 or +628."), code="mobile_not_mobile"
        )
    if len(digits) < MIN_DIGITS:
        raise ValidationError(
            _("This mobile number is too short: after 08 come 8 to 11 more digits; it has %(count)d.")
            % {"count": len(digits) - 1},
            code="mobile_too_short",
        )
    if len(digits) > MAX_DIGITS:
        raise ValidationError(
            _("This mobile number is too long: after 08 come 8 to 11 more digits; it has %(count)d.")
            % {"count": len(digits) - 1},
            code="mobile_too_long",
        )
    return digits


def normalise_mobile(raw: str) -> str:
    """Return the number as +628…, or raise ValidationError saying what is wrong with it."""
    return f"+{COUNTRY_CODE}{national_significant_number(raw)}"


def validate_mobile(value: str) -> None:
    """A Django validator: accept any way of writing an Indonesian mobile number that normalise_mobile reads."""
    normalise_mobile(value)

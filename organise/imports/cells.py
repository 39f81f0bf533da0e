"""Read one cell as the value it stands for: a rank, an echelon, a position type, a NIP; or say what is wrong."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from people.models import EchelonChoices, PositionType, Rank
from people.nip import parse_nip

from .reading import Cell

RANK_PATTERN = re.compile(r"\b(IV|III|II|I)\s*[/.\- ]?\s*([a-e])\b", re.IGNORECASE)
ECHELON_PATTERN = re.compile(r"^(?:eselon\s*)?(IV|III|II|I)\s*[/.\- ]?\s*([ab])$", re.IGNORECASE)
POSITION_TYPES = {
    "jpt utama": PositionType.JPT_UTAMA,
    "jpt madya": PositionType.JPT_MADYA,
    "jpt pratama": PositionType.JPT_PRATAMA,
    "pimpinan tinggi pratama": PositionType.JPT_PRATAMA,
    "pimpinan tinggi madya": PositionType.JPT_MADYA,
    "pimpinan tinggi utama": PositionType.JPT_UTAMA,
    "administrator": PositionType.ADMINISTRATOR,
    "administrasi": PositionType.ADMINISTRATOR,
    "pengawas": PositionType.SUPERVISOR,
    "supervisor": PositionType.SUPERVISOR,
    "fungsional": PositionType.FUNCTIONAL,
    "functional": PositionType.FUNCTIONAL,
    "pelaksana": PositionType.EXECUTOR,
    "executor": PositionType.EXECUTOR,
}
# The echelons a position type carries (UU ASN: JPT = eselon I–II, administrator = III, pengawas = IV).
ECHELONS_OF = {
    PositionType.JPT_UTAMA: {"I.a"},
    PositionType.JPT_MADYA: {"I.a", "I.b"},
    PositionType.JPT_PRATAMA: {"II.a", "II.b"},
    PositionType.ADMINISTRATOR: {"III.a", "III.b"},
    PositionType.SUPERVISOR: {"IV.a", "IV.b"},
    PositionType.FUNCTIONAL: set(),
    PositionType.EXECUTOR: set(),
}
# The lowest rank that may hold each echelon (PP 13/2002, lampiran I).
LOWEST_RANK_OF = {
    "I.a": "IV/d",
    "I.b": "IV/c",
    "II.a": "IV/c",
    "II.b": "IV/b",
    "III.a": "IV/a",
    "III.b": "III/d",
    "IV.a": "III/c",
    "IV.b": "III/b",
}
RANK_ORDER = {code: index for index, code in enumerate(Rank.values)}
PHONE_PATTERN = re.compile(r"^(\+62|62|0)8[0-9]{7,12}$")
SCIENTIFIC = re.compile(r"^[0-9]+([.,][0-9]+)?e\+?[0-9]+$", re.IGNORECASE)


def rank_of(text: str) -> str:
    match = RANK_PATTERN.search(text)
    if not match:
        raise ValidationError(_("“%(value)s” is not a rank (golongan/ruang) such as III/a or IV/b.") % {"value": text})
    return f"{match[1].upper()}/{match[2].lower()}"


def echelon_of(text: str) -> str:
    match = ECHELON_PATTERN.match(text.strip())
    if not match or f"{match[1].upper()}.{match[2].lower()}" not in EchelonChoices.values:
        raise ValidationError(_("“%(value)s” is not an echelon such as II.a or IV.b.") % {"value": text})
    return f"{match[1].upper()}.{match[2].lower()}"


def position_type_of(text: str) -> str:
    key = re.sub(r"[^a-z ]", " ", text.lower())
    key = re.sub(r"\s+", " ", key).replace("jabatan ", "").strip()
    if key in POSITION_TYPES:
        return POSITION_TYPES[key]
    raise ValidationError(
        _("“%(value)s” is not a position type. Write one of: %(choices)s.")
        % {"value": text, "choices": "JPT Pratama, JPT Madya, Administrator, Pengawas, Fungsional, Pelaksana"}
    )


def nip_of(cell: Cell) -> str:
    """The 18 digits of a NIP; a NIP that Excel turned into a number is recognised and explained."""
    text = cell.text.replace(" ", "")
    if cell.kind == "number" or SCIENTIFIC.match(text):
        raise ValidationError(
            _(
                "Excel stored this NIP as a number (%(value)s), which keeps only 15 digits: the last ones are lost. "
                "Format the column as Text and type the NIP again."
            )
            % {"value": cell.text}
        )
    try:
        return parse_nip(cell.text).digits
    except ValidationError as error:
        digits = re.sub(r"[\s.\-]", "", cell.text)
        if len(digits) == 18 and digits.isdigit() and digits.endswith("000"):
            raise ValidationError(
                _("%(reason)s It ends in 000: Excel may have rounded it. Format the column as Text and retype it.")
                % {"reason": error.messages[0]}
            ) from None
        raise


def email_of(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValidationError(_("“%(value)s” is not an e-mail address.") % {"value": text}) from None
    return text.strip().lower()


def phone_of(text: str) -> str:
    digits = re.sub(r"[\s\-().]", "", text)
    if not PHONE_PATTERN.match(digits):
        raise ValidationError(_("“%(value)s” is not an Indonesian mobile number (08… or +62 8…).") % {"value": text})
    return "0" + digits.removeprefix("+").removeprefix("62").removeprefix("0") if not digits.startswith("0") else digits


def rank_fits_echelon(rank: str, echelon: str) -> bool:
    lowest = LOWEST_RANK_OF.get(echelon)
    return not lowest or RANK_ORDER[rank] >= RANK_ORDER[lowest]

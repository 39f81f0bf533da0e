"""The columns of the participant spreadsheet: their Indonesian headings, other names people use, which are required."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ImportColumn:
    key: str
    heading: str  # as in the template; Indonesian whatever the interface language, as the agencies write it
    label: str  # for messages, in the interface language
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""
    width: int = 18


COLUMNS = (
    ImportColumn("name", "Nama", _("Name"), True, ("nama lengkap", "nama peserta"), "Andi Rahmat, S.E., M.Si.", 30),
    ImportColumn("nip", "NIP", _("NIP"), False, ("nip peserta", "nomor induk pegawai"), "19780412 200312 1 004", 22),
    ImportColumn("ni_pppk", "NI PPPK", _("NI PPPK"), False, ("nipppk", "nomor induk pppk"), "", 20),
    ImportColumn(
        "rank", "Pangkat/Golongan", _("Rank"), False, ("pangkat", "golongan", "gol", "pangkat/gol"), "IV/a", 20
    ),
    ImportColumn("position", "Jabatan", _("Position"), True, ("nama jabatan",), "Kepala Bidang Perencanaan", 34),
    ImportColumn(
        "position_type", "Jenis Jabatan", _("Position type"), True, ("jenis jabatan asn",), "Administrator", 18
    ),
    ImportColumn("echelon", "Eselon", _("Echelon"), False, ("eselon jabatan",), "III.a", 10),
    ImportColumn("agency", "Instansi", _("Agency"), True, ("opd", "unit kerja", "perangkat daerah"), "Bappeda", 34),
    ImportColumn(
        "government",
        "Pemerintah Daerah",
        _("Regional government"),
        True,
        ("pemda", "pemerintah", "kabupaten/kota/provinsi"),
        "Kabupaten Gowa",
        26,
    ),
    ImportColumn(
        "email", "Email", _("E-mail"), True, ("e-mail", "surel", "alamat email"), "andi.rahmat@example.go.id", 30
    ),
    ImportColumn(
        "phone", "Telepon", _("Phone"), False, ("no. hp", "no hp", "nomor hp", "hp", "telp", "no. telepon"), "", 16
    ),
    ImportColumn("mentor_name", "Nama Mentor", _("Mentor's name"), False, ("mentor",), "Ir. Hasanuddin, M.T.", 30),
    ImportColumn("mentor_nip", "NIP Mentor", _("Mentor's NIP"), False, (), "19690315 199403 1 006", 22),
    ImportColumn("mentor_email", "Email Mentor", _("Mentor's e-mail"), False, ("e-mail mentor",), "", 30),
)
BY_KEY = {column.key: column for column in COLUMNS}


def heading_key(text: str) -> str:
    """Compare headings without case, spacing or punctuation around them."""
    return re.sub(r"\s+", " ", str(text or "")).strip().strip(":*").strip().lower()


KNOWN_HEADINGS = {
    heading_key(name): column.key for column in COLUMNS for name in (column.heading, column.key, *column.aliases)
}


@dataclass
class HeadingMap:
    positions: dict[str, int]  # column key -> index in the row
    unknown: list[str]
    missing: list[ImportColumn]
    repeated: list[str]


def map_headings(headings: list) -> HeadingMap:
    """Which column of the file holds what; and the headings that are unknown, missing or given twice."""
    positions, unknown, repeated = {}, [], []
    for index, heading in enumerate(headings):
        if not heading_key(heading):
            continue
        key = KNOWN_HEADINGS.get(heading_key(heading))
        if key is None:
            unknown.append(str(heading).strip())
        elif key in positions:
            repeated.append(str(heading).strip())
        else:
            positions[key] = index
    missing = [column for column in COLUMNS if column.required and column.key not in positions]
    if "nip" not in positions and "ni_pppk" not in positions:
        missing.append(BY_KEY["nip"])
    return HeadingMap(positions, unknown, missing, repeated)

"""What the demo change projects are about, by the agency that carries them out.

themes.csv holds one theme per row: the agency, an acronym, what the innovation is, the
problem, the breakthrough, and the indicator that must move (from, to). Agencies that
occur several times in the cohort have variants, used in turn.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

THEMES_CSV = Path(__file__).with_name("themes.csv")
PR_AGENCY = "Biro Administrasi Pimpinan"


@dataclass(frozen=True)
class Theme:
    acronym: str
    name: str
    problem: str
    breakthrough: str
    indicator: str
    before: str
    after: str


@cache
def themes() -> dict[str, list[Theme]]:
    by_agency: dict[str, list[Theme]] = {}
    with THEMES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            agency = row.pop("agency")
            by_agency.setdefault(agency, []).append(Theme(**row))
    return by_agency


def theme_for(agency: str, occurrence: int) -> Theme:
    variants = themes()[agency]
    return variants[occurrence % len(variants)]

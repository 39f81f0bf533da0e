"""A report table: typed columns and rows, shared by the pages, the charts, the exports and the API."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    RUPIAH = "rupiah"  # whole rupiah: an integer shown as Rp 3.800.000
    PERCENT = "percent"  # a number 0–100, one decimal
    DECIMAL = "decimal"  # scores: two decimals
    DATE = "date"
    MONTH = "month"  # the first day of a month, shown as "Januari 2026"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # translated (lazy) heading, Indonesian by default
    kind: Kind = Kind.TEXT


@dataclass
class ReportTable:
    """Rows are dicts keyed by column key; they may be a lazy iterator (exports stream them)."""

    name: str  # file-name stem, e.g. "rollout-coverage"
    title: str
    columns: list[Column]
    rows: Iterable[dict] = field(default_factory=list)
    note: str = ""  # translated (lazy) definitions shown under the title
    as_of: datetime.datetime | None = None  # set when a national snapshot is older than the data
    total_rows: int | None = None  # set when ``rows`` holds only the first of them (a page's snapshot)
    phone: tuple[str, ...] = ()  # keys of the columns a phone shows at first; empty: all, scrolled sideways

    def values(self, row: dict) -> list:
        return [row.get(column.key) for column in self.columns]

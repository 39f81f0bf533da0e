"""Row lists described as data: each column says how its cell is read, one builder streams the rows.

A list is a ``RawList``: its name, title and ``ColumnSpec``s. Its rows come from a queryset the
caller has scoped, narrowed, joined with ``select_related`` (or reduced to ``.values()``) and
ordered; the builder reads it with ``.iterator()`` so that memory stays flat and the number of
queries is the same for ten rows or ten thousand.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tables import Column, Kind, ReportTable

CHUNK = 2000

Cell = Callable[[Any, datetime.date], Any]  # (row's object, the day the list is read on) -> value


def yes_no(flag: bool):
    return _("Yes") if flag else _("No")


@dataclass(frozen=True)
class ColumnSpec:
    """A column and how to read its cell from the row's object (or ``.values()`` dict).

    ``read`` is an attribute path, by default the key: ``"enrolment.cohort.year"``, where a step
    ending in ``()`` is called (``"get_status_display()"``) and a step of a dict row is its key.
    Where the path runs into a missing object (a null foreign key, an absent one-to-one) the cell
    is empty: ``""`` in a text column, ``None`` in a typed one. ``show`` turns a found value into
    the cell (``str`` for people, cohorts and regions; ``yes_no`` for flags). Cells that are not a
    path are a ``Cell`` function of the object and the day the list is read on.
    """

    key: str
    header: str
    kind: Kind = Kind.TEXT
    read: str | Cell = ""
    show: Callable[[Any], Any] | None = None
    steps: tuple[tuple[str, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        path = self.read if isinstance(self.read, str) else ""
        # Parsed once here rather than per cell: an export reads every cell of every row.
        steps = tuple((step.removesuffix("()"), step.endswith("()")) for step in (path or self.key).split("."))
        object.__setattr__(self, "steps", steps)

    @property
    def column(self) -> Column:
        return Column(self.key, self.header, self.kind)

    @property
    def empty(self):
        return "" if self.kind == Kind.TEXT else None

    def cell(self, obj, today: datetime.date):
        if callable(self.read):
            return self.read(obj, today)
        value = obj
        for name, call in self.steps:
            if value is None:
                return self.empty
            try:
                value = value[name] if isinstance(value, dict) else getattr(value, name)
            except ObjectDoesNotExist:
                return self.empty
            if call:
                value = value()
        return value if self.show is None else self.show(value)


@dataclass(frozen=True)
class RawList:
    """A list as data: the file-name stem, the title, the columns in order, and a note under the title."""

    name: str
    title: str
    columns: tuple[ColumnSpec, ...]
    note: str = ""

    def rows(self, queryset, today: datetime.date | None = None) -> Iterator[dict]:
        """Yield one row per object, reading the queryset in chunks; ``today`` is fixed when reading starts."""
        day = timezone.localdate() if today is None else today
        for obj in queryset.iterator(chunk_size=CHUNK):
            yield {spec.key: spec.cell(obj, day) for spec in self.columns}

    def table(self, queryset, today: datetime.date | None = None, *, listed: bool = False) -> ReportTable:
        """The list as a ReportTable whose rows stream from ``queryset``; ``listed`` reads them all now."""
        rows = self.rows(queryset, today)
        return ReportTable(
            name=self.name,
            title=self.title,
            columns=[spec.column for spec in self.columns],
            rows=list(rows) if listed else rows,
            note=self.note,
        )

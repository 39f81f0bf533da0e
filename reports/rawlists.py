"""Row lists described as data: each column says how its cell is read, one builder streams the rows.

A list is a ``RawList``: its name, title and ``ColumnSpec``s. Its rows come from a queryset the
caller has scoped, narrowed, joined with ``select_related`` (or reduced to ``.values()``) and
ordered; the builder reads it with ``.iterator()`` so that memory stays flat and the number of
queries is the same for ten rows or ten thousand.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diklat.models import cohort_name

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
    phone: tuple[str, ...] = ()  # as ReportTable.phone

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
            phone=self.phone,
        )


# --- lists read as plain values -------------------------------------------------------------------


@dataclass(frozen=True)
class ValueSpec:
    """A column read from ``.values_list()``: its ``lookups`` (by default the key) and how ``show`` makes the cell.

    Without ``show`` the cell is the first lookup's value. ``show(*values)`` gets the lookups'
    values (and ``today`` after them where ``today=True``); where every value is None (a null
    foreign key) the cell is empty instead. ``memo`` says that the cell depends on the values
    alone, so one reading works it out once per distinct value: a choice's label, a cohort's name.
    """

    key: str
    header: str
    kind: Kind = Kind.TEXT
    lookups: tuple[str, ...] = ()
    show: Callable[..., Any] | None = None
    today: bool = False
    memo: bool = False

    @property
    def column(self) -> Column:
        return Column(self.key, self.header, self.kind)

    @property
    def empty(self):
        return "" if self.kind == Kind.TEXT else None

    def reader(self, start: int, day: datetime.date) -> Callable[[tuple], Any]:
        """The function reading this cell from a row of values, the lookups starting at ``start``."""
        if self.show is None:
            return itemgetter(start)
        end = start + len(self.lookups or (self.key,))
        show, empty = self.show, self.empty
        extra = (day,) if self.today else ()

        def read(values: tuple):
            found = values[start:end]
            if all(value is None for value in found):
                return empty
            return show(*found, *extra)

        if not self.memo:
            return read
        seen: dict[tuple, Any] = {}

        def remembered(values: tuple):
            found = values[start:end]
            if found not in seen:
                seen[found] = read(values)
            return seen[found]

        return remembered


def choice_label(choices: type[models.Choices]) -> Callable[[Any], Any]:
    """A show for a choice field: its label in the reading's language, or the value if it is not a choice."""
    labels = dict(choices.choices)
    return lambda value: str(labels[value]) if value in labels else value


@dataclass(frozen=True)
class ValueList:
    """A raw list read with ``.values_list()``: no model instances, one tuple a row (as RawList otherwise)."""

    name: str
    title: str
    columns: tuple[ValueSpec, ...]
    note: str = ""
    phone: tuple[str, ...] = ()  # as ReportTable.phone

    def lookups(self) -> list[str]:
        return [lookup for spec in self.columns for lookup in spec.lookups or (spec.key,)]

    def rows(self, queryset, today: datetime.date | None = None) -> Iterator[dict]:
        """Yield one row per tuple, reading in chunks; ``today`` and the labels are fixed when reading starts."""
        day = timezone.localdate() if today is None else today
        readers, start = [], 0
        for spec in self.columns:
            readers.append((spec.key, spec.reader(start, day)))
            start += len(spec.lookups or (spec.key,))
        for values in queryset.values_list(*self.lookups()).iterator(chunk_size=CHUNK):
            yield {key: read(values) for key, read in readers}

    def table(self, queryset, today: datetime.date | None = None, *, listed: bool = False) -> ReportTable:
        rows = self.rows(queryset, today)
        return ReportTable(
            name=self.name,
            title=self.title,
            columns=[spec.column for spec in self.columns],
            rows=list(rows) if listed else rows,
            note=self.note,
            phone=self.phone,
        )


def person(key: str, header: str, user: str) -> ValueSpec:
    """A user's name, as ``str(user)`` gives it, from the lookup path to the user."""
    return ValueSpec(key, header, lookups=(f"{user}__full_name", f"{user}__username"), show=user_name)


def user_name(full_name: str, username: str) -> str:
    return full_name or username


def cohort(key: str, header: str, path: str) -> ValueSpec:
    """A cohort's name, as ``str(cohort)`` gives it, from the lookup path to the cohort."""
    lookups = (f"{path}__programme__name", f"{path}__number", f"{path}__year")
    return ValueSpec(key, header, lookups=lookups, show=cohort_name, memo=True)


def choice(key: str, header: str, choices: type[models.Choices], lookup: str = "") -> ValueSpec:
    return ValueSpec(key, header, lookups=(lookup or key,), show=choice_label(choices), memo=True)

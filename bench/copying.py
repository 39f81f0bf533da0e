"""Fast bulk loading for the scale benchmark: rows go in by PostgreSQL's COPY, ids chosen by us.

Every concrete column of the model is written: what a row does not name takes the field's
Django default (Django sets defaults in Python, the table has none), and auto_now(_add)
timestamps take the moment the build started. Identity sequences are moved past the ids
used, so the app can insert rows afterwards.
"""

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import Model
from django.db.models.fields import NOT_PROVIDED


class Loader:
    """COPY rows of any model into the current PostgreSQL database, counting ids per table."""

    def __init__(self, now: datetime.datetime):
        self.now = now
        self.next_ids: dict[type[Model], int] = {}
        self.counts: dict[str, int] = {}

    def ids(self, model: type[Model], count: int) -> range:
        """Reserve ``count`` ids of ``model``'s table."""
        first = self.next_ids.get(model, 1)
        self.next_ids[model] = first + count
        return range(first, first + count)

    def _defaults(self, model: type[Model]) -> dict[str, object]:
        defaults = {}
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults[field.attname] = self.now
            elif field.default is not NOT_PROVIDED:
                defaults[field.attname] = field.get_default()
            elif field.null:
                defaults[field.attname] = None
            elif field.get_internal_type() in {"CharField", "TextField", "SlugField", "EmailField", "URLField"}:
                defaults[field.attname] = ""
        return defaults

    def copy(self, model: type[Model], rows: Iterable[dict]) -> int:
        """Write ``rows`` (dicts of attname -> value, ``id`` included) with COPY; return how many."""
        defaults = self._defaults(model)
        columns = [field.attname for field in model._meta.concrete_fields]
        names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
        statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] if c in row else defaults[c] for c in columns])
                written += 1
        self.counts[model._meta.db_table] = self.counts.get(model._meta.db_table, 0) + written
        return written

    def finish(self) -> None:
        """Move every identity sequence past the ids we chose, and refresh the planner's statistics."""
        with connection.cursor() as cursor:
            for model, next_id in self.next_ids.items():
                table = model._meta.db_table
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                (sequence,) = cursor.fetchone()
                if sequence:
                    cursor.execute("SELECT setval(%s, %s, false)", [sequence, next_id])
            cursor.execute("ANALYZE")

"""National report tables computed once per change of the data, not once per request.

A table over the whole country reads every project, milestone and score: it cannot cost the same
at 50,000 projects as at 5,000. A superuser's tables (the only reader whose scope is the whole
country) are therefore kept in the cache with the data's generation (reports.models), which
advances after every committed change.

A national deployment changes every minute, so recomputing after each change would cost the full
price on almost every request. A snapshot of an older generation is therefore still served while
it is younger than ``REPORT_SNAPSHOT_MAX_AGE`` seconds, and says when it was taken (``as_of``):
a table costs its full price at most once per that many seconds, however busy the country is.
Other readers' scopes are bounded and computed live.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from .models import DataGeneration
from .tables import ReportTable

# A safety net for a change that reached the database without the ORM (a raw SQL fix by hand).
SNAPSHOT_SECONDS = 60 * 60


@dataclass(frozen=True)
class Snapshot:
    generation: int
    taken_at: datetime
    table: ReportTable


def report_table(form, build: Callable, query: str, first: int | None = None) -> ReportTable:
    """The table ``build(form)`` makes; ``query`` is the form's filters as a query string.

    ``first``: the caller shows only that many rows (a page does), so a national snapshot is read
    as its first rows and their total, not as every row of the country unpickled per request.
    """
    if not form.user.is_superuser:
        return build(form)
    # The database's name too: a generation counts one database's changes, and a cache may be shared.
    database, name = connection.settings_dict["NAME"], f"{build.__module__}.{build.__qualname__}"
    key = f"reports:snapshot:{database}:{name}:{get_language()}:{query}"
    wanted = f"{key}:first:{first}" if first else key
    generation, now = DataGeneration.current(), timezone.now()
    snapshot = cache.get(wanted)
    if snapshot is not None and snapshot.generation == generation:
        return snapshot.table
    if snapshot is not None and now - snapshot.taken_at < timedelta(seconds=settings.REPORT_SNAPSHOT_MAX_AGE):
        snapshot.table.as_of = snapshot.taken_at  # older than the data: say so
        return snapshot.table
    table = build(form)
    table.rows = list(table.rows)
    cache.set(key, Snapshot(generation, now, table), SNAPSHOT_SECONDS)
    if not first:
        return table
    head = replace(table, rows=table.rows[:first], total_rows=len(table.rows))
    cache.set(wanted, Snapshot(generation, now, head), SNAPSHOT_SECONDS)
    return head

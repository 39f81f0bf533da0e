"""National report tables computed once per change of the data, not once per request.

A table over the whole country reads every project, milestone and score: it cannot cost the same
at 50,000 projects as at 5,000. A superuser's tables (the only reader whose scope is the whole
country) are therefore kept in the cache under the data's generation (reports.models), which
advances after every committed change: the next request after a change recomputes them, every
other request reads them. Other readers' scopes are bounded and computed live.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from .models import DataGeneration
from .tables import ReportTable

# A safety net for a change that reached the database without the ORM (a raw SQL fix by hand).
SNAPSHOT_SECONDS = 60 * 60


def report_table(form, build: Callable, query: str) -> ReportTable:
    """The table ``build(form)`` makes; ``query`` is the form's filters as a query string."""
    if not form.user.is_superuser:
        return build(form)
    # The database's name too: a generation counts one database's changes, and a cache may be shared.
    database, name = connection.settings_dict["NAME"], f"{build.__module__}.{build.__qualname__}"
    key = f"reports:snapshot:{database}:{DataGeneration.current()}:{name}:{get_language()}:{query}"
    table = cache.get(key)
    if table is None:
        table = build(form)
        table.rows = list(table.rows)
        cache.set(key, table, SNAPSHOT_SECONDS)
    return table

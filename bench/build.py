"""Build one size of the scale data set in the current (empty, migrated) PostgreSQL database."""

import time

from django.db import transaction
from django.utils import timezone

from .cast import CastBuilder
from .copying import Loader
from .work import WorkBuilder


def build(factor: int) -> dict[str, int]:
    """Load the core and ``factor`` units of bulk; return the row count of every table written."""
    started = time.monotonic()
    loader = Loader(timezone.now())
    today = timezone.localdate()
    with transaction.atomic():
        cast = CastBuilder(loader, today, factor)
        cast.build()
        WorkBuilder(loader, today, cast.rule_set).build(cast.cohorts, cast.core_agencies, cast.other_agencies)
    loader.finish()
    loader.counts["seconds"] = round(time.monotonic() - started)
    return loader.counts

"""Reload the data that migrations seed, after a transactional test has flushed it.

pytest-django runs transactional tests (browser, concurrency) last and flushes every table
after each one, seeded reference data included; serialized_rollback cannot always restore it
(after a live-server test the connection may no longer hold the snapshot).
"""

import importlib

from django.apps import apps

SEEDS = [
    ("regions.migrations.0002_reference_data", "load"),
    ("diklat.migrations.0002_reference_data", "load"),
    ("assessments.migrations.0002_seed_rubrics", "seed"),
    ("rollout.migrations.0002_government_affairs", "seed"),
    ("reports.migrations.0002_the_generation_row", "create"),
]


def ensure_reference_data() -> None:
    from diklat.models import Programme

    if Programme.objects.exists():
        return
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)

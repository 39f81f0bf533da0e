"""A worker starts light: loading the URLs and checking the project import no chart, workbook or schema library."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib", "openpyxl", "drf_spectacular.views", "fpdf", "segno")

PROBE = """
import sys, django
django.setup()
from django.core.management import call_command
from django.urls import get_resolver
get_resolver().url_patterns
call_command("check", verbosity=0)
print("heavy:" + ",".join(name for name in {heavy!r} if name in sys.modules))
"""


def test_loading_the_urls_and_running_checks_imports_no_heavy_library():
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "diklat.settings", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip().splitlines()[-1] == "heavy:"


SERVED_PROBE = """
import sys
from django.db import connections
from diklat import warmup
from diklat.wsgi import application
warmup.warm_up_code(application)
status = warmup.request_once(application, "/accounts/login/", "id")
print("status:" + status)
print("connections:" + ",".join(c.alias for c in connections.all(initialized_only=True) if c.connection is not None))
print("pools:" + ",".join(getattr(type(connections["default"]), "_connection_pools", dict())))
print("heavy:" + ",".join(name for name in {heavy!r} if name in sys.modules))
"""


def served_probe() -> dict[str, str]:
    """Run the gunicorn master's part in a fresh interpreter: the WSGI app, its warm-up, one request."""
    env = {"DJANGO_SETTINGS_MODULE": "diklat.settings", "PATH": "/usr/bin:/bin"}
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "-c", SERVED_PROBE.format(heavy=HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return dict(line.split(":", 1) for line in result.stdout.strip().splitlines() if ":" in line)


def test_the_wsgi_app_warmed_up_and_one_request_import_no_heavy_library():
    probe = served_probe()
    assert probe["status"] == "200 OK"
    assert probe["heavy"] == ""


def test_the_warm_up_before_the_fork_leaves_no_database_connection_or_pool():
    # gunicorn forks its workers from this state (preload_app): a connection or a psycopg pool
    # (with its threads) opened here would be shared by every worker.
    probe = served_probe()
    assert probe["connections"] == ""
    assert probe["pools"] == ""

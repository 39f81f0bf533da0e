"""A worker starts light: loading the URLs and checking the project import no chart, workbook or schema library."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib", "openpyxl", "drf_spectacular.views")

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

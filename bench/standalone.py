"""Django set up for a benchmark run on its own: production-like settings, a throwaway SQLite file by default."""

import os
import sys
import tempfile
import warnings
from pathlib import Path

import django


def configure(prefix: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")
    os.environ["DATABASE_POOL"] = "0"
    os.environ.setdefault("DJANGO_DEBUG", "0")  # DEBUG keeps every query in memory: not what production does
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix=prefix)}/bench.sqlite3"
    django.setup()
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # static files play no part

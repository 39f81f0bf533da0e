"""Run the export benchmark in a database of its own; see bench.exports."""

import os
import sys
import tempfile
import warnings
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")
os.environ["DATABASE_POOL"] = "0"
os.environ.setdefault("DJANGO_DEBUG", "0")  # DEBUG keeps every query in memory: not what production does
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-exports-')}/bench.sqlite3"

django.setup()
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # static files play no part in an export

from bench.exports.measure import main  # noqa: E402  (models can be imported only once Django is set up)

main()

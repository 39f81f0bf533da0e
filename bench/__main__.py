"""The scale benchmark: the same requests on a small and a ten-times-larger national data set.

Usage (make bench-scale starts a throwaway PostgreSQL and runs this):
    DATABASE_URL=postgres://... .venv/bin/python -m bench [--repeat 7] [--factor 10] [--only TEXT]

It builds the S and L data sets in two databases of one server, then times every request of
bench.requests in one process, interleaved (S and L alternate, in a changing order), and
prints the median milliseconds at S and L, their ratio and the query counts. The last line is
the worst ratio: every request should cost the same at L as at S (≤ 1.2).
"""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")
os.environ["DATABASE_POOL"] = "0"  # one process switches between two databases
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
# The test client speaks plain http; in production TLS ends at the proxy, so no redirect to https here.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

django.setup()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"  # the app's URLs and the API's baselines

from bench.run import main  # noqa: E402  (models can be imported only once Django is set up)

main()

"""Time the busiest pages and endpoints on the demo data and report ratios, not absolute times.

Usage:  .venv/bin/python scripts/benchmark.py [--repeat 15]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo, and times each
request with Django's test client. Absolute figures depend on the machine; the ratios say
whether a page grows with its rows (list of 50 vs. 1) and what caching saves (chart 304 vs.
first render).
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="diklat-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_MEDIA_ROOT", f"{workdir}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")
    os.environ["DJANGO_LOG_LEVEL"] = "ERROR"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    logging.disable(logging.INFO)  # the demo's tasks log each run; only the table matters here
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", verbosity=0, stdout=quiet)

    from people.models import User

    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    from django.core.cache import cache

    def timed(client: Client, url: str, cold: bool = False, **headers) -> float:
        samples = []
        for _ in range(args.repeat):
            if cold:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            if response.streaming:  # time the whole body, not just the first byte
                b"".join(response.streaming_content)
            samples.append(time.perf_counter() - started)
            assert response.status_code in (200, 304), (url, response.status_code)
        return statistics.median(samples) * 1000

    admin, mentor, examiner = client_for("admin"), client_for("mentor"), client_for("penguji")
    rows = []

    from projects.models import ChangeProject

    sigap = ChangeProject.objects.get(enrolment__participant__user__username="peserta")
    one, fifty = timed(admin, "/api/projects/?search=SIGAP"), timed(admin, "/api/projects/")
    rows.append(("API projects: a page of 50 vs 1 row", fifty, one))
    one, fifty = timed(admin, f"/api/milestones/?project={sigap.pk}&horizon=long"), timed(admin, "/api/milestones/")
    rows.append(("API milestones: a page of 50 vs a few rows", fifty, one))
    rows.append(
        (
            "Mentor list page vs participant dashboard",
            timed(mentor, "/mentor/"),
            timed(client_for("peserta"), "/projects/"),
        )
    )

    from assessments.models import SeminarSession

    session = SeminarSession.objects.filter(chair__username="penguji", status="finalised").first()
    rows.append(
        (
            "Session page (15 participants) vs session API results",
            timed(examiner, f"/seminars/sessions/{session.pk}/"),
            timed(examiner, f"/api/sessions/{session.pk}/results/"),
        )
    )

    chart = "/reports/charts/projects-by-status.svg"
    first = admin.get(chart)
    etag = first.headers.get("ETag", "")
    rows.append(
        (
            "Chart: render (cache cleared) vs 304",
            timed(admin, chart, cold=True),
            timed(admin, chart, if_none_match=etag),
        )
    )
    rows.append(
        ("Province dashboard vs report index", timed(admin, "/reports/province/73/"), timed(admin, "/reports/"))
    )
    # Issue 14's budget: every report page under 300 ms and at most 3x the participant dashboard.
    dashboard = timed(client_for("peserta"), "/projects/")
    reporter = client_for("pelapor")
    report_pages = [("/reports/", "index"), ("/reports/province/73/", "province dashboard")] + [
        (f"/reports/{name}/", name) for name in ("progress", "seminars", "feedback", "budget", "rollout")
    ]
    budget_rows = []
    for url, name in report_pages:
        for who, client in (("admin", admin), ("provincial staff", reporter)):
            budget_rows.append((f"Report {name} ({who}) vs participant dashboard", timed(client, url), dashboard))
    rows.extend(budget_rows)
    rows.append(
        (
            "XLSX export of raw projects vs CSV",
            timed(admin, "/reports/exports/raw/projects/?format=xlsx"),
            timed(admin, "/reports/exports/raw/projects/?format=csv"),
        )
    )

    print(f"median of {args.repeat} requests each; ratio = first / second")
    print(f"{'comparison':58} {'first ms':>9} {'second ms':>10} {'ratio':>6}")
    for name, a, b in rows:
        print(f"{name:58} {a:9.1f} {b:10.1f} {a / b:6.2f}")
    slowest = max(budget_rows, key=lambda row: row[1])
    over = [name for name, a, b in budget_rows if a > 300 or a / b > 3]
    print(
        f"\nreport pages: slowest {slowest[1]:.1f} ms ({slowest[0]}), worst ratio "
        f"{max(a / b for _n, a, b in budget_rows):.2f}; over budget (300 ms or 3x): {', '.join(over) or 'none'}"
    )


if __name__ == "__main__":
    main()

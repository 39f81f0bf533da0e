"""Build the two sizes, time every request interleaved, print the table and the worst ratio."""

import argparse
import statistics
import sys
import time

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from people.models import User

from . import requests as catalogue
from .build import build
from .queries import compare as compare_queries

SIZES = {"S": 1, "L": 10}


def switch(name: str) -> None:
    """Point the default connection at another database and connect, outside any timing."""
    connection.close()
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


def create_databases(factor: int, reuse: bool = False) -> dict[str, str]:
    server_db = connection.settings_dict["NAME"]
    names = {size: f"bench_{size.lower()}" for size in SIZES}
    connection.ensure_connection()
    if reuse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname = ANY(%s)", [list(names.values())])
            if len(cursor.fetchall()) == len(names):
                return names
    with connection.cursor() as cursor:
        for name in [*names.values(), "bench_empty"]:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute('CREATE DATABASE "bench_empty"')
    switch("bench_empty")
    call_command("migrate", verbosity=0)
    switch(server_db)
    with connection.cursor() as cursor:
        for name in names.values():
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "bench_empty"')
    for size, name in names.items():
        switch(name)
        counts = build(SIZES[size] if size == "S" else factor)
        print(
            f"built {size} in {counts.pop('seconds')} s: "
            + ", ".join(
                f"{counts[t]:,} {t.split('_', 1)[1]}"
                for t in (
                    "projects_changeproject",
                    "projects_milestone",
                    "projects_progressupdate",
                    "projects_budgetline",
                    "assessments_score",
                )
            ),
            flush=True,
        )
    return names


def fetch(client, url: str, headers=None):
    response = client.get(url, headers=headers or {})
    if response.streaming:  # the whole body, not just the first byte
        for _ in response.streaming_content:
            pass
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def deep_url(client, url: str, pages: int = 100) -> str:
    """The URL of the 100th page: page-number pagination jumps there, a cursor is followed."""
    for _ in range(pages - 1):
        following = fetch(client, url).json().get("next")
        if not following:
            break
        url = following.replace("http://testserver", "")
        if "page=2" in url and "cursor=" not in url:
            return url.replace("page=2", f"page={pages}")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description="The scale benchmark: the same requests at two sizes.")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--factor", type=int, default=SIZES["L"])
    parser.add_argument("--only", default="", help="time only the requests whose name contains this")
    parser.add_argument("--skip", default="", help="leave out the requests whose name contains this")
    parser.add_argument("--reuse", action="store_true", help="time the data sets a previous run left on this server")
    parser.add_argument("--queries", action="store_true", help="each query's time at S and L instead of the table")
    args = parser.parse_args()

    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG is off, as in production
    names = create_databases(args.factor, reuse=args.reuse)
    setups = {}
    for size, name in names.items():
        switch(name)
        clients = {}
        for role, username in catalogue.roles().items():
            clients[role] = Client()
            clients[role].force_login(User.objects.get(username=username))
        plan = [r for r in catalogue.requests() if args.only in r.name and not (args.skip and args.skip in r.name)]
        urls, etags, queries = {}, {}, {}
        for request in plan:  # one untimed pass: deep URLs, ETags, query counts, warm caches
            client = clients[request.role]
            urls[request.name] = deep_url(client, request.url) if request.deep else request.url
            fetch(client, urls[request.name])  # fill process-wide caches (content types…) before counting
            with CaptureQueriesContext(connection) as captured:
                response = fetch(client, urls[request.name])
            queries[request.name] = len(captured)
            etags[request.name] = response.headers.get("ETag", "")
        setups[size] = {"clients": clients, "urls": urls, "etags": etags, "queries": queries, "name": name}

    if args.queries:
        return compare_queries(plan, setups, fetch, switch, args.repeat)
    samples = {(r.name, size): [] for r in plan for size in names}
    for round_ in range(args.repeat):
        for request in plan:
            for size in names if round_ % 2 == 0 else reversed(list(names)):
                setup = setups[size]
                switch(setup["name"])
                if request.cold_cache:  # forget the drawing, not the figures behind it
                    cache.delete(f"reports:chart:{setup['etags'][request.name].strip('"')}")
                headers = {"if_none_match": setup["etags"][request.name]} if request.revalidate else None
                started = time.perf_counter()
                fetch(setup["clients"][request.role], setup["urls"][request.name], headers)
                samples[(request.name, size)].append((time.perf_counter() - started) * 1000)
        print(f"round {round_ + 1}/{args.repeat} done", file=sys.stderr, flush=True)

    print(f"\nmedian of {args.repeat} interleaved requests; L has {args.factor}x the bulk of S")
    print(f"{'request':42} {'S ms':>8} {'L ms':>8} {'L/S':>6} {'q S':>4} {'q L':>4}")
    worst = (0.0, "")
    for request in plan:
        small, large = (statistics.median(samples[(request.name, size)]) for size in names)
        ratio = large / small
        worst = max(worst, (ratio, request.name))
        q_small, q_large = (setups[size]["queries"][request.name] for size in names)
        print(f"{request.name:42} {small:8.1f} {large:8.1f} {ratio:6.2f} {q_small:4} {q_large:4}")
    medians = {key: statistics.median(values) for key, values in samples.items()}
    for request in plan:
        if request.baseline_of and (request.baseline_of, "L") in medians:
            ratio = medians[(request.baseline_of, "L")] / medians[(request.name, "L")]
            print(f"at L, {request.baseline_of} / {request.name}: {ratio:.2f} (target ≤ 2)")
    print(f"worst L/S ratio: {worst[0]:.2f} ({worst[1]})")

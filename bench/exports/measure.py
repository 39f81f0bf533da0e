"""Time and weigh the exports of one raw list: a values_list + csv.writer baseline, the CSV and the XLSX."""

import argparse
import csv
import gc
import os
import pickle
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator

from django.db import connection
from django.test import Client
from django.urls import reverse

from projects.models import Milestone

from .data import build, prepare_database

MiB = 1024 * 1024
# The raw milestone list's columns, as plain values: what the export shows, without its typing.
BASELINE_FIELDS = (
    "project__title",
    "project__enrolment__participant__user__full_name",
    "project__enrolment__cohort__number",
    "horizon",
    "activity",
    "output",
    "responsible",
    "start_date",
    "target_date",
    "weight",
    "status",
    "progress",
    "estimated_cost",
    "completed_on",
    "target_date",
)
ORDER = ("project__enrolment__participant__user__full_name", "project", "target_date", "pk")


class Echo:
    def write(self, value: str) -> str:
        return value


def baseline_chunks(user, cohort) -> Iterator[bytes]:
    """The same rows in the same order as plain values: the floor an export is measured against."""
    rows = (
        Milestone.objects.reportable_by(user)
        .filter(project__enrolment__cohort=cohort)
        .order_by(*ORDER)
        .values_list(*BASELINE_FIELDS)
        .iterator(chunk_size=2000)
    )
    writer = csv.writer(Echo())
    lines = []
    for row in rows:
        lines.append(writer.writerow(row))
        if len(lines) >= 500:
            yield "".join(lines).encode()
            lines = []
    yield "".join(lines).encode()


def export_chunks(client: Client, url: str) -> Iterator[bytes]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    yield from response.streaming_content


def run(chunks: Callable[[], Iterator[bytes]]) -> dict:
    """Read every chunk; the milliseconds to the first and to the last byte, and the size."""
    started = time.perf_counter()
    first, size, count = None, 0, 0
    for chunk in chunks():
        if first is None and chunk:
            first = time.perf_counter()
        size += len(chunk)
        count += 1
    ended = time.perf_counter()
    return {"ms": (ended - started) * 1000, "first_ms": (first - started) * 1000, "bytes": size, "chunks": count}


def weigh(chunks: Callable[[], Iterator[bytes]]) -> dict:
    """Peak memory above idle of one run, in a forked child so that no other run's peak hides it."""
    connection.close()  # the child opens its own
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, send the numbers, leave without running the parent's cleanup
        os.close(read)
        gc.collect()
        idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        run(chunks)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle
        gc.collect()
        tracemalloc.start()
        run(chunks)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        with os.fdopen(write, "wb") as out:
            pickle.dump({"traced_mib": peak / MiB, "maxrss_mib": grown / 1024}, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        result = pickle.load(source)
    os.waitpid(pid, 0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Time CSV and XLSX exports of a raw list against a baseline.")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    prepare_database()
    started = time.monotonic()
    user, cohort = build(args.rows)
    seconds = time.monotonic() - started
    print(f"built {Milestone.objects.count():,} milestones on {connection.vendor} in {seconds:.1f} s")
    client = Client()
    client.force_login(user)
    path = reverse("reports:export", args=["raw", "milestones"])
    subjects = {
        "baseline": lambda: baseline_chunks(user, cohort),
        "CSV": lambda: export_chunks(client, f"{path}?format=csv&cohort={cohort.pk}"),
        "XLSX": lambda: export_chunks(client, f"{path}?format=xlsx&cohort={cohort.pk}"),
    }
    for chunks in subjects.values():  # warm: imports, translations, the first connection
        run(chunks)
    samples = {name: [] for name in subjects}
    for round_ in range(args.repeat):
        for name in subjects if round_ % 2 == 0 else reversed(list(subjects)):
            samples[name].append(run(subjects[name]))
    memory = {name: weigh(chunks) for name, chunks in subjects.items()}

    print(f"\n{args.rows:,} rows of raw milestones, {args.repeat} interleaved runs: median, and best (least noisy)")
    print(f"{'':9} {'ms':>8} {'ratio':>6} {'best ms':>8} {'ratio':>6} {'1st byte ms':>11} {'chunks':>6}", end="")
    print(f" {'KiB':>7} {'traced MiB':>10} {'maxrss MiB':>10}")
    floor = statistics.median(s["ms"] for s in samples["baseline"])
    best_floor = min(s["ms"] for s in samples["baseline"])
    for name, runs in samples.items():
        ms, best = statistics.median(s["ms"] for s in runs), min(s["ms"] for s in runs)
        first = statistics.median(s["first_ms"] for s in runs)
        print(
            f"{name:9} {ms:8.1f} {ms / floor:6.2f} {best:8.1f} {best / best_floor:6.2f} {first:11.1f}"
            f" {runs[0]['chunks']:6} {runs[0]['bytes'] / 1024:7.0f}"
            f" {memory[name]['traced_mib']:10.1f} {memory[name]['maxrss_mib']:10.1f}"
        )
    sys.stdout.flush()

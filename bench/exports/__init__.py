"""The export benchmark (issue 8, item 5): CSV and XLSX of 10,000 raw milestones against a values_list baseline.

Usage (make bench-exports runs it on a temporary SQLite file):
    .venv/bin/python -m bench.exports [--rows 10000] [--repeat 5]

With DATABASE_URL=postgres://… it builds the rows in a database of its own, ``bench_exports``.
It prints, for the baseline (``values_list`` + ``csv.writer``), CSV and XLSX: the median
milliseconds, the ratio to the baseline, the time to the first byte, and the peak memory above
idle (tracemalloc's peak and the growth of ru_maxrss). Targets: CSV ≤ 2.0×, XLSX < 50 MiB, and
the first XLSX byte well before the last.
"""

"""Which query of a request grows with the data: each query's median time at S and at L, worst first.

``python -m bench --reuse --only "session page" --queries`` prints, for every planned request,
its queries side by side (the same queries at both sizes: the counts are asserted equal) and
the plan at L of the one grown most, so that the query to fix is named rather than guessed.
"""

import statistics

from django.db import connection
from django.test.utils import CaptureQueriesContext


def compare(plan, setups, fetch, switch, repeat: int) -> None:
    for request in plan:
        timings = {}
        for size, setup in setups.items():
            switch(setup["name"])
            runs = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    fetch(setup["clients"][request.role], setup["urls"][request.name])
                runs.append(captured.captured_queries)
            timings[size] = [
                (statistics.median(float(run[i]["time"]) * 1000 for run in runs), runs[0][i]["sql"])
                for i in range(len(runs[0]))
            ]
        small, large = timings["S"], timings["L"]
        print(f"\n{request.name}: ms at S, ms at L, the query (grown most first)")
        rows = sorted(zip(small, large, strict=True), key=lambda pair: pair[1][0] - pair[0][0], reverse=True)
        for (ms_small, sql), (ms_large, _) in rows[:5]:
            print(f"  {ms_small:7.1f} {ms_large:7.1f}  {sql[:300]}")
        switch(setups["L"]["name"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + rows[0][1][1])
            print("\n".join(f"    {line}" for (line,) in cursor.fetchall()))

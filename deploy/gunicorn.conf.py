"""gunicorn settings for `make serve`; the environment overrides the few that differ per host.

WEB_CONCURRENCY          worker processes (default 2 x cores + 1, at most 12)
GUNICORN_BIND            address to listen on (default 127.0.0.1:8000, behind a reverse proxy)
GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket (default: none)
GUNICORN_WARMUP          0 skips the warm-up below (only to measure what it saves)
GUNICORN_CMD_ARGS        any other gunicorn option, e.g. "--timeout 120" (read by gunicorn itself)

preload_app: the master imports the app and warms it once (URLs, templates, catalogs), and every
worker is a fork of that warm process: workers start in milliseconds, share that memory, and one
restarted by max_requests serves its first request as fast as its hundredth. What must not be
shared across a fork is a database connection: Django opens the psycopg pool on the first query
(settings: OPTIONS["pool"], opened lazily), no module runs a query at import, and the master's
warm-up runs none; each worker opens its own pool in post_worker_init. The price of preloading:
`kill -HUP` reloads the configuration but not the code; deploy new code with a restart.
"""

import gc
import os
import time

wsgi_app = "diklat.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request at a time each, so each holds one pooled connection. Past a dozen,
# workers x connections nears PostgreSQL's default max_connections (100) for little gain.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * len(os.sched_getaffinity(0)) + 1, 12))
preload_app = True
# The national report's slowest figures take a few seconds; a minute is the outer bound.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle each worker after about a thousand requests, staggered so that they do not all restart together.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
# gunicorn's control socket (gunicornc) sits at one path per user by default, where a second server
# on the host would take it over: only where asked for.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
# The heartbeat file on a RAM disk: a worker blocked on a slow disk is not taken for a hung one.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

WARM_UP = os.environ.get("GUNICORN_WARMUP", "1") != "0"


def on_starting(server):
    if WARM_UP and server.cfg.preload_app:
        # Imported here: this file is read before the app, and the app is what this module needs.
        from diklat import warmup

        warmup.warm_up_code(server.app.wsgi())
        # What the warm-up built lives as long as the process: out of the collector's sight, its
        # pages are never written to by a collection, so the forked workers go on sharing them.
        gc.collect()
        gc.freeze()


def post_worker_init(worker):
    started = time.monotonic()
    if WARM_UP:
        from diklat import warmup

        # Nearly free after a preloaded master's warm-up; the whole warm-up without preload_app.
        warmup.warm_up_code(worker.wsgi)
        warmup.warm_up_database()
        # The warm-up's garbage is collected now rather than in the middle of the first request.
        gc.collect()
    # scripts/serve_warmup.py waits for this line before it sends a worker its first request.
    worker.log.info(
        "Worker ready (warm-up %s, %.0f ms)", "on" if WARM_UP else "off", (time.monotonic() - started) * 1000
    )

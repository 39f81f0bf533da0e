"""Time a gunicorn worker's first and second request, with the warm-up of deploy/gunicorn.conf.py and without.

Usage:  DATABASE_URL=postgres://… .venv/bin/python scripts/serve_warmup.py [--repeat 5]

The database needs the demo data (`manage.py load_demo`); static files are collected into a
temporary folder first (`manage.py prepare_serve`, as `make serve` runs it). Each round starts
gunicorn with one worker, waits until the worker says it is ready, times two identical requests
over fresh connections, and stops it: the first request is the one a new or recycled worker
serves, the second what every later one costs.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The demo participant (demo/build.py: DEMO_PASSWORD); the dashboard is their home page.
LOGIN = {"username": "peserta", "password": "demo12345"}
PAGES = {"login page": "/accounts/login/", "participant dashboard": "/projects/"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database with the demo data (manage.py load_demo).")
    port = free_port()
    os.environ.update(
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(prefix="diklat-static-"),
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    subprocess.run([sys.executable, "manage.py", "prepare_serve", "--verbosity", "0"], cwd=ROOT, check=True)
    with Server(warm=True):
        cookie = log_in(port)
        get(port, PAGES["participant dashboard"], cookie)  # the first visit stores the user's time zone

    print(f"gunicorn, 1 sync worker, DEBUG=0, {os.environ['DATABASE_URL'].split(':')[0]}; median of {args.repeat}")
    print(f"{'':24}{'warm-up':>8}{'first ms':>10}{'second ms':>11}{'first/second':>14}{'(fastest of each)':>20}")
    for name, path in PAGES.items():
        for warm in (False, True):
            firsts, seconds = [], []
            for _ in range(args.repeat):
                with Server(warm=warm):
                    firsts.append(timed_get(port, path, cookie))
                    seconds.append(timed_get(port, path, cookie))
            first, second = statistics.median(firsts), statistics.median(seconds)
            fastest = f"{min(firsts):.1f} / {min(seconds):.1f}"
            ratio = first / second
            print(f"{name:24}{'on' if warm else 'off':>8}{first:10.1f}{second:11.1f}{ratio:14.2f}{fastest:>20}")


class Server:
    """gunicorn with deploy/gunicorn.conf.py, running until the block ends."""

    def __init__(self, *, warm: bool):
        self.env = {**os.environ, "GUNICORN_WARMUP": "1" if warm else "0"}

    def __enter__(self):
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines = []
        for line in self.process.stderr:
            lines.append(line)
            if "Worker ready" in line:
                break
        else:
            sys.exit("gunicorn stopped before its worker was ready:\n" + "".join(lines))
        # Keep reading, or a full pipe would block the server's logging.
        threading.Thread(target=self.process.stderr.read, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def log_in(port: int) -> str:
    """Log the demo participant in through the login form and return the cookies to send."""
    response, body = get(port, PAGES["login page"], "")
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request(
        "POST",
        PAGES["login page"],
        urlencode({**LOGIN, "csrfmiddlewaretoken": token}),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )
    answer = connection.getresponse()
    answer.read()
    session = re.search(r"sessionid=([^;]+)", answer.getheader("Set-Cookie") or "")
    if answer.status != 302 or not session:
        sys.exit(f"Could not log in as {LOGIN['username']} (HTTP {answer.status}): is the demo loaded?")
    return f"csrftoken={csrf}; sessionid={session.group(1)}"


def get(port: int, path: str, cookie: str) -> tuple[http.client.HTTPResponse, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        sys.exit(f"GET {path} answered {response.status}")
    return response, body


def timed_get(port: int, path: str, cookie: str) -> float:
    started = time.perf_counter()
    get(port, path, cookie)
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()

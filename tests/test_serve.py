"""`make serve` for real: gunicorn with deploy/gunicorn.conf.py, two workers, debug off, on the test database.

The server runs what scripts/serve.sh runs after its checks of the environment (`manage.py
prepare_serve`, then gunicorn), against a copy of the test database on SQLite (an in-memory
database cannot be shared with another process) and the test database itself on PostgreSQL.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.processes import served_database_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2

pytestmark = pytest.mark.serve


class Server:
    def __init__(self, env: dict[str, str], port: int):
        self.port = port
        self.ready: list[str] = []
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "diklat.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self):
        for line in self.process.stderr:
            self.log.append(line)
            if "Worker ready" in line:
                self.ready.append(line)

    def wait_until_ready(self, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while len(self.ready) < WORKERS:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start its workers:\n" + "".join(self.log))
            time.sleep(0.05)

    def request(self, method: str, path: str, body: str | None = None, **headers: str) -> http.client.HTTPResponse:
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        client.request(method, path, body, {name.replace("_", "-"): value for name, value in headers.items()})
        response = client.getresponse()
        response.body = response.read()
        return response


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    with django_db_blocker.unblock():
        database_url = served_database_url(tmp_path)
    port = free_port()
    # conftest.py allows async-unsafe calls for Playwright; the deployment checks rightly refuse it.
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # The test speaks plain HTTP to gunicorn, with no proxy in front to end TLS.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    subprocess.run([sys.executable, "manage.py", "prepare_serve", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    served = Server(env, port)
    try:
        served.wait_until_ready()
        yield served
    finally:
        served.process.terminate()
        code = served.process.wait(timeout=30)
    assert code == 0, "gunicorn did not stop cleanly on SIGTERM:\n" + "".join(served.log)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_starts_as_many_workers_as_asked_for(server):
    pids = {re.search(r"\[(\d+)\] \[INFO\] Worker ready", line).group(1) for line in server.ready}
    assert len(pids) == WORKERS


def test_the_login_page_is_served_and_never_cached(server):
    response = server.request("GET", "/accounts/login/")
    assert response.status == 200
    assert response.getheader("Server") == "gunicorn"
    assert "no-store" in response.getheader("Cache-Control")
    assert "private" in response.getheader("Cache-Control")


def test_static_files_come_hashed_from_whitenoise_cached_for_ever(server):
    page = server.request("GET", "/accounts/login/").body.decode()
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
    response = server.request("GET", stylesheet)
    assert response.status == 200
    assert response.getheader("Cache-Control") == "max-age=315360000, public, immutable"
    assert response.getheader("Content-Encoding") is None


def test_static_files_come_compressed_when_the_browser_accepts_it(server):
    page = server.request("GET", "/accounts/login/").body.decode()
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
    plain = server.request("GET", stylesheet)
    response = server.request("GET", stylesheet, Accept_Encoding="gzip")
    assert response.getheader("Content-Encoding") == "gzip"
    assert len(response.body) < len(plain.body)


def https_login_post(server, **headers):
    page = server.request("GET", "/accounts/login/")
    csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body.decode()).group(1)
    origin = f"https://127.0.0.1:{server.port}"
    return server.request(
        "POST",
        "/accounts/login/",
        urlencode({"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token}),
        Content_Type="application/x-www-form-urlencoded",
        Cookie=f"csrftoken={csrf}",
        Origin=origin,
        Referer=f"{origin}/accounts/login/",
        **headers,
    )


def test_behind_a_local_tls_proxy_the_app_knows_the_request_was_https(server):
    # The form comes back with its error (200), not CSRF's 403: the https Origin matched.
    assert https_login_post(server, X_Forwarded_Proto="https").status == 200


def test_without_the_proxy_header_an_https_origin_is_refused(server):
    assert https_login_post(server).status == 403


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({}, "DATABASE_URL is not set"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL is not PostgreSQL"),
        ({"DATABASE_URL": "postgres://db/tracker"}, "DJANGO_SECRET_KEY is not set"),
        ({"DATABASE_URL": "postgres://db/tracker", "DJANGO_SECRET_KEY": "k", "DJANGO_DEBUG": "1"}, "DJANGO_DEBUG=1"),
        ({"DATABASE_URL": "postgres://db/tracker", "DJANGO_SECRET_KEY": "k"}, "DJANGO_ALLOWED_HOSTS is not set"),
    ],
)
def test_make_serve_refuses_an_environment_unfit_for_production(env, complaint):
    # PY points nowhere: the script must stop before it starts anything.
    result = subprocess.run(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PY": "/nonexistent/python", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert complaint in result.stderr

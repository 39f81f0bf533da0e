"""A WhatsApp gateway on a real socket (127.0.0.1, a free port) that tests can script.

It keeps the contract notifications/channels/whatsapp.py relies on: a bearer token (401 without it), JSON in,
{"id": …} out, and an Idempotency-Key honoured, so a second POST with the same key gets the first id back and
is not delivered twice. A subprocess (a worker killed mid-task) can reach it through `.url` as well.

    fake_gateway.respond(status=500)                       # the next request fails with 500
    fake_gateway.respond(status=500, times=3)              # the next three do
    fake_gateway.respond(delay=2.0)                        # the next is accepted, but only after 2 s
    fake_gateway.respond(status=429, retry_after=7)
    fake_gateway.respond(status=400, body={"error": "nomor tidak terdaftar di WhatsApp"})
    fake_gateway.respond(status=200, body="not json")      # a raw body instead of {"id": …}
"""

import itertools
import json
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class Received:
    """One message the gateway accepted (and would have delivered)."""

    to: str
    message: str
    reference: str
    headers: dict[str, str]  # names in Title-Case: Authorization, Idempotency-Key, Content-Type
    id: str


@dataclass
class Script:
    status: int | None = None  # None: answer as a working gateway would
    body: dict | str | bytes | None = None
    delay: float = 0.0
    retry_after: float | str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class FakeGateway:
    def __init__(self, token: str | None = None):
        self.token = token or secrets.token_urlsafe(24)
        self.messages: list[Received] = []
        self._requests = 0
        self._scripts: deque[Script] = deque()
        self._ids_by_key: dict[str, str] = {}
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-whatsapp-gateway", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/messages"

    @property
    def requests(self) -> int:
        """Every request that reached the gateway, whatever it was answered."""
        with self._lock:
            return self._requests

    def respond(self, status=None, *, body=None, delay=0.0, retry_after=None, headers=None, times=1) -> None:
        """Answer the next `times` requests this way (in order, after any already scripted)."""
        with self._lock:
            for _ in range(times):
                self._scripts.append(Script(status, body, delay, retry_after, dict(headers or {})))

    def start(self) -> "FakeGateway":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers still sleeping out a scripted delay
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- called from the server's threads ---------------------------------------------------------

    def _next_script(self) -> Script:
        with self._lock:
            self._requests += 1
            return self._scripts.popleft() if self._scripts else Script()

    def _accept(self, headers: dict[str, str], payload: dict) -> tuple[int, dict]:
        key = headers.get("Idempotency-Key", "")
        with self._lock:
            if key and key in self._ids_by_key:
                return 200, {"id": self._ids_by_key[key], "duplicate": True}
            message_id = f"wamid.{next(self._numbers):06d}"
            if key:
                self._ids_by_key[key] = message_id
            self.messages.append(
                Received(payload["to"], payload["message"], payload.get("reference", ""), headers, message_id)
            )
        return 200, {"id": message_id}


def _handler_for(gateway: FakeGateway):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            script = gateway._next_script()
            if script.delay and gateway._stopping.wait(script.delay):
                return  # the test is over
            if script.status is not None:
                extra = dict(script.headers)
                if script.retry_after is not None:
                    extra["Retry-After"] = str(script.retry_after)
                return self._answer(script.status, script.body if script.body is not None else {}, extra)
            if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                return self._answer(401, {"error": "invalid or missing bearer token"})
            try:
                payload = json.loads(raw)
                assert isinstance(payload.get("to"), str) and isinstance(payload.get("message"), str)
            except (ValueError, AttributeError, AssertionError):
                return self._answer(400, {"error": "expected JSON with to and message"})
            headers = {name.title(): value for name, value in self.headers.items()}  # urllib sends Idempotency-key
            status, answer = gateway._accept(headers, payload)
            self._answer(status, script.body if script.body is not None else answer)

        def _answer(self, status: int, body, headers=None):
            data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test)

        def log_message(self, format, *args):
            pass  # quiet: pytest shows what matters

    return Handler


@pytest.fixture
def fake_gateway(settings):
    """A running gateway, with WHATSAPP_GATEWAY_URL/TOKEN/TIMEOUT pointing at it (a 0.5 s timeout)."""
    with FakeGateway() as gateway:
        settings.WHATSAPP_GATEWAY_URL = gateway.url
        settings.WHATSAPP_GATEWAY_TOKEN = gateway.token
        settings.WHATSAPP_GATEWAY_TIMEOUT = 0.5
        yield gateway

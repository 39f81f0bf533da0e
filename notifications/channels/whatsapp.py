"""WhatsApp through an HTTP gateway, and a console stand-in for development.

The gateway contract: POST JSON {"to": "+62…", "message": "…", "reference": "…"} to WHATSAPP_GATEWAY_URL with
`Authorization: Bearer <WHATSAPP_GATEWAY_TOKEN>` and `Idempotency-Key: <reference>`; a 2xx answer carries
{"id": "<the gateway's message id>"}. The standard library is enough for one JSON POST.
"""

import email.utils
import http.client
import json
import logging
import math
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from typing import TextIO

from django.conf import settings
from django.core.exceptions import ValidationError

from notifications.channels.base import Outgoing, PermanentFailure, TemporaryFailure
from people.phone import normalise_mobile

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0  # seconds
ERROR_TEXT_LIMIT = 300  # characters of the gateway's own error text kept in a failure
MAX_RESPONSE_BYTES = 64 * 1024
# 408 Request Timeout, 409 Conflict (a request with the same Idempotency-Key still in progress), 425 Too Early
# and 429 Too Many Requests say "not now"; every other 4xx says the request itself is wrong.
TEMPORARY_4XX = {408, 409, 425, 429}


def whatsapp_text(message: Outgoing) -> str:
    """The subject in bold (WhatsApp's *…*), a blank line, then the plain text; no HTML."""
    subject = " ".join(message.subject.split())
    text = message.text.strip()
    if not subject:
        return text
    return f"*{subject}*\n\n{text}" if text else f"*{subject}*"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would turn a redirected POST into a GET and drop the message."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class WhatsAppGateway:
    """Send one WhatsApp message per call through the HTTP gateway; see the module's docstring."""

    name = "whatsapp"

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float | None = None):
        self.url = url if url is not None else getattr(settings, "WHATSAPP_GATEWAY_URL", "")
        self._token = token if token is not None else getattr(settings, "WHATSAPP_GATEWAY_TOKEN", "")
        configured = timeout if timeout is not None else getattr(settings, "WHATSAPP_GATEWAY_TIMEOUT", DEFAULT_TIMEOUT)
        self.timeout = float(configured)

    def __repr__(self):
        return f"<WhatsAppGateway {self.url}>"  # never the token

    def send(self, message: Outgoing) -> str:
        if not self.url.startswith(("http://", "https://")):
            raise PermanentFailure(f"WHATSAPP_GATEWAY_URL must be an http:// or https:// address, not {self.url!r}.")
        try:
            to = normalise_mobile(message.to)
        except ValidationError as error:
            raise PermanentFailure(f"{message.to!r} is not a WhatsApp number: {error.messages[0]}") from None
        body = json.dumps({"to": to, "message": whatsapp_text(message), "reference": message.reference})
        request = urllib.request.Request(self.url, data=body.encode(), method="POST", headers=self._headers(message))
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                status, payload = response.status, response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            raise self._refusal(error.code, error.headers, _read(error)) from None
        except TimeoutError:
            raise self._timed_out() from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timed_out() from None
            reason = _network_reason(error.reason)
            raise TemporaryFailure(f"The WhatsApp gateway could not be reached: {reason}.") from error
        except (http.client.HTTPException, ConnectionError) as error:
            raise TemporaryFailure(
                f"The WhatsApp gateway dropped the connection ({type(error).__name__}): it may or may not have sent."
            ) from error
        except OSError as error:  # a TLS or socket error while reading the answer
            raise TemporaryFailure(f"The WhatsApp gateway connection failed: {_network_reason(error)}.") from error
        return self._provider_id(status, payload, message)

    def _timed_out(self) -> TemporaryFailure:
        # The gateway may have accepted the message before the answer was lost: the retry carries the same
        # Idempotency-Key, so a gateway that honours it does not send twice.
        return TemporaryFailure(f"The WhatsApp gateway timed out: no answer within {self.timeout:g} s.")

    def _headers(self, message: Outgoing) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        if message.reference:
            headers["Idempotency-Key"] = message.reference
        return headers

    def _provider_id(self, status: int, payload: bytes, message: Outgoing) -> str:
        try:
            provider_id = json.loads(payload).get("id")
        except (ValueError, AttributeError):
            provider_id = None
        if isinstance(provider_id, int | str) and not isinstance(provider_id, bool) and str(provider_id):
            return str(provider_id)
        # The gateway said 2xx, so the message may well be on its way: a PermanentFailure would record a delivered
        # message as failed, and a TemporaryFailure would send it again, which only a gateway that honours the
        # Idempotency-Key makes harmless, and this one is already not keeping its contract. So it counts as sent
        # with no id, and operators are told.
        logger.warning(
            "WhatsApp gateway answered %s without a message id for reference %s; counted as sent. Body: %r",
            status,
            message.reference or "(none)",
            self._scrubbed(payload.decode("utf-8", "replace"))[:ERROR_TEXT_LIMIT],
        )
        return ""

    def _refusal(self, status: int, headers, payload: bytes) -> Exception:
        said = self._scrubbed(_error_text(payload))[:ERROR_TEXT_LIMIT]  # scrubbed first: no token half left in
        if status == 429:
            retry_after = _retry_after(headers.get("Retry-After") if headers else None)
            wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
            return TemporaryFailure(f"The WhatsApp gateway is rate-limiting (429){wait}.", retry_after=retry_after)
        if status >= 500 or status in TEMPORARY_4XX:
            return TemporaryFailure(f"The WhatsApp gateway answered {status}{_quoted(said)}.")
        if status == 401:
            return PermanentFailure(
                "The WhatsApp gateway refused our credentials (401): a configuration error, not the recipient's "
                "number. Check WHATSAPP_GATEWAY_TOKEN."
            )
        if 300 <= status < 400:
            location = headers.get("Location", "") if headers else ""
            return PermanentFailure(
                f"The WhatsApp gateway redirected ({status}) to {location or 'another address'}: "
                "set WHATSAPP_GATEWAY_URL to the final address."
            )
        return PermanentFailure(f"The WhatsApp gateway refused the message ({status}){_quoted(said)}.")

    def _scrubbed(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text


class ConsoleWhatsApp:
    """Print each message instead of sending it, like Django's console e-mail backend (development only)."""

    name = "whatsapp"
    _lock = threading.Lock()

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream

    def send(self, message: Outgoing) -> str:
        provider_id = f"console-{message.reference or uuid.uuid4().hex}"
        stream = self.stream or sys.stdout  # looked up per message, so a redirected stdout is honoured
        with self._lock:
            stream.write(f"WhatsApp to {message.to} (reference {message.reference or '-'}, id {provider_id})\n")
            stream.write(whatsapp_text(message) + "\n")
            stream.write("-" * 79 + "\n")
            stream.flush()
        return provider_id


def whatsapp_channel() -> WhatsAppGateway | ConsoleWhatsApp:
    """The gateway when WHATSAPP_GATEWAY_URL is set, else the console."""
    if getattr(settings, "WHATSAPP_GATEWAY_URL", ""):
        return WhatsAppGateway()
    return ConsoleWhatsApp()


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read(MAX_RESPONSE_BYTES)
    except (OSError, http.client.HTTPException):
        return b""


def _error_text(payload: bytes) -> str:
    """The gateway's own words: {"error": …} or {"message": …} when it sent JSON, else the body as text."""
    text = payload.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if isinstance(data, dict):
        for key in ("error", "message", "detail"):
            if isinstance(data.get(key), str):
                return data[key]
            if isinstance(data.get(key), dict) and isinstance(data[key].get("message"), str):
                return data[key]["message"]
    return text


def _quoted(said: str) -> str:
    return f": {said}" if said else ""


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, from either of its forms (delta-seconds or an HTTP date); None when unreadable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            return None
        seconds = moment.timestamp() - time.time()
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _network_reason(reason) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return f"the host name could not be resolved (DNS: {reason.strerror or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)

"""The rotating check-in code on the organiser's screen: short, tied to one event and one day, and soon stale.

A code is an HMAC of the event, the day and the current time step, so the server keeps no state:
the code of this step and of the one before are accepted (a code read just before it turned
still works), nothing older. The QR code carries the same code with its day, so that a code
photographed yesterday is refused with a message that says so.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

# No 0/O, 1/I/L: the code can be read off a projector and typed on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6


def step_seconds() -> int:
    return settings.EVENT_CHECK_IN_CODE_SECONDS


def _step(moment: datetime.datetime) -> int:
    return int(moment.timestamp()) // step_seconds()


def _code(event_id: int, day: datetime.date, session_id: int | None, step: int) -> str:
    message = f"event-check-in:{event_id}:{day.isoformat()}:{session_id or 0}:{step}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _position in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


@dataclass(frozen=True)
class ShownCode:
    code: str
    day: datetime.date
    valid_until: datetime.datetime  # when the next code replaces it on the screen


def current(event_id: int, day: datetime.date, session_id: int | None, now: datetime.datetime) -> ShownCode:
    step = _step(now)
    until = datetime.datetime.fromtimestamp((step + 1) * step_seconds(), tz=datetime.UTC)
    return ShownCode(_code(event_id, day, session_id, step), day, until)


def normalise(typed: str) -> str:
    return "".join((typed or "").split()).upper()


def age_in_steps(
    event_id: int, day: datetime.date, session_id: int | None, typed: str, now: datetime.datetime, *, within: int
) -> int | None:
    """How many steps ago the code was shown for that day (and session): 0 now, 1 the step before; None if
    it was not shown in the last ``within`` steps (or is not a code at all)."""
    code = normalise(typed)
    if len(code) != LENGTH:
        return None
    step = _step(now)
    for back in range(within + 1):
        if hmac.compare_digest(code, _code(event_id, day, session_id, step - back)):
            return back
    return None

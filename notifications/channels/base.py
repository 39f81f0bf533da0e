"""The one small interface every outgoing channel implements."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    """One message to one address, already rendered in the recipient's language."""

    to: str  # an e-mail address, or a mobile number as +62…
    subject: str
    text: str
    html: str = ""
    # The same for every attempt of one delivery: a gateway that honours it never sends twice, even when
    # a worker was killed after the gateway accepted the message but before the delivery was marked sent.
    reference: str = ""
    unsubscribe_url: str = ""


class TemporaryFailure(Exception):
    """The channel could not send now (timeout, 5xx, rate limit): try again later."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class PermanentFailure(Exception):
    """Sending again will not help (the address is refused, the gateway rejects the request)."""


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> str:
        """Send the message; return the provider's id for it, or raise one of the failures above."""

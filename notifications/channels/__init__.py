"""The ways a notification leaves the app: e-mail and WhatsApp (the in-app centre is the notification itself)."""

from .base import Channel
from .email import EmailChannel
from .whatsapp import whatsapp_channel


def channel_for(name: str) -> Channel:
    """The channel to send on; WhatsApp's reads the gateway's settings each time (console without a URL)."""
    return EmailChannel() if name == "email" else whatsapp_channel()

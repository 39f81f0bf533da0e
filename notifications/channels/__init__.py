"""The ways a notification leaves the app: e-mail and WhatsApp (the in-app centre is the notification itself)."""

from .base import Channel


def channel_for(name: str) -> Channel:
    if name == "email":
        from .email import EmailChannel

        return EmailChannel()
    from .whatsapp import whatsapp_channel  # reads the gateway's settings when first asked

    return whatsapp_channel()

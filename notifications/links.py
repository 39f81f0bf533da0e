"""Addresses in messages: the notification's own link (marks it read) and the signed unsubscribe link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def public_url(path: str) -> str:
    return settings.RECORDS_PUBLIC_URL.rstrip("/") + path


def open_url(notification_id: int) -> str:
    return public_url(reverse("notifications:open", args=[notification_id]))


def unsubscribe_token(user_id: int, kind: str) -> str:
    """Signed, not stored: the link works without logging in and only for its user and kind ("" for all)."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def unsubscribe_url(user_id: int, kind: str) -> str:
    return public_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, kind)]))

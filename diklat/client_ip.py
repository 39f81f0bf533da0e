"""The client's address, as the login lockout, the API throttle and the security log all see it."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The socket's address, or with NUM_PROXIES trusted proxies the one they appended to X-Forwarded-For.

    The same rule as DRF's throttles (the NUM_PROXIES-th address from the right), so that a client
    cannot pick its own address by sending the header: only the entries our proxies added count.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR")

"""HTTPS and browser-policy settings that take more than a line, read from the environment.

Behind a proxy that ends TLS, Django must learn that a request came over https, or the HTTPS
redirect loops: either gunicorn trusts the proxy's X-Forwarded-Proto (FORWARDED_ALLOW_IPS, as
`make serve` does), or DJANGO_SECURE_PROXY_SSL_HEADER names the header (only behind a proxy that
always sets it: a client could send it too).
"""

from collections.abc import Mapping

# Browser features the app never uses, turned off for every response (diklat.security_headers).
UNUSED_FEATURES = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
PERMISSIONS_POLICY: dict[str, list[str]] = {feature: [] for feature in UNUSED_FEATURES}


def proxy_ssl_header(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` → ``("HTTP_X_FORWARDED_PROTO", "https")``; None when not set."""
    header = environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
    return ("HTTP_" + header.upper().replace("-", "_"), "https") if header else None

"""A deployment check: the verification links printed on the official PDFs must point to the public site."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


@register(Tags.security, deploy=True)
def public_url_is_the_sites(app_configs=None, **kwargs):
    """Every PDF issued carries its verification URL for good: a localhost one can never be followed."""
    url = urlsplit(settings.RECORDS_PUBLIC_URL)
    problems = []
    if url.hostname in LOCAL_HOSTS or url.hostname is None:
        problems.append(f"names {url.hostname or 'no host'}")
    elif url.scheme != "https":
        problems.append("is not https")
    if not problems:
        return []
    return [
        Warning(
            f"DJANGO_PUBLIC_URL ({settings.RECORDS_PUBLIC_URL}) {problems[0]}: the verification link and QR code "
            "printed on every official PDF would not reach this site, and a PDF never changes once issued.",
            hint="Set DJANGO_PUBLIC_URL to the site's public address, e.g. https://tracker.example.go.id.",
            id="records.W001",
        )
    ]

"""Redirects of the notification pages: only ever to a path on this site."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def is_local_path(target: str) -> bool:
    """A path on this site ("/projects/4/"), never another site, a scheme or a protocol-relative URL."""
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    )


def back(request, prefix: str, default: str):
    """To the page a form was posted from (its "next", a path under ``prefix``), else to ``default``."""
    target = request.POST.get("next", "")
    return redirect(target if target.startswith(prefix) and is_local_path(target) else default)

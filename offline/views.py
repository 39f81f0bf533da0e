"""The installable app: its manifest, the service worker, the page shown offline, and the outbox's page."""

import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

# The pages the worker keeps from its install on are the same for everyone: no one's name in their header,
# as they stay on the phone after a logout.
SHELL_CONTEXT = {"shell_page": True, "user": AnonymousUser(), "messages": ()}  # messages: left for the next page

# What the service worker keeps from its install on, so that any page seen before can be shown offline
# with its look and its scripts, and the outbox opens without the network.
SHELL_ASSETS = [
    "css/app.css",
    "js/menu.js",
    "js/lightbox.js",
    "js/outbox-store.js",
    "js/outbox.js",
    "js/outbox-page.js",
    "icons/icon-192.png",
]


@cache_control(max_age=86400)
def manifest(request):
    data = {
        "name": _("Diklat Tracker"),
        "short_name": _("Diklat"),
        "description": _("Change projects of the leadership training, from design to rollout."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d8c",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@never_cache
def service_worker(request):
    """The worker, named with the static files' hashed names: a deploy that changes one changes the worker,
    which the browser then installs in place of the old (served uncached, so it asks on every start)."""
    shell = [static(asset) for asset in SHELL_ASSETS] + [reverse("offline:page"), reverse("offline:outbox")]
    context = {
        "version": hashlib.sha256(json.dumps(shell).encode()).hexdigest()[:12],
        "shell": json.dumps(shell),
        "offline_page": json.dumps(reverse("offline:page")),
        "store_script": json.dumps(static("js/outbox-store.js")),
        "static_prefix": json.dumps(static("")),
    }
    response = render(request, "offline/service-worker.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


def offline_page(request):
    """Shown in place of a page never seen before, while there is no network (so nobody's data in it)."""
    return render(request, "offline/offline.html", SHELL_CONTEXT)


def outbox_page(request):
    """What waits on this phone to be sent; the list itself is read from the phone (static/js/outbox.js)."""
    return render(request, "offline/outbox.html", SHELL_CONTEXT)

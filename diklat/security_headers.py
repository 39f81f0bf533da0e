"""Response headers that SecurityMiddleware does not send: Permissions-Policy, and no-store for signed-in users."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value: ``camera=()``, or ``fullscreen=(self)`` for a feature allowed to the site itself."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Turn off the browser features the app never uses (settings.PERMISSIONS_POLICY), for every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivateResponsesMiddleware:
    """Keep what a signed-in user was shown out of every cache: a browser's on a shared office PC too.

    Checked after the view, as DRF signs in a token user only inside it. A response that set its
    own Cache-Control keeps it (charts: private, revalidated by ETag; evidence: no-store);
    anonymous pages (the public /verify/ page) and static files (whitenoise answers before this
    runs) are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response

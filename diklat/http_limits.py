"""The request-body limit, checked on the Content-Length header before any of the body is read."""

from django.conf import settings

from diklat.error_views import too_large


def body_limit(content_type: str) -> int:
    """The most bytes a body of this type may have: evidence files in a multipart form, else form or JSON data."""
    if content_type.startswith("multipart/"):
        return settings.REQUEST_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestBodyLimitMiddleware:
    """Answer 413 to a body past its limit instead of reading (or spooling to disk) all of it first.

    Django checks DATA_UPLOAD_MAX_MEMORY_SIZE only once it reads the body, and never for files; a
    60 MiB upload would reach the evidence checks whole. The header is all this needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        limit = body_limit(request.META.get("CONTENT_TYPE", ""))
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)

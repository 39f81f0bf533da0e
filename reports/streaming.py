"""A streamed download: the body is produced while it is sent, in the language and time zone of the request."""

from collections.abc import Callable, Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone, translation


def in_context(chunks: Callable[[], Iterable], language: str, zone) -> Iterator:
    """Run a streaming generator in the request's language and time zone, which are gone once the view returns."""
    with translation.override(language), timezone.override(zone):
        yield from chunks()


def attachment(chunks: Callable[[], Iterable], filename: str, content_type: str) -> StreamingHttpResponse:
    """A download whose body ``chunks()`` produces as it is sent, with no length known beforehand."""
    body = in_context(chunks, translation.get_language(), timezone.get_current_timezone())
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

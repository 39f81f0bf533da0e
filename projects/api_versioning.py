"""ETag and If-Match for the API's rows that carry a version (diklat.versioning).

A row's responses carry ``ETag: "v<version>"``; a write sent with ``If-Match`` is made only
from that version, and answers 412 Precondition Failed, with what changed since, when the row
has moved on. Without If-Match a write is accepted as before (the pages send their version).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from diklat.versioning import StaleVersion, etag_of, parse_if_match

from .timeline import changes_since

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_('The ETag of the version the change is made from, e.g. "v3": 412 when the row has changed since.'),
)
STALE_RESPONSE = OpenApiResponse(
    inline_serializer(
        "StaleVersion",
        {
            "detail": serializers.CharField(),
            "current_version": serializers.IntegerField(),
            "changes": serializers.ListField(
                child=inline_serializer(
                    "StaleChange",
                    {
                        "at": serializers.DateTimeField(),
                        "by": serializers.CharField(allow_null=True),
                        "field": serializers.CharField(),
                        "old": serializers.CharField(),
                        "new": serializers.CharField(),
                    },
                )
            ),
        },
    ),
    description=_("Precondition Failed: the row changed since the version named in If-Match; nothing was saved."),
)


def stale_response(error: StaleVersion) -> Response:
    changes = [
        {
            "at": entry.at,
            "by": entry.by.get_full_name() if entry.by else None,
            "field": change.label,
            "old": change.old_text,
            "new": change.new_text,
        }
        for entry in changes_since(error.instance, error.expected)
        for change in entry.changes
    ]
    response = Response(
        {"detail": error.messages[0], "current_version": error.instance.version, "changes": changes},
        status=status.HTTP_412_PRECONDITION_FAILED,
    )
    response["ETag"] = etag_of(error.instance)
    return response


class VersionedRowMixin:
    """For a viewset of versioned rows: ETag on one row's answers, If-Match honoured by the services."""

    def expected_version(self) -> int | None:
        return parse_if_match(self.request.headers.get("If-Match"))

    def handle_exception(self, exc):
        if isinstance(exc, StaleVersion):
            return stale_response(exc)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if 200 <= response.status_code < 300 and isinstance(data, dict) and "version" in data and "id" in data:
            response["ETag"] = f'"v{data["version"]}"'
        return response

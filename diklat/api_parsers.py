"""A JSON parser that refuses bodies nested deeper than any request of this API needs."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def nesting_depth(value) -> int:
    """How deep lists and objects nest in a parsed JSON value (a scalar is 0), without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest


class DepthLimitedJSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 for a body nested past ``API_JSON_MAX_DEPTH``.

    Python's decoder raises RecursionError (a 500) at about a thousand levels, and a serializer
    walking a deep value recurses too; no request of this API nests more than a few levels.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = ParseError(
            _("JSON parse error - the body is nested too deep (at most %(depth)d levels).")
            % {"depth": settings.API_JSON_MAX_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if nesting_depth(data) > settings.API_JSON_MAX_DEPTH:
            raise too_deep
        return data

"""The OpenAPI document says every error an operation can answer with, as the API really answers.

drf-spectacular documents the success response and what a view declares itself; the errors that
DRF, the middleware and diklat.api_errors give every view alike are added here, from what the
operation has: a body can be malformed (400), too large (413) or of a type no parser reads (415);
a query can name an invalid filter value (400); a path names a row that is not there or not
visible to this user (404), and so does a cursor that is not one of ours; a write can be refused
(403: no permission, or a session without its CSRF token); an operation that needs a user answers
401 with ``WWW-Authenticate`` to a request without one, and one open to anonymous requests can be
throttled (429). Every error body is JSON (diklat.error_views outside DRF).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A serializer's errors: each field (or non_field_errors) to its messages, nested for nested fields;
# a malformed body gives {"detail": ...} instead.
FIELD_ERRORS = {
    "anyOf": [{"type": "object", "additionalProperties": {}}, {"type": "array", "items": {}}],
    "description": "Field name (or non_field_errors) to a list of messages, or {'detail': message}; "
    "a list of such objects (one per item) when the body is a list.",
}
# For a read that refuses some users itself (a participant's unreleased result): @extend_schema(responses={403: ...}).
FORBIDDEN = OpenApiResponse({"$ref": "#/components/schemas/ErrorDetail"}, description=_("Not allowed for this user."))
# Permissions every authenticated request passes: a GET guarded by these alone is never a 403.
_ANY_USER = (permissions.AllowAny, permissions.IsAuthenticated)
_CURSOR = "cursor"
_PAGING = {_CURSOR, "ordering"}  # a cursor that is not ours is a 404, an unknown ordering is ignored
NO_NUL = "^[^\\u0000]*$"


class ErrorDocumentingSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            if parameter["in"] != "query":
                continue
            if schema.get("type") != "string" or {"enum", "format"} & set(schema):
                # A filter sent empty (?cohort=) is no filter, as django-filter and the report forms read it.
                parameter["allowEmptyValue"] = True
            elif parameter["name"] not in _PAGING and not {"enum", "pattern", "format"} & set(schema):
                schema["pattern"] = NO_NUL  # every text field refuses the NUL character (PostgreSQL cannot store it)
        responses = operation["responses"]
        for status, (description, component) in self._errors(operation).items():
            responses.setdefault(str(status), self._error_response(description, component, status))
        return operation

    def map_parsers(self):
        # A nested object or a list of objects has no form encoding: such a body is JSON only.
        media_types = super().map_parsers()
        if _has_structured_fields(self.get_request_serializer()):
            return [media for media in media_types if media == "application/json"]
        return media_types

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        blank_allowed = isinstance(field, serializers.URLField) and (field.allow_blank or field.read_only)
        if blank_allowed and schema.get("format") == "uri":
            # A blank link is "", which is no URI: say that either comes. (A read-only field of a model loses its
            # allow_blank; every URL column of ours is blank=True.)
            schema = {key: value for key, value in schema.items() if key not in ("type", "format")}
            schema["anyOf"] = [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]
        return schema

    def _errors(self, operation) -> dict[int, tuple[str, str]]:
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        in_query = {p["name"] for p in parameters if p["in"] == "query"}
        in_path = any(p["in"] == "path" for p in parameters)
        anonymous_allowed = {} in operation.get("security", [{}])
        writes = self.method not in permissions.SAFE_METHODS
        errors: dict[int, tuple[str, str]] = {}
        if has_body or writes or in_query - {_CURSOR}:
            errors[400] = (_("The request is invalid: the fields in error and why."), "FieldErrors")
        if not anonymous_allowed:
            errors[401] = (_("No valid credentials: log in or send a token."), "ErrorDetail")
        if writes or self._restricted():
            errors[403] = (_("Not allowed for this user."), "ErrorDetail")
        if in_path or _CURSOR in in_query:
            errors[404] = (_("Not found, or not visible to this user."), "ErrorDetail")
        if has_body:
            errors[413] = (_("The request is too large."), "ErrorDetail")
            errors[415] = (_("The body is of a type this operation does not read."), "ErrorDetail")
        if anonymous_allowed:
            errors[429] = (_("Too many requests: try again later."), "ErrorDetail")
        return errors

    def _restricted(self) -> bool:
        return any(not isinstance(p, _ANY_USER) for p in self.view.get_permissions())

    def _error_response(self, description, component_name, status) -> dict:
        schema = FIELD_ERRORS if component_name == "FieldErrors" else ERROR_DETAIL
        component = ResolvedComponent(
            name=component_name, type=ResolvedComponent.SCHEMA, object=component_name, schema=schema
        )
        self.registry.register_on_missing(component)
        response = {"description": str(description), "content": {"application/json": {"schema": component.ref}}}
        if status == 401:
            response["headers"] = {
                "WWW-Authenticate": {
                    "schema": {"type": "string"},
                    "description": str(_("The scheme to authenticate with: Token.")),
                }
            }
        return response


def _has_structured_fields(serializer) -> bool:
    if isinstance(serializer, type) and issubclass(serializer, serializers.BaseSerializer):
        serializer = serializer()
    if isinstance(serializer, serializers.ListSerializer):
        return True
    if not isinstance(serializer, serializers.Serializer):
        return False
    flat_items = serializers.FileField | serializers.CharField | serializers.IntegerField
    return any(
        isinstance(field, serializers.BaseSerializer | serializers.DictField | serializers.JSONField)
        or isinstance(field, serializers.ListField)
        and not isinstance(field.child, flat_items)
        for field in serializer.fields.values()
        if not field.read_only
    )


def refuse_unknown_fields(result, generator, request, public):
    """Every body serializer refuses keys it does not declare (diklat.api_strict): say so in the schema."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result

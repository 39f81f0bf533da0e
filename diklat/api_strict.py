"""Writes that name a field the serializer does not take are refused, not silently ignored.

DRF drops a read-only or unknown key from a write without a word, so a client that PATCHes
``status`` believes it changed the status. Every serializer that reads a request body mixes this
in (tests/robustness/test_strict_writes.py finds them through the schema and checks it).
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Sent by the browsable API's HTML forms along with the fields.
FORM_KEYS = frozenset({"csrfmiddlewaretoken"})


class RefuseUnknownFields:
    """Mixin for a Serializer: a key that is read-only or no field at all is a 400 that names it."""

    # A better word than "read-only" for a field a client is likely to try (field name → message).
    refused_field_hints: Mapping[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            refused = self.refused_fields(data)
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)

    def refused_fields(self, data: Mapping) -> dict[str, list[str]]:
        writable = {field.field_name for field in self._writable_fields}
        refused = {}
        for key in data:
            if key in writable or key in FORM_KEYS:
                continue
            if key in self.refused_field_hints:
                message = self.refused_field_hints[key]
            elif key in self.fields:
                message = _("This field is read-only.")
            else:
                message = _("There is no such field.")
            refused[key] = [message]
        return refused

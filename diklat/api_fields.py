"""Serializer fields every API shares."""

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A writable link that accepts only rows the requesting user may see.

    A row outside the user's scope reads as "does not exist", so its existence is not revealed.
    Pass ``scope`` (a function of the user returning a Q) for models without ``visible_to``.
    """

    def __init__(self, scope=None, **kwargs):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.context["request"].user
        return queryset.filter(self.scope(user)) if self.scope else queryset.visible_to(user)


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice field's value, as ``get_FOO_display()`` gives it, read-only.

    A ``source="get_status_display"`` costs an ``inspect.signature`` per row (DRF checks whether
    every callable it meets takes arguments); a list of 50 rows with three such fields spent more
    time there than in the database.
    """

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        self.translated, self.language = {}, None
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        language = get_language()
        if language != self.language:  # translated once per serializer, not once per row
            self.translated = {key: str(label) for key, label in self.labels.items()}
            self.language = language
        return self.translated.get(value, value)


@extend_schema_field(OpenApiTypes.STR)
class PersonNameField(serializers.Field):
    """A user's name (``get_full_name()``) from ``source``, the user: no callable looked up per row."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, user):
        return user.get_full_name()


@extend_schema_field({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "07:30"})
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the zone of what it belongs to (an event's WITA), written 07:30: no offset, so
    not the schema's ``format: time``, which demands one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)

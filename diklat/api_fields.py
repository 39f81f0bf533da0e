"""Serializer fields every API shares."""

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

"""Which events a user reaches through the API, and as what: resolved once per request, as small sets of ids.

A user manages the events of their organiser, judges those that name them, and attends those they are
invited to; an object of any other event is a 404, never a 403, so that its existence is not revealed.
"""

from functools import cached_property

from django.db.models import Q, QuerySet

from events.models import Event, Invitee


class Scope:
    def __init__(self, user):
        self.user = user
        self.everything = user.is_authenticated and user.is_superuser

    @cached_property
    def managed(self) -> set[int]:
        if self.everything:
            return set()
        return set(Event.objects.organised_by(self.user).values_list("pk", flat=True))

    @cached_property
    def judged(self) -> set[int]:
        if self.everything or not self.user.is_authenticated:
            return set()
        return set(Event.objects.judged_by(self.user).values_list("pk", flat=True))

    @cached_property
    def memberships(self) -> list[tuple[int, int | None]]:
        """(event id, group id or None) of the user's invitations."""
        if self.everything or not self.user.is_authenticated:
            return []
        return list(Invitee.objects.filter(user=self.user).values_list("event_id", "group_id"))

    @property
    def attended(self) -> set[int]:
        return {event_id for event_id, _group in self.memberships}

    @property
    def groups(self) -> set[int]:
        return {group_id for _event, group_id in self.memberships if group_id}

    def manages(self, event_id: int) -> bool:
        return self.everything or event_id in self.managed

    def judges(self, event_id: int) -> bool:
        return self.manages(event_id) or event_id in self.judged

    def visible(self, queryset: QuerySet, field: str = "event_id") -> QuerySet:
        """Rows of the events the user manages, judges or attends."""
        if self.everything:
            return queryset
        return queryset.filter(**{f"{field}__in": self.managed | self.judged | self.attended})

    def managed_only(self, queryset: QuerySet, field: str = "event_id") -> QuerySet:
        if self.everything:
            return queryset
        return queryset.filter(**{f"{field}__in": self.managed})

    def submissions(self, queryset: QuerySet) -> QuerySet:
        """Every submission of the events the user manages or judges; their own group's elsewhere."""
        if self.everything:
            return queryset
        return queryset.filter(Q(mission__event_id__in=self.managed | self.judged) | Q(group_id__in=self.groups))


class ScopedMixin:
    """A viewset whose rows are limited by the request's ``Scope`` (``self.scope``)."""

    @cached_property
    def scope(self) -> Scope:
        return Scope(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "scope": self.scope}

"""The events the user manages, attends or judges; the organiser's staff create, change and advance their own."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from events import setup
from events.models import Event

from .event_actions import EventActionsMixin
from .event_reads import EventReadsMixin
from .filters import EventFilter
from .inputs import AdvanceSerializer
from .scope import ScopedMixin
from .serializers import EventSerializer


class EventViewSet(
    ScopedMixin,
    EventActionsMixin,
    EventReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Leadership events (retreats, capacity-building days) the user manages, attends or judges."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    search_fields = ["title"]
    ordering_fields = ["starts_on", "title"]

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related("organiser", "host_government")

    def managed_event(self) -> Event:
        """The event of the URL (404 if the user does not see it), 403 unless the user manages it."""
        event = self.get_object()
        if not self.scope.manages(event.pk):
            raise PermissionDenied
        return event

    def judged_event(self) -> Event:
        event = self.get_object()
        if not self.scope.judges(event.pk):
            raise PermissionDenied
        return event

    @extend_schema(responses={201: EventSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.is_superuser and not request.user.organisers.exists():
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = setup.save_event(Event(**serializer.validated_data))
        self.scope.managed.add(event.pk)
        return Response(self.get_serializer(event).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        event = self.managed_event()
        serializer = self.get_serializer(event, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        for field, value in serializer.validated_data.items():
            setattr(event, field, value)
        return Response(self.get_serializer(setup.save_event(event)).data)

    @extend_schema(request=AdvanceSerializer, responses={200: EventSerializer})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the event along planned → confirmed (a venue chosen) → running → closed (staff)."""
        event = self.managed_event()
        body = AdvanceSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        event = setup.advance(event, body.validated_data["status"])
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

"""Read-only lists of what belongs to an event: venues, agenda, groups, funding lines; action items and their moves."""

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from events import actions
from events.models import ActionItem, AgendaSession, FundingLine, Group, Invitee, Venue

from .filters import ActionItemFilter, OfEventFilter
from .inputs import ActionMoveSerializer
from .scope import ScopedMixin
from .serializers import AgendaSessionSerializer, GroupSerializer, VenueSerializer
from .serializers_work import ActionItemSerializer, FundingLineSerializer


def of_event(model):
    return type(
        f"{model.__name__}Filter", (OfEventFilter,), {"Meta": type("Meta", (), {"model": model, "fields": ["event"]})}
    )


class VenueViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Candidate venues of the events the user sees, the chosen one first."""

    serializer_class = VenueSerializer
    filterset_class = of_event(Venue)

    def get_queryset(self):
        return self.scope.visible(Venue.objects.all())


class AgendaSessionViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The agenda of the events the user sees, with the speakers' materials."""

    serializer_class = AgendaSessionSerializer
    filterset_class = of_event(AgendaSession)
    ordering_fields = ["day", "starts_at"]

    def get_queryset(self):
        return self.scope.visible(AgendaSession.objects.prefetch_related("materials"))


class GroupViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The working groups of the events the user sees, with their captain and members."""

    serializer_class = GroupSerializer
    filterset_class = of_event(Group)

    def get_queryset(self):
        members = Invitee.objects.select_related("user").order_by("user__full_name", "pk")
        return self.scope.visible(
            Group.objects.select_related("captain__user").prefetch_related(Prefetch("members", queryset=members))
        )


class FundingLineViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The funding lines of the events the user manages (whole rupiah), with their documents."""

    serializer_class = FundingLineSerializer
    filterset_class = of_event(FundingLine)

    def get_queryset(self):
        return self.scope.managed_only(FundingLine.objects.prefetch_related("documents"))


class ActionItemViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The decisions and commitments of the events the user manages, and those the user owns."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ["due_date", "status"]

    def get_queryset(self):
        items = ActionItem.objects.select_related("owner", "agency")
        if self.scope.everything:
            return items
        if not self.request.user.is_authenticated:
            return items.none()
        # An owner sees their items of the events they see: nobody sees another event, even their own item there.
        owned = Q(owner=self.request.user, event_id__in=self.scope.attended | self.scope.judged)
        return items.filter(Q(event_id__in=self.scope.managed) | owned)

    @extend_schema(request=ActionMoveSerializer, responses={200: ActionItemSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the item on: the owner works on it and reports it done; the organiser's staff verify or reopen it."""
        item = self.get_object()
        body = ActionMoveSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        item = actions.move(item, body.validated_data["status"], by=request.user, note=body.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

"""Invitees of the events the user sees: their answer (apologies with a reason) and the group they are in."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from events import grouping, invitations
from events.models import Group, Invitee

from .filters import InviteeFilter
from .inputs import MoveSerializer, RespondSerializer
from .scope import ScopedMixin
from .serializers import InviteeSerializer


class InviteeViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Who is invited to the events the user sees, their answer and group; the reasons' notes for staff only."""

    serializer_class = InviteeSerializer
    filterset_class = InviteeFilter
    search_fields = ["user__full_name", "position", "agency__name"]

    def get_queryset(self):
        return self.scope.visible(Invitee.objects.select_related("user", "agency", "group"))

    def _present(self, invitee):
        return Response(self.get_serializer(self.get_queryset().get(pk=invitee.pk)).data)

    @extend_schema(request=RespondSerializer, responses={200: InviteeSerializer})
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """The invitee's answer: they attend, or send apologies with a reason; staff answer on their behalf."""
        invitee = self.get_object()
        body = RespondSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        on_behalf = invitee.user_id != request.user.pk
        if on_behalf and not self.scope.manages(invitee.event_id):
            raise PermissionDenied
        invitee = invitations.respond(
            invitee,
            attending=data["attending"],
            reason=data["reason"],
            note=data["note"],
            by=request.user,
            on_behalf=on_behalf,
        )
        return self._present(invitee)

    @extend_schema(request=MoveSerializer, responses={200: InviteeSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the invitee to another group of the event, or out of every group (staff)."""
        invitee = self.get_object()
        if not self.scope.manages(invitee.event_id):
            raise PermissionDenied
        body = MoveSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        group = None
        if body.validated_data["group"] is not None:
            group = Group.objects.filter(event_id=invitee.event_id, pk=body.validated_data["group"]).first()
            if group is None:
                raise ValidationError({"group": [_("There is no such group in this event.")]})
        return self._present(grouping.move(invitee, group))

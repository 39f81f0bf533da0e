"""What is done to an event as a whole: invite the heads of a government, check in with a code, tick, split."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events import check_ins, grouping, invitations
from events.models import AgendaSession, CheckIn
from regions.models import Region

from .inputs import CheckInCodeSerializer, InviteHeadsSerializer, SplitSerializer, TickSerializer
from .serializers import GroupSerializer
from .serializers_work import CheckInSerializer, TickResultSerializer

INVITED = inline_serializer(
    "EventInvited",
    {
        "added": serializers.IntegerField(),
        "already": serializers.IntegerField(help_text="Heads invited before."),
        "without_head": serializers.ListField(child=serializers.CharField(), help_text="Agencies with no head."),
    },
)


def _session(event, session_id):
    if session_id is None:
        return None
    session = AgendaSession.objects.filter(event=event, pk=session_id).first()
    if session is None:
        raise ValidationError({"session": [_("There is no such session in this event.")]})
    return session


class EventActionsMixin:
    @extend_schema(request=InviteHeadsSerializer, responses={200: INVITED})
    @action(detail=True, methods=["post"], url_path="invite-heads")
    def invite_heads(self, request, pk=None):
        """Invite the head of every agency of the host government (or of one of its regencies), staff only."""
        event = self.managed_event()
        body = InviteHeadsSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        host = event.host_government_id
        government = Region.objects.filter(Q(pk=host) | Q(parent_id=host), code=body.validated_data["government"])
        government = government.first()
        if government is None:
            raise ValidationError({"government": [_("Choose the host government or one of its regencies.")]})
        invited = invitations.invite_heads(event, government)
        return Response({"added": invited.added, "already": invited.already, "without_head": invited.without_head})

    @extend_schema(request=CheckInCodeSerializer, responses={201: CheckInSerializer})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Check the user in with the code on the organiser's screen (``day`` comes with a scanned QR code)."""
        event = self.get_object()
        body = CheckInCodeSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        check_in = check_ins.check_in_with_code(
            event, request.user, data["code"], day=data["day"], session=_session(event, data["session"])
        )
        check_in = CheckIn.objects.select_related("invitee__user").get(pk=check_in.pk)
        return Response(CheckInSerializer(check_in).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TickSerializer, responses={200: TickResultSerializer})
    @action(detail=True, methods=["post"])
    def tick(self, request, pk=None):
        """Staff tick people present on a day (or at a session); those already checked in are named, not counted."""
        event = self.managed_event()
        body = TickSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        wanted = set(data["invitees"])
        invitees = list(event.invitees.filter(pk__in=wanted).select_related("event", "user"))
        if len(invitees) != len(wanted):
            missing = sorted(wanted - {invitee.pk for invitee in invitees})
            raise ValidationError(
                {"invitees": [_("Not invited to this event: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]}
            )
        done, refused = check_ins.tick(
            event, invitees, day=data["day"], session=_session(event, data["session"]), by=request.user
        )
        done = CheckIn.objects.filter(pk__in=[c.pk for c in done]).select_related("invitee__user")
        return Response({"checked_in": CheckInSerializer(done, many=True).data, "refused": refused})

    @extend_schema(request=SplitSerializer, responses={200: GroupSerializer(many=True)})
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])  # the new groups, one list
    def split(self, request, pk=None):
        """Split everyone expected into N groups, replacing the groups there were (staff, before any work)."""
        event = self.managed_event()
        body = SplitSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        grouping.split(event, **body.validated_data)
        groups = event.groups.select_related("captain__user").prefetch_related("members__user").order_by("number")
        return Response(GroupSerializer(groups, many=True, context=self.get_serializer_context()).data)

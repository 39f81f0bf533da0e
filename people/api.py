"""Read-only API of the participants a user may see."""

from rest_framework import viewsets

from people.filters import ParticipantFilter
from people.models import Participant
from people.serializers import ParticipantSerializer


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    """Participants the user may see: themself, the people assigned to them, their organiser's cohorts."""

    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    search_fields = ["user__full_name", "nip", "ni_pppk"]
    ordering_fields = ["user__full_name", "nip"]

    def get_queryset(self):
        return Participant.objects.visible_to(self.request.user).select_related("user", "agency")

"""Shape of participants in the REST API, with what their NIP encodes."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from people.models import Participant, Sex
from people.nip import Nip


class ParticipantSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)
    nip = serializers.SerializerMethodField(help_text=_("Grouped as printed: 19701218 199603 2 001."))
    birth_date = serializers.SerializerMethodField(help_text=_("From digits 1–8 of the NIP."))
    service_start = serializers.SerializerMethodField(help_text=_("From digits 9–14 of the NIP."))
    sex = serializers.SerializerMethodField(help_text=_("From digit 15 of the NIP: 1 male, 2 female."))
    sex_display = serializers.SerializerMethodField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "user",
            "full_name",
            "employment",
            "nip",
            "ni_pppk",
            "birth_date",
            "service_start",
            "sex",
            "sex_display",
            "rank",
            "position",
            "position_type",
            "echelon",
            "agency",
            "agency_name",
            "phone",
        ]
        read_only_fields = fields

    def _nip(self, participant) -> Nip | None:
        """The parsed NIP; None for PPPK staff, and for a stored number that no longer parses."""
        try:
            return participant.parsed_nip
        except ValidationError:
            return None

    def get_nip(self, participant) -> str | None:
        nip = self._nip(participant)
        return nip.formatted if nip else participant.nip

    def get_birth_date(self, participant) -> datetime.date | None:
        nip = self._nip(participant)
        return nip.birth_date if nip else None

    def get_service_start(self, participant) -> datetime.date | None:
        nip = self._nip(participant)
        return nip.service_start if nip else None

    def get_sex(self, participant) -> int | None:
        nip = self._nip(participant)
        return nip.sex if nip else None

    def get_sex_display(self, participant) -> str:
        sex = self.get_sex(participant)
        return Sex(sex).label if sex else ""

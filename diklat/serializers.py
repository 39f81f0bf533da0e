"""Shapes of programmes, cohorts, agencies and participants in the REST API."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.models import Agency, Cohort, Participant, Programme, RuleSet, Sex
from diklat.nip import Nip


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


class RuleSetSerializer(serializers.ModelSerializer):
    class Meta:
        model = RuleSet
        fields = ["id", "name", "regulation", "effective_from", "medium_horizon_months", "long_horizon_months"]


class ProgrammeSerializer(serializers.ModelSerializer):
    rule_sets = RuleSetSerializer(many=True, read_only=True)
    product_display = serializers.CharField(source="get_product_display", read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "code", "name", "former_name", "audience", "product", "product_display", "rule_sets"]


class CohortSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True, help_text=_("E.g. PKN II Cohort IV of 2025."))
    programme_code = serializers.CharField(source="programme.code", read_only=True)
    rule_set_name = serializers.CharField(source="rule_set.name", read_only=True)
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "programme",
            "programme_code",
            "rule_set",
            "rule_set_name",
            "organiser",
            "organiser_name",
            "number",
            "year",
            "start_date",
            "end_date",
            "design_seminar_date",
            "results_seminar_date",
        ]
        read_only_fields = fields


class AgencySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind.code", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    government = serializers.CharField(source="government.code", read_only=True)
    government_name = serializers.CharField(source="government.__str__", read_only=True)
    province = serializers.SerializerMethodField(help_text=_("Government code of the province."))

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_name",
            "government",
            "government_name",
            "province",
            "parent",
        ]
        read_only_fields = fields

    def get_province(self, agency) -> str:
        government = agency.government
        return government.parent.code if government.parent_id else government.code


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

"""Shapes of adoptions in the REST API: their stages and stage changes, and the evidence of them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_fields import ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from evidence.checks import check_evidence
from regions.models import Agency

from ..models import Adoption, AdoptionEvidence, AdoptionStageChange, Innovation
from .innovations import InnovationStageSerializer, not_in_future


class AdoptionStageSerializer(InnovationStageSerializer):
    stage = serializers.ChoiceField(choices=Adoption.Stage.choices)


class AdoptionStageChangeSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.get_full_name", read_only=True)

    class Meta:
        model = AdoptionStageChange
        fields = ["id", "from_stage", "to_stage", "on", "by", "by_name", "reason"]


class AdoptionEvidenceSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = AdoptionEvidence
        fields = [
            "id",
            "kind",
            "kind_display",
            "reference",
            "dated",
            "original_name",
            "content_type",
            "size",
            "download_url",
            "uploaded_by",
            "uploaded_at",
        ]
        read_only_fields = fields

    def get_download_url(self, evidence) -> str | None:
        return evidence.get_absolute_url() if evidence.file else None


class AdoptionEvidenceWriteSerializer(RefuseUnknownFields, serializers.Serializer):
    kind = serializers.ChoiceField(choices=Adoption.EvidenceKind.choices)
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    dated = serializers.DateField(required=False, allow_null=True, validators=[not_in_future])
    file = serializers.FileField(required=False, allow_null=True, help_text=_("An image (JPG, PNG, WEBP) or a PDF."))

    def validate_file(self, uploaded):
        if uploaded:
            try:
                check_evidence(uploaded)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from None
        return uploaded

    def validate(self, data):
        if not data.get("reference", "").strip() and not data.get("file"):
            raise serializers.ValidationError({"reference": [_("Give the document number or upload the document.")]})
        return data


class AdoptionSerializer(serializers.ModelSerializer):
    innovation_name = serializers.CharField(source="innovation.name", read_only=True)
    innovation_derived_from = serializers.IntegerField(
        source="innovation.derived_from_id",
        read_only=True,
        allow_null=True,
        help_text=_("Lineage: the innovation the adopted one replicates."),
    )
    innovation_derived_from_name = serializers.CharField(
        source="innovation.derived_from.name", read_only=True, default=None, allow_null=True
    )
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    government = serializers.CharField(source="agency.government.code", read_only=True)
    province = serializers.CharField(source="agency.government.province.code", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    covers_applied = serializers.BooleanField(read_only=True)
    stage_changes = AdoptionStageChangeSerializer(many=True, read_only=True)
    evidence = AdoptionEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Adoption
        fields = [
            "id",
            "innovation",
            "innovation_name",
            "innovation_derived_from",
            "innovation_derived_from_name",
            "agency",
            "agency_name",
            "government",
            "province",
            "stage",
            "stage_display",
            "planned_on",
            "piloting_on",
            "applied_on",
            "institutionalised_on",
            "contact_name",
            "contact_phone",
            "covers_applied",
            "stage_changes",
            "evidence",
        ]
        read_only_fields = fields


class AdoptionCreateSerializer(RefuseUnknownFields, serializers.Serializer):
    innovation = ScopedPrimaryKeyRelatedField(queryset=Innovation.objects.all())
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), help_text=_("The adopting agency."))
    planned_on = serializers.DateField(required=False, validators=[not_in_future], help_text=_("Today if omitted."))
    contact_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)

"""Shapes of budget lines in the REST API: the plan, its approval with the budget document, its realisation."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_fields import ChoiceLabelField, ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from diklat.formatting import rupiah
from projects.models import BudgetEvidence, BudgetLine, BudgetSource, BudgetStage, ChangeProject


class BudgetEvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True, help_text=_("Download link."))

    class Meta:
        model = BudgetEvidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields


# Set through the approve and realise actions, never by a change to the line.
CONFIRMED_FIELDS = (
    "approved",
    "document_reference",
    "document_date",
    "approved_by",
    "approved_at",
    "realised",
    "realisation_reference",
    "overrun_reason",
    "realised_at",
)


class BudgetLineSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    source_display = ChoiceLabelField(BudgetSource.choices, source="source")
    stage = serializers.ChoiceField(
        choices=BudgetStage.choices, read_only=True, help_text=_("planned → approved → realised")
    )
    stage_display = ChoiceLabelField(BudgetStage.choices, source="stage")
    planned_rupiah = serializers.SerializerMethodField(help_text=_("E.g. Rp 3.800.000."))
    approved_rupiah = serializers.SerializerMethodField()
    realised_rupiah = serializers.SerializerMethodField()
    evidence = BudgetEvidenceSerializer(many=True, read_only=True, help_text=_("Scans of the SP2D or receipts."))

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "project",
            "source",
            "source_display",
            "fiscal_year",
            "description",
            "planned",
            "planned_rupiah",
            "stage",
            "stage_display",
            "approved",
            "approved_rupiah",
            "document_reference",
            "document_date",
            "approved_by",
            "approved_at",
            "realised",
            "realised_rupiah",
            "realisation_reference",
            "overrun_reason",
            "realised_at",
            "evidence",
            "version",
        ]
        read_only_fields = list(CONFIRMED_FIELDS)

    def validate(self, attrs):
        sent = [name for name in CONFIRMED_FIELDS if name in self.initial_data]
        if sent:
            message = _(
                "Approval is recorded by the approver the rule set names (POST …/approve/), "
                "realisation with its evidence by the participant (POST …/realise/)."
            )
            raise serializers.ValidationError({name: [message] for name in sent})
        return attrs

    def get_planned_rupiah(self, line) -> str:
        return rupiah(line.planned)

    def get_approved_rupiah(self, line) -> str:
        return rupiah(line.approved)

    def get_realised_rupiah(self, line) -> str:
        return rupiah(line.realised)


class BudgetLineCreateSerializer(BudgetLineSerializer):
    project = ScopedPrimaryKeyRelatedField(queryset=ChangeProject.objects.all())


class BudgetApprovalSerializer(RefuseUnknownFields, serializers.Serializer):
    approved = serializers.IntegerField(min_value=0, help_text=_("The approved amount, whole rupiah."))
    document_reference = serializers.CharField(max_length=100, help_text=_("The budget document, e.g. the DPA number."))
    document_date = serializers.DateField(
        input_formats=["%Y-%m-%d", "%d-%m-%Y"], help_text=_("Its date (2027-01-15 or 15-01-2027).")
    )


class BudgetRealisationSerializer(RefuseUnknownFields, serializers.Serializer):
    realised = serializers.IntegerField(min_value=0, help_text=_("The realised amount, whole rupiah."))
    realisation_reference = serializers.CharField(max_length=100, help_text=_("The SP2D or receipt number."))
    overrun_reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when realised exceeds approved.")
    )
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text=_("The scan of the SP2D or receipt: images (JPG, PNG, WEBP) or PDF; required the first time."),
    )

"""Shapes of written commitments in the REST API: who signed, when, and the scan of the signed page."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_fields import ChoiceLabelField, ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from projects.models import ChangeProject, Commitment, CommitmentScan, Signatory

ROLE_HELP = {
    Signatory.Role.PARTICIPANT: _("the participant"),
    Signatory.Role.MENTOR: _("the mentor"),
    Signatory.Role.AGENCY_HEAD: _("the agency head (PPK)"),
}


class SignatorySerializer(serializers.ModelSerializer):
    role_display = ChoiceLabelField(Signatory.Role.choices, source="role")

    class Meta:
        model = Signatory
        fields = ["role", "role_display", "name", "position", "nip"]
        read_only_fields = fields


class CommitmentScanSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True, help_text=_("Download link."))

    class Meta:
        model = CommitmentScan
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    recorded_by_name = serializers.CharField(source="recorded_by.get_full_name", read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    scans = CommitmentScanSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "project",
            "signed_on",
            "summary",
            "signatories",
            "scans",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
        ]
        read_only_fields = fields


def _name(who) -> serializers.CharField:
    return serializers.CharField(max_length=150, help_text=_("Name of %(who)s.") % {"who": who})


def _position(who) -> serializers.CharField:
    return serializers.CharField(max_length=200, help_text=_("Position of %(who)s.") % {"who": who})


def _nip(who) -> serializers.CharField:
    return serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text=_("NIP of %(who)s (18 digits, spaces allowed), if they have one.") % {"who": who},
    )


class CommitmentCreateSerializer(RefuseUnknownFields, serializers.Serializer):
    """A commitment as the participant records it (multipart, for the scan)."""

    project = ScopedPrimaryKeyRelatedField(queryset=ChangeProject.objects.all())
    signed_on = serializers.DateField(help_text=_("The date on the signed page; not in the future."))
    summary = serializers.CharField(required=False, allow_blank=True, help_text=_("What is committed to."))
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        write_only=True,
        help_text=_("The scan of the signed commitment: images (JPG, PNG, WEBP) or PDF files."),
    )
    # Flat names, as the service keys its errors (``<role>_<field>``) and a multipart form can send them.
    participant_name = _name(ROLE_HELP[Signatory.Role.PARTICIPANT])
    participant_position = _position(ROLE_HELP[Signatory.Role.PARTICIPANT])
    participant_nip = _nip(ROLE_HELP[Signatory.Role.PARTICIPANT])
    mentor_name = _name(ROLE_HELP[Signatory.Role.MENTOR])
    mentor_position = _position(ROLE_HELP[Signatory.Role.MENTOR])
    mentor_nip = _nip(ROLE_HELP[Signatory.Role.MENTOR])
    agency_head_name = _name(ROLE_HELP[Signatory.Role.AGENCY_HEAD])
    agency_head_position = _position(ROLE_HELP[Signatory.Role.AGENCY_HEAD])
    agency_head_nip = _nip(ROLE_HELP[Signatory.Role.AGENCY_HEAD])

    def signatories(self) -> dict[str, dict]:
        data = self.validated_data
        return {
            role: {part: data.get(f"{role}_{part}", "") for part in ("name", "position", "nip")}
            for role in Signatory.Role
        }

"""Shapes of rollout targets in the REST API: one target as read, and the agencies and governments set at once."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.api_strict import RefuseUnknownFields
from regions.models import Agency, Region

from ..models import RolloutTarget


class RolloutTargetSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    government_code = serializers.CharField(source="government.code", read_only=True, default=None, allow_null=True)
    covered = serializers.BooleanField(
        read_only=True, help_text=_("Reached: the agency, or an agency of the government, applies the innovation.")
    )

    class Meta:
        model = RolloutTarget
        fields = ["id", "innovation", "agency", "government", "government_code", "name", "covered"]


class TargetsSerializer(RefuseUnknownFields, serializers.Serializer):
    agencies = serializers.PrimaryKeyRelatedField(many=True, queryset=Agency.objects.all(), required=False)
    governments = serializers.PrimaryKeyRelatedField(many=True, queryset=Region.objects.all(), required=False)

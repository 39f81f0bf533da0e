"""Shape of agencies (OPD) in the REST API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regions.models import Agency


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

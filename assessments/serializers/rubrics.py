"""Shapes of rubrics, their components, indicators and level descriptors, and predicate bands."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessments.models import LevelDescriptor, PredicateBand, Rubric, RubricComponent, RubricIndicator
from diklat.api_strict import RefuseUnknownFields


class LevelDescriptorSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelDescriptor
        fields = ["id", "lowest", "highest", "description"]
        read_only_fields = fields


class RubricIndicatorSerializer(serializers.ModelSerializer):
    levels = LevelDescriptorSerializer(many=True, read_only=True)

    class Meta:
        model = RubricIndicator
        fields = ["id", "name", "weight", "order", "levels"]
        read_only_fields = fields


class RubricComponentSerializer(serializers.ModelSerializer):
    indicators = RubricIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = RubricComponent
        fields = ["id", "name", "weight", "order", "indicators"]
        read_only_fields = fields


class RubricSerializer(serializers.ModelSerializer):
    rule_set_name = serializers.CharField(source="rule_set.__str__", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_frozen = serializers.SerializerMethodField(help_text=_("Used by scores: copy it to change it."))
    components = RubricComponentSerializer(many=True, read_only=True)

    class Meta:
        model = Rubric
        fields = [
            "id",
            "rule_set",
            "rule_set_name",
            "kind",
            "kind_display",
            "version",
            "name",
            "score_min",
            "score_max",
            "copied_from",
            "is_frozen",
            "created_at",
            "components",
        ]
        read_only_fields = fields

    def get_is_frozen(self, rubric) -> bool:
        frozen = getattr(rubric, "frozen", None)
        return rubric.is_frozen if frozen is None else frozen


class RubricDetailSerializer(RubricSerializer):
    weight_errors = serializers.SerializerMethodField(help_text=_("Where the weights do not add up; empty when right."))

    class Meta(RubricSerializer.Meta):
        fields = [*RubricSerializer.Meta.fields, "weight_errors"]
        read_only_fields = fields

    def get_weight_errors(self, rubric) -> list[str]:
        return [str(error) for error in rubric.weight_errors()]


class RubricCopySerializer(RefuseUnknownFields, serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text=_("Defaults to the copied name.")
    )


class PredicateBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = PredicateBand
        fields = ["id", "rule_set", "name", "above", "up_to", "passing"]
        read_only_fields = fields

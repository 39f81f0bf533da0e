"""Shapes of programmes, their rule sets and cohorts in the REST API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat.models import Cohort, Programme, RuleSet


class RuleSetSerializer(serializers.ModelSerializer):
    class Meta:
        model = RuleSet
        fields = [
            "id",
            "name",
            "regulation",
            "effective_from",
            "medium_horizon_from_months",
            "medium_horizon_months",
            "long_horizon_from_months",
            "long_horizon_months",
            "budget_approver",
        ]


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

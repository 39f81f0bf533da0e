"""Admin for the predicate bands and scoring policies of a rule set."""

from django.contrib import admin

from diklat.admin_scoping import ScopedChoicesMixin

from ..models import PredicateBand, ScoringPolicy


@admin.register(PredicateBand)
class PredicateBandAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "rule_set", "above", "up_to", "passing"]
    list_editable = ["above", "up_to", "passing"]
    list_filter = ["rule_set__programme", "rule_set", "passing"]
    search_fields = ["name", "rule_set__name"]
    list_select_related = ["rule_set__programme"]


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["rule_set", "method", "examiner_weight", "mentor_weight", "coach_weight", "max_spread"]
    list_filter = ["method", "rule_set__programme"]
    search_fields = ["rule_set__name", "rule_set__programme__name"]
    list_select_related = ["rule_set__programme"]

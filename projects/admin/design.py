"""Admin for the design tables of a project: stakeholders, risks and team members."""

from django.contrib import admin

from ..models import Risk, Stakeholder, TeamMember
from .common import ProjectChildScopeMixin


@admin.register(Stakeholder)
class StakeholderAdmin(ProjectChildScopeMixin, admin.ModelAdmin):
    list_display = ["name", "project", "side", "influence", "strength"]
    list_filter = ["side", "influence", "strength"]
    search_fields = ["name", "role", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(Risk)
class RiskAdmin(ProjectChildScopeMixin, admin.ModelAdmin):
    list_display = ["description", "project", "likelihood", "impact"]
    list_filter = ["likelihood", "impact"]
    search_fields = ["description", "mitigation", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(TeamMember)
class TeamMemberAdmin(ProjectChildScopeMixin, admin.ModelAdmin):
    list_display = ["name", "team_role", "position", "project"]
    search_fields = ["name", "team_role", "position", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]

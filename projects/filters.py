"""Query-string filters for projects, milestones, progress updates, budget lines and commitments."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter, StrictBooleanFilter, WholeNumberFilter
from projects.models import BudgetLine, ChangeProject, Commitment, Milestone, ProgressUpdate


class ChangeProjectFilter(filters.FilterSet):
    cohort = IdFilter(field_name="enrolment__cohort_id", help_text=_("Cohort id."))
    agency = IdFilter(field_name="agency_id", help_text=_("Agency id."))
    programme = filters.CharFilter(
        field_name="enrolment__cohort__programme__code", help_text=_("Programme code, e.g. pkn2.")
    )
    overdue = StrictBooleanFilter(field_name="has_overdue", help_text=_("With an open milestone past its target."))

    class Meta:
        model = ChangeProject
        fields = ["status", "cohort", "agency", "programme", "overdue"]


class MilestoneFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))
    overdue = StrictBooleanFilter(method="filter_overdue", help_text=_("Open and past its target date."))

    class Meta:
        model = Milestone
        fields = ["project", "horizon", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class ProgressUpdateFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))
    milestone = IdFilter(field_name="milestone_id", help_text=_("Milestone id."))
    happened_after = filters.DateFilter(field_name="happened_on", lookup_expr="gte")
    happened_before = filters.DateFilter(field_name="happened_on", lookup_expr="lte")

    class Meta:
        model = ProgressUpdate
        fields = ["project", "milestone", "happened_after", "happened_before"]


class BudgetLineFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))
    fiscal_year = WholeNumberFilter(field_name="fiscal_year", help_text=_("Fiscal year, e.g. 2027."))

    class Meta:
        model = BudgetLine
        fields = ["project", "source", "fiscal_year"]


class CommitmentFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))

    class Meta:
        model = Commitment
        fields = ["project"]

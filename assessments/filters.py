"""Query-string filters for rubrics, seminars, sessions, presentations and feedback in the REST API."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from assessments.models import FeedbackItem, PredicateBand, Presentation, Rubric, Seminar, SeminarSession


class RubricFilter(filters.FilterSet):
    rule_set = filters.NumberFilter(field_name="rule_set_id", help_text=_("Rule set id."))

    class Meta:
        model = Rubric
        fields = ["rule_set", "kind"]


class PredicateBandFilter(filters.FilterSet):
    rule_set = filters.NumberFilter(field_name="rule_set_id", help_text=_("Rule set id."))

    class Meta:
        model = PredicateBand
        fields = ["rule_set"]


class SeminarFilter(filters.FilterSet):
    cohort = filters.NumberFilter(field_name="cohort_id", help_text=_("Cohort id."))

    class Meta:
        model = Seminar
        fields = ["cohort", "kind"]


class SessionFilter(filters.FilterSet):
    seminar = filters.NumberFilter(field_name="seminar_id", help_text=_("Seminar id."))
    cohort = filters.NumberFilter(field_name="seminar__cohort_id", help_text=_("Cohort id."))

    class Meta:
        model = SeminarSession
        fields = ["seminar", "cohort", "status"]


class PresentationFilter(filters.FilterSet):
    session = filters.NumberFilter(field_name="session_id", help_text=_("Session id."))
    enrolment = filters.NumberFilter(field_name="enrolment_id", help_text=_("Enrolment id."))
    released = filters.BooleanFilter(field_name="released_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Presentation
        fields = ["session", "enrolment", "released"]


class FeedbackFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="project_id", help_text=_("Project id."))
    overdue = filters.BooleanFilter(method="filter_overdue", help_text=_("Not implemented yet and past its due date."))
    given_by = filters.CharFilter(method="filter_given_by", help_text=_('"me", or a user id.'))

    class Meta:
        model = FeedbackItem
        fields = ["project", "status", "category", "overdue", "given_by"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_given_by(self, queryset, name, value):
        if value == "me":
            return queryset.filter(given_by=self.request.user)
        if value.isdigit():
            return queryset.filter(given_by_id=int(value))
        return queryset.none()

"""Query-string filters for rubrics, seminars, sessions, presentations and feedback in the REST API."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from assessments.models import FeedbackItem, PredicateBand, Presentation, Rubric, Seminar, SeminarSession
from diklat.filtering import MAX_ID, IdField, IdFilter, StrictBooleanFilter


class MeOrIdField(forms.CharField):
    """ "me", or a user id (any other text is a field error, not an empty list)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values or value == "me":
            return value
        try:
            return IdField().clean(value)
        except ValidationError:
            raise ValidationError(_('Enter "me" or a user id.'), code="invalid") from None


ME_OR_ID = {"anyOf": [{"type": "string", "enum": ["me"]}, {"type": "integer", "minimum": 1, "maximum": MAX_ID}]}


@extend_schema_field(ME_OR_ID)
class MeOrIdFilter(filters.CharFilter):
    field_class = MeOrIdField


class RubricFilter(filters.FilterSet):
    rule_set = IdFilter(field_name="rule_set_id", help_text=_("Rule set id."))

    class Meta:
        model = Rubric
        fields = ["rule_set", "kind"]


class PredicateBandFilter(filters.FilterSet):
    rule_set = IdFilter(field_name="rule_set_id", help_text=_("Rule set id."))

    class Meta:
        model = PredicateBand
        fields = ["rule_set"]


class SeminarFilter(filters.FilterSet):
    cohort = IdFilter(field_name="cohort_id", help_text=_("Cohort id."))

    class Meta:
        model = Seminar
        fields = ["cohort", "kind"]


class SessionFilter(filters.FilterSet):
    seminar = IdFilter(field_name="seminar_id", help_text=_("Seminar id."))
    cohort = IdFilter(field_name="seminar__cohort_id", help_text=_("Cohort id."))

    class Meta:
        model = SeminarSession
        fields = ["seminar", "cohort", "status"]


class PresentationFilter(filters.FilterSet):
    session = IdFilter(field_name="session_id", help_text=_("Session id."))
    enrolment = IdFilter(field_name="enrolment_id", help_text=_("Enrolment id."))
    released = StrictBooleanFilter(field_name="released_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Presentation
        fields = ["session", "enrolment", "released"]


class FeedbackFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))
    overdue = StrictBooleanFilter(method="filter_overdue", help_text=_("Not implemented yet and past its due date."))
    given_by = MeOrIdFilter(method="filter_given_by", help_text=_('"me", or a user id.'))

    class Meta:
        model = FeedbackItem
        fields = ["project", "status", "category", "overdue", "given_by"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_given_by(self, queryset, name, value):
        if value == "me":
            return queryset.filter(given_by=self.request.user)
        return queryset.filter(given_by_id=value)

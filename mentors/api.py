"""Read-only API of who mentors, coaches and examines whom."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import viewsets

from diklat.filtering import IdFilter
from mentors.models import Assignment
from mentors.serializers import AssignmentSerializer


class AssignmentFilter(filters.FilterSet):
    enrolment = IdFilter(field_name="enrolment_id", help_text=_("Enrolment id."))
    cohort = IdFilter(field_name="enrolment__cohort_id", help_text=_("Cohort id."))
    user = IdFilter(field_name="user_id", help_text=_("Id of the mentor, coach or examiner."))

    class Meta:
        model = Assignment
        fields = ["enrolment", "cohort", "user", "role"]


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Assignments in the enrolments the user may see."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    search_fields = ["user__full_name", "enrolment__participant__user__full_name"]
    ordering_fields = ["role", "user__full_name"]

    def get_queryset(self):
        return Assignment.objects.visible_to(self.request.user).select_related("user", "enrolment__participant__user")

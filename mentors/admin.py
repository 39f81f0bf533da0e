"""Admin for the mentors, coaches and examiners assigned to participants."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, cohort_filter

from .models import Assignment


class AssignmentInline(ScopedChoicesMixin, admin.TabularInline):
    """The panel of one enrolment: one mentor, a coach and the examiners."""

    model = Assignment
    extra = 0
    fields = ["role", "user", "position"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdminMixin, ScopedHistoryAdmin):
    list_display = ["user", "role", "participant", "cohort", "position"]
    list_filter = ["role", cohort_filter("enrolment__cohort")]
    search_fields = [
        "user__full_name",
        "user__username",
        "enrolment__participant__user__full_name",
        "enrolment__participant__nip",
        "position",
    ]
    autocomplete_fields = ["enrolment", "user"]
    list_select_related = ["user", "enrolment__participant__user", "enrolment__cohort__programme"]

    @admin.display(description=_("participant"), ordering="enrolment__participant__user__full_name")
    def participant(self, obj):
        return obj.enrolment.participant

    @admin.display(description=_("cohort"), ordering="enrolment__cohort")
    def cohort(self, obj):
        return obj.enrolment.cohort

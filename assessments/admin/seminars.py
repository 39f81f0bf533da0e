"""Admin for seminars, their sessions, presentations, session events and recorded absences."""

from django.contrib import admin

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, cohort_filter
from diklat.models import Cohort
from projects.admin.common import ReadOnlyMixin

from ..models import Presentation, Rubric, Seminar, SeminarSession, SessionAbsence, SessionEvent


class SessionInline(ScopedChoicesMixin, admin.TabularInline):
    model = SeminarSession
    extra = 0
    fields = ["name", "starts_at", "place", "chair", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["chair"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("chair", "seminar")


@admin.register(Seminar)
class SeminarAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "cohort", "starts_at", "place", "rubric"]
    list_filter = ["kind", cohort_filter("cohort")]
    search_fields = ["place", "cohort__organiser__name", "cohort__programme__name"]
    autocomplete_fields = ["cohort"]
    list_select_related = ["cohort__programme", "cohort__organiser", "rubric"]
    inlines = [SessionInline]

    def scope(self, queryset, user):
        return queryset.filter(cohort__in=Cohort.objects.visible_to(user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rubric":
            kwargs["queryset"] = Rubric.objects.select_related("rule_set__programme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PresentationInline(ScopedChoicesMixin, admin.TabularInline):
    model = Presentation
    extra = 0
    fields = ["order", "enrolment", "released_at"]
    readonly_fields = ["released_at"]
    autocomplete_fields = ["enrolment"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("enrolment__participant__user", "enrolment__cohort")


class SessionEventInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = SessionEvent
    extra = 0
    fields = ["at", "kind", "by", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class SessionAbsenceInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    """Shown, never edited: the chair records absences on the session page, where finalising checks them."""

    model = SessionAbsence
    extra = 0
    fields = ["kind", "member", "presentation", "reason", "by", "at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("member", "by", "presentation__enrolment__participant__user")
        )


@admin.register(SeminarSession)
class SeminarSessionAdmin(ScopedAdminMixin, ScopedHistoryAdmin):
    list_display = ["name", "seminar", "starts_at", "chair", "status", "finalised_at"]
    list_filter = ["status", "seminar__kind", cohort_filter("seminar__cohort")]
    search_fields = ["name", "place", "chair__full_name", "seminar__cohort__organiser__name"]
    list_select_related = ["seminar__cohort__programme", "chair"]
    autocomplete_fields = ["chair"]
    filter_horizontal = ["examiners"]
    readonly_fields = ["status", "finalised_at", "finalised_by"]
    fields = ["seminar", "name", "starts_at", "place", "chair", "examiners", "status", "finalised_at", "finalised_by"]
    inlines = [PresentationInline, SessionAbsenceInline, SessionEventInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "seminar":
            seminars = Seminar.objects.select_related("cohort__programme")
            if not request.user.is_superuser:
                seminars = seminars.filter(cohort__in=Cohort.objects.visible_to(request.user))
            kwargs["queryset"] = seminars
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

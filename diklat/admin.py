"""Admin for programme staff: programmes and rule sets, organisers, cohorts (with their stages and
enrolments) and enrolments (with their panel).

Superusers see everything; other staff (organiser staff) see only their cohorts' rows,
through the same ``visible_to`` querysets the pages and the API use.
"""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from assessments.defaults import ensure_rule_set_defaults
from diklat.admin_scoping import ScopedAdminMixin, cohort_filter
from diklat.models import Cohort, CohortStage, Enrolment, Organiser, Programme, RuleSet
from mentors.admin import AssignmentInline
from mentors.models import Assignment

# The product's name on every admin page, not Django's ("Administrasi Django").
admin.site.site_header = _("Diklat Tracker")
admin.site.site_title = _("Diklat Tracker")
admin.site.index_title = _("Diklat Tracker administration")


@admin.register(Organiser)
class OrganiserAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "agency"]
    search_fields = ["name"]
    autocomplete_fields = ["region", "agency", "staff"]
    list_select_related = ["region", "agency__government"]

    def scope(self, queryset, user):
        return queryset.filter(staff=user)


class CohortStageInline(admin.TabularInline):
    model = CohortStage
    extra = 0


class EnrolmentInline(admin.TabularInline):
    """The cohort's participants; new ones are enrolled on the enrolment page (a search widget per
    row here would cost queries per participant)."""

    model = Enrolment
    extra = 0
    fields = ["participant", "status", "enrolled_on"]
    readonly_fields = ["participant", "enrolled_on"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant__user", "cohort__programme")


@admin.register(Cohort)
class CohortAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "organiser",
        "rule_set",
        "start_date",
        "end_date",
        "results_seminar_date",
        "participant_count",
    ]
    list_filter = ["programme", "year", ("organiser", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["organiser__name", "programme__name", "year"]
    list_select_related = ["programme", "organiser", "rule_set__programme"]
    inlines = [CohortStageInline, EnrolmentInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related(*self.list_select_related)
        # A GROUP BY drops the default ordering; keep it for the search widget's pages.
        return queryset.annotate(participant_count=Count("enrolments", distinct=True)).order_by(*Cohort._meta.ordering)

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rule_set":
            kwargs["queryset"] = RuleSet.objects.select_related("programme")
        if db_field.name == "organiser" and not request.user.is_superuser:
            kwargs["queryset"] = Organiser.objects.filter(staff=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CohortStage)
class CohortStageAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "stage", "cohort", "start_date", "end_date"]
    list_filter = ["stage", cohort_filter("cohort")]
    list_select_related = ["cohort__programme"]

    def scope(self, queryset, user):
        return queryset.filter(cohort__in=Cohort.objects.visible_to(user))


@admin.register(Enrolment)
class EnrolmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["participant", "cohort", "status", "mentor_name", "enrolled_on"]
    list_filter = ["status", cohort_filter("cohort")]
    search_fields = ["participant__user__full_name", "participant__nip", "participant__user__username"]
    autocomplete_fields = ["cohort", "participant"]
    list_select_related = ["participant__user", "cohort__programme"]
    inlines = [AssignmentInline]
    # Staff enrol participants who are in none of their cohorts yet: the participant field stays whole.
    field_scopes = {"participant": lambda queryset, user: queryset}

    def scope(self, queryset, user):
        return queryset.visible_to(user)

    def get_queryset(self, request):
        mentors = Assignment.objects.filter(enrolment=OuterRef("pk"), role=Assignment.Role.MENTOR)
        queryset = super().get_queryset(request).select_related(*self.list_select_related)
        return queryset.annotate(mentor_name=Subquery(mentors.values("user__full_name")[:1]))

    @admin.display(description=_("mentor"), ordering="mentor_name")
    def mentor_name(self, obj):
        return obj.mentor_name or "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cohort" and not request.user.is_superuser:
            kwargs["queryset"] = Cohort.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "former_name", "audience", "product", "order"]
    search_fields = ["name", "former_name", "code"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "programme",
        "regulation",
        "effective_from",
        "medium_horizon_from_months",
        "medium_horizon_months",
        "long_horizon_from_months",
        "long_horizon_months",
        "budget_approver",
    ]
    list_filter = ["programme"]
    search_fields = ["name", "regulation", "programme__name"]
    list_select_related = ["programme"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # A new rule set must be usable at once: bands, a scoring policy and rubrics to edit.
            ensure_rule_set_defaults(obj, by=request.user)

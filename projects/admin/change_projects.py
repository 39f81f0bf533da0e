"""Admin for change projects, with their design and plan inlines, and their transitions.

The status of a project is read-only here: actions move it through projects.services,
which checks who may do it and records the transition.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, cohort_filter
from diklat.formatting import rupiah

from ..models import (
    BudgetLine,
    ChangeProject,
    Milestone,
    ProjectTransition,
    Risk,
    Stakeholder,
    TeamMember,
)
from ..services.lifecycle import apply_transition
from .common import ProjectChildScopeMixin, ReadOnlyMixin

# --- inlines of a project --------------------------------------------------------------------


class StakeholderInline(ScopedChoicesMixin, admin.TabularInline):
    model = Stakeholder
    extra = 0


class RiskInline(ScopedChoicesMixin, admin.TabularInline):
    model = Risk
    extra = 0


class TeamMemberInline(ScopedChoicesMixin, admin.TabularInline):
    model = TeamMember
    extra = 0


class MilestoneInline(ScopedChoicesMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["horizon", "activity", "responsible", "start_date", "target_date", "weight", "status", "progress"]
    show_change_link = True


class BudgetLineInline(ScopedChoicesMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["source", "fiscal_year", "description", "planned", "approved", "document_reference", "realised"]
    # Approval and realisation go through their services (pages and API), with their document and evidence.
    readonly_fields = ["approved", "document_reference", "realised"]


class ProjectTransitionInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = ProjectTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


# --- the project -----------------------------------------------------------------------------


@admin.register(ChangeProject)
class ChangeProjectAdmin(ScopedAdminMixin, ScopedHistoryAdmin):
    list_display = [
        "title",
        "participant",
        "cohort",
        "agency",
        "status",
        "progress",
        "has_overdue",
        "status_changed_at",
    ]
    list_filter = ["status", cohort_filter("enrolment__cohort"), "enrolment__cohort__programme"]
    search_fields = [
        "title",
        "enrolment__participant__user__full_name",
        "enrolment__participant__nip",
        "agency__name",
    ]
    autocomplete_fields = ["enrolment", "agency"]
    readonly_fields = ["status", "status_changed_at", "mentor_comment", "budget_summary", "created_at", "updated_at"]
    fieldsets = (
        (None, {"fields": ("enrolment", "agency", "title", "status", "status_changed_at", "mentor_comment")}),
        (
            _("Design"),
            {
                "fields": (
                    "background",
                    "problem",
                    "ideal_condition",
                    "breakthrough",
                    "objectives",
                    "output",
                    "outcome",
                    "key_success_factors",
                )
            },
        ),
        (_("Budget"), {"fields": ("budget_summary",)}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = [
        MilestoneInline,
        StakeholderInline,
        RiskInline,
        TeamMemberInline,
        BudgetLineInline,
        ProjectTransitionInline,
    ]
    actions = ["approve_selected", "start_selected", "complete_selected"]

    def get_queryset(self, request):
        # for_lists() aggregates, and a GROUP BY drops the default ordering: restate it.
        return super().get_queryset(request).for_lists().order_by(*ChangeProject._meta.ordering)

    @admin.display(description=_("participant"), ordering="enrolment__participant__user__full_name")
    def participant(self, obj):
        return obj.enrolment.participant.user

    @admin.display(description=_("cohort"), ordering="enrolment__cohort")
    def cohort(self, obj):
        return obj.enrolment.cohort

    @admin.display(description=_("progress"), ordering="progress_overall")
    def progress(self, obj):
        value = getattr(obj, "progress_overall", None)
        return "—" if value is None else f"{value:.0f}%"

    @admin.display(description=_("overdue"), boolean=True, ordering="has_overdue")
    def has_overdue(self, obj):
        return getattr(obj, "has_overdue", None)

    @admin.display(description=_("budget (planned / approved / realised)"))
    def budget_summary(self, obj):
        if obj.pk is None:
            return "—"
        totals = obj.budget_lines.aggregate(planned=Sum("planned"), approved=Sum("approved"), realised=Sum("realised"))
        return " / ".join(rupiah(totals[key] or 0) for key in ("planned", "approved", "realised"))

    def _transition(self, request, queryset, name: str) -> None:
        moved = 0
        for project in queryset:
            try:
                apply_transition(project, name, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [])) or str(error)
                reason = reason or _("You may not do this to this project.")
                self.message_user(request, f"{project.title}: {reason}", messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                ngettext("%(count)d project updated.", "%(count)d projects updated.", moved) % {"count": moved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Approve selected projects (as mentor)"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._transition(request, queryset, "approve")

    @admin.action(description=_("Start implementation of selected projects"), permissions=["change"])
    def start_selected(self, request, queryset):
        self._transition(request, queryset, "start")

    @admin.action(description=_("Mark selected projects completed"), permissions=["change"])
    def complete_selected(self, request, queryset):
        self._transition(request, queryset, "complete")


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(ReadOnlyMixin, ProjectChildScopeMixin, admin.ModelAdmin):
    list_display = ["project", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status", cohort_filter("project__enrolment__cohort")]
    search_fields = ["project__title", "by__full_name", "comment"]
    list_select_related = ["project", "by"]

"""Admin for milestones, progress updates and their evidence."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedChoicesMixin, cohort_filter
from diklat.formatting import rupiah

from ..models import Evidence, Milestone, ProgressUpdate
from .common import ProjectChildScopeMixin, ReadOnlyMixin


@admin.register(Milestone)
class MilestoneAdmin(ProjectChildScopeMixin, ScopedHistoryAdmin):
    list_display = ["activity", "project", "horizon", "status", "progress", "target_date", "weight", "cost", "overdue"]
    list_filter = ["horizon", "status", cohort_filter("project__enrolment__cohort")]
    search_fields = ["activity", "responsible", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]

    @admin.display(description=_("estimated cost"), ordering="estimated_cost")
    def cost(self, obj):
        return rupiah(obj.estimated_cost)

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()


def download_link(evidence):
    """Link to the view that checks access, never to the file in storage."""
    try:
        return format_html('<a href="{}">{}</a>', evidence.get_absolute_url(), evidence.original_name)
    except NoReverseMatch:
        return evidence.original_name


class EvidenceInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    """Evidence is uploaded through the checked form of the project pages, not here."""

    model = Evidence
    extra = 0
    fields = ["link", "content_type", "file_size", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, obj):
        return download_link(obj)

    @admin.display(description=_("size"))
    def file_size(self, obj):
        return filesizeformat(obj.size)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ProjectChildScopeMixin, admin.ModelAdmin):
    list_display = ["happened_on", "project", "milestone", "author", "progress_before", "progress_after"]
    list_filter = [cohort_filter("project__enrolment__cohort")]
    search_fields = ["note", "project__title", "author__full_name"]
    autocomplete_fields = ["project", "milestone", "author"]
    list_select_related = ["project", "milestone", "author"]
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyMixin, ProjectChildScopeMixin, admin.ModelAdmin):
    project_path = "update__project__"
    list_display = ["original_name", "update", "content_type", "file_size", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "update__project__title"]
    list_select_related = ["update"]
    # Not the model's "file": the admin would show it as a link straight to storage, past the access check.
    fields = ["link", "update", "content_type", "file_size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, obj):
        return download_link(obj)

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size)

"""Admin for feedback items, their budget requests, evidence and status history."""

from django.contrib import admin
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, cohort_filter
from diklat.formatting import rupiah
from projects.admin.common import ReadOnlyMixin

from ..models import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem


class BudgetFeedbackInline(ScopedChoicesMixin, admin.StackedInline):
    """The approved and realised figures are the sums of the linked lines, approved and realised on the lines."""

    model = BudgetFeedback
    extra = 0
    can_delete = False
    fields = [
        "fiscal_year",
        "source",
        "amount_requested",
        "amount_approved",
        "amount_realised",
        "document_reference",
        "budget_lines",
    ]
    readonly_fields = ["amount_approved", "amount_realised"]
    autocomplete_fields = ["budget_lines"]


class FeedbackEventInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class FeedbackEvidenceInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = FeedbackEvidence
    extra = 0
    fields = ["link", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, obj):
        try:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)
        except NoReverseMatch:
            return obj.original_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(FeedbackItem)
class FeedbackItemAdmin(ScopedAdminMixin, ScopedHistoryAdmin):
    """Feedback is given by the panel (pages, API); here staff correct its wording, owner and due date."""

    list_display = ["summary", "project", "category", "status", "due_date", "overdue", "given_by", "requested"]
    list_filter = ["status", "category", cohort_filter("project__enrolment__cohort")]
    search_fields = ["text", "owner", "project__title", "given_by__full_name", "budget__document_reference"]
    list_select_related = ["project", "given_by", "budget"]
    autocomplete_fields = ["milestone"]
    readonly_fields = ["project", "presentation", "given_by", "status", "status_note", "created_at", "updated_at"]
    fields = [
        "project",
        "presentation",
        "given_by",
        "category",
        "text",
        "milestone",
        "owner",
        "due_date",
        "status",
        "status_note",
        "created_at",
        "updated_at",
    ]
    inlines = [BudgetFeedbackInline, FeedbackEvidenceInline, FeedbackEventInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("feedback"), ordering="text")
    def summary(self, obj):
        return obj.text if len(obj.text) <= 60 else f"{obj.text[:59]}…"

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()

    @admin.display(description=_("asked for"), ordering="budget__amount_requested")
    def requested(self, obj):
        budget = getattr(obj, "budget", None)
        return rupiah(budget.amount_requested) if budget else "—"

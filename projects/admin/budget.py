"""Admin for the budget lines of a project."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import cohort_filter
from diklat.formatting import rupiah

from ..models import BudgetLine
from .common import ProjectChildScopeMixin


@admin.register(BudgetLine)
class BudgetLineAdmin(ProjectChildScopeMixin, ScopedHistoryAdmin):
    list_display = ["description", "project", "source", "fiscal_year", "planned_rp", "approved_rp", "realised_rp"]
    list_filter = ["source", "fiscal_year", cohort_filter("project__enrolment__cohort")]
    search_fields = ["description", "document_reference", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
    # Approval and realisation go through their services (pages and API), with their document and evidence.
    readonly_fields = [
        "approved",
        "document_reference",
        "document_date",
        "approved_by",
        "approved_at",
        "realised",
        "realisation_reference",
        "overrun_reason",
        "realised_at",
    ]

    @admin.display(description=_("planned"), ordering="planned")
    def planned_rp(self, obj):
        return rupiah(obj.planned)

    @admin.display(description=_("approved"), ordering="approved")
    def approved_rp(self, obj):
        return rupiah(obj.approved)

    @admin.display(description=_("realised"), ordering="realised")
    def realised_rp(self, obj):
        return rupiah(obj.realised)

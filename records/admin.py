"""Official documents in the admin: shown, never added, changed or deleted there; letterheads are edited."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from diklat.admin_scoping import ScopedAdminMixin

from .models import Letterhead, OfficialDocument


@admin.register(Letterhead)
class LetterheadAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["organiser", "name", "city"]
    search_fields = ["organiser__name", "name", "city"]

    def scope(self, queryset, user):
        return queryset.filter(organiser__staff=user)


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "version", "document_date", "verification_code", "superseded_at"]
    list_filter = ["kind", "superseded_at"]
    search_fields = ["verification_code", "sha256", "title"]
    list_select_related = ["session"]
    exclude = ["file", "data"]

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in OfficialDocument._meta.fields if f.name not in ("file", "data")]
        return [*fields, "pdf", "data_shown"]

    @admin.display(description=_("PDF"))
    def pdf(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)

    @admin.display(description=_("data it was made from"))
    def data_shown(self, obj):
        return format_html("<pre>{}</pre>", obj.data)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

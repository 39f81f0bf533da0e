"""Reference data: regional governments, agency kinds and agencies (OPD)."""

from django.contrib import admin

from diklat.admin_scoping import province_filter
from regions.models import Agency, AgencyKind, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Loaded from the government code list: names and time zones may be corrected, nothing more."""

    list_display = ["code", "name", "level", "parent", "time_zone"]
    list_filter = ["level", "time_zone"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "level", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scope", "order"]
    list_filter = ["scope"]
    search_fields = ["code", "name"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "government", "parent"]
    list_filter = ["kind", province_filter("government")]
    search_fields = ["name", "short_name", "government__name", "government__code"]
    autocomplete_fields = ["government", "parent", "head"]
    list_select_related = ["kind", "government", "parent__government"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)  # also for the search widget

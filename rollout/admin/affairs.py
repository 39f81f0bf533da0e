"""Admin for government affairs, the reference list an innovation may serve: superusers keep it."""

from django.contrib import admin

from diklat.admin_scoping import ScopedChoicesMixin

from ..models import GovernmentAffair


@admin.register(GovernmentAffair)
class GovernmentAffairAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

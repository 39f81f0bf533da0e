"""Notifications in the admin, for superusers: read what was told and sent; organiser staff use /notifications/sent/."""

from django.contrib import admin

from .models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["channel", "address", "status", "attempts", "last_error", "next_attempt_at", "sent_at"]
    readonly_fields = fields


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "recipient__username", "recipient__full_name", "key"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "kind", "key", "title", "body", "link", "cohort", "run", "created_at", "read_at"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False  # told by the services and the daily run, never typed in


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "address", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["channel", "status"]
    search_fields = ["address", "notification__title", "notification__recipient__full_name"]
    list_select_related = ["notification"]
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False

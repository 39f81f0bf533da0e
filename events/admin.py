"""Leadership events in the admin, for superusers: organiser staff run their events at /events/."""

from django.contrib import admin

from .models import AgendaSession, Event, FundingLine, Invitee, MissionTemplate, Venue


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0


class AgendaInline(admin.TabularInline):
    model = AgendaSession
    extra = 0


class FundingInline(admin.TabularInline):
    model = FundingLine
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organiser", "host_government", "starts_on", "ends_on", "status"]
    list_filter = ["kind", "status", "organiser"]
    search_fields = ["title"]
    list_select_related = ["organiser", "host_government"]
    date_hierarchy = "starts_on"
    filter_horizontal = ["judges"]
    inlines = [VenueInline, AgendaInline, FundingInline]


@admin.register(Invitee)
class InviteeAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "agency", "response", "apology_reason", "group"]
    list_filter = ["response", "apology_reason"]
    search_fields = ["user__full_name", "user__username", "event__title"]
    list_select_related = ["user", "event", "agency", "group"]
    raw_id_fields = ["user", "agency", "group"]


@admin.register(MissionTemplate)
class MissionTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "points", "organiser"]
    list_filter = ["kind", "organiser"]
    search_fields = ["title", "instructions"]

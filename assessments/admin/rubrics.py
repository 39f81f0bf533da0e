"""Admin for rubrics, their components, indicators and level descriptors.

A rubric that any score uses is frozen: its page, components, indicators and level
descriptors become read-only, and "Copy as a new version" (rubric_versions.copy_rubric) gives an
editable copy.
"""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diklat.admin_scoping import ScopedChoicesMixin

from .. import rubric_versions
from ..models import LevelDescriptor, Rubric, RubricComponent, RubricIndicator
from .frozen import (
    FrozenInlineMixin,
    FrozenRubricPartMixin,
    LevelDescriptorForm,
    RubricComponentForm,
    RubricIndicatorForm,
    editable_rubrics,
    frozen,
    with_frozen,
)


class RubricComponentInline(FrozenInlineMixin, ScopedChoicesMixin, admin.TabularInline):
    model = RubricComponent
    extra = 0
    fields = ["order", "name", "weight"]
    show_change_link = True

    def rubric_of(self, parent):
        return parent


@admin.register(Rubric)
class RubricAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "version", "rule_set", "kind", "is_frozen", "copied_from", "created_at"]
    list_filter = ["kind", "rule_set__programme", "rule_set"]
    search_fields = ["name", "rule_set__name", "rule_set__programme__name"]
    list_select_related = ["rule_set__programme", "copied_from"]
    readonly_fields = ["weight_check", "copied_from", "created_at"]
    fields = [
        "rule_set",
        "kind",
        "version",
        "name",
        "score_min",
        "score_max",
        "weight_check",
        "copied_from",
        "created_at",
    ]
    inlines = [RubricComponentInline]
    actions = ["copy_as_new_version"]

    def get_queryset(self, request):
        return with_frozen(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rule_set":
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related("programme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("frozen"), boolean=True, ordering="frozen")
    def is_frozen(self, obj):
        return frozen(obj)

    @admin.display(description=_("weights"))
    def weight_check(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        errors = obj.weight_errors()
        if not errors:
            return _("The weights add up.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((str(e),) for e in errors)))

    def has_change_permission(self, request, obj=None):
        return not frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not frozen(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            rubric_versions.ensure_rubric_editable(obj)  # has_change_permission refuses first; this guards a race
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for error in form.instance.weight_errors():
            self.message_user(request, error, messages.WARNING)

    @admin.action(description=_("Copy as a new version"), permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        copies = [rubric_versions.copy_rubric(rubric, by=request.user) for rubric in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d rubric copied as a new version.", "%(count)d rubrics copied as new versions.", len(copies)
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )


class RubricIndicatorInline(FrozenInlineMixin, ScopedChoicesMixin, admin.TabularInline):
    model = RubricIndicator
    extra = 0
    fields = ["order", "name", "weight"]
    show_change_link = True

    def rubric_of(self, parent):
        return parent.rubric


@admin.register(RubricComponent)
class RubricComponentAdmin(FrozenRubricPartMixin, ScopedChoicesMixin, admin.ModelAdmin):
    form = RubricComponentForm
    list_display = ["name", "rubric", "weight", "order"]
    list_filter = ["rubric__kind", "rubric__rule_set"]
    search_fields = ["name", "rubric__name"]
    list_select_related = ["rubric"]
    inlines = [RubricIndicatorInline]

    def rubric_of(self, obj):
        return obj.rubric

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rubric")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rubric":
            kwargs["queryset"] = editable_rubrics()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LevelDescriptorInline(FrozenInlineMixin, ScopedChoicesMixin, admin.TabularInline):
    model = LevelDescriptor
    extra = 0
    fields = ["lowest", "highest", "description"]

    def rubric_of(self, parent):
        return parent.component.rubric


@admin.register(RubricIndicator)
class RubricIndicatorAdmin(FrozenRubricPartMixin, ScopedChoicesMixin, admin.ModelAdmin):
    form = RubricIndicatorForm
    list_display = ["name", "component", "rubric", "weight", "order"]
    list_filter = ["component__rubric__kind", "component__rubric__rule_set"]
    search_fields = ["name", "component__name", "component__rubric__name"]
    list_select_related = ["component__rubric"]
    inlines = [LevelDescriptorInline]

    def rubric_of(self, obj):
        return obj.component.rubric

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("component__rubric")

    @admin.display(description=_("rubric"), ordering="component__rubric")
    def rubric(self, obj):
        return obj.component.rubric

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "component":
            kwargs["queryset"] = RubricComponent.objects.filter(rubric__in=editable_rubrics()).select_related("rubric")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(LevelDescriptor)
class LevelDescriptorAdmin(FrozenRubricPartMixin, ScopedChoicesMixin, admin.ModelAdmin):
    form = LevelDescriptorForm
    list_display = ["__str__", "indicator", "lowest", "highest"]
    list_filter = ["indicator__component__rubric__kind", "indicator__component__rubric__rule_set"]
    search_fields = ["description", "indicator__name"]
    list_select_related = ["indicator__component__rubric"]

    def rubric_of(self, obj):
        return obj.indicator.component.rubric

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__component__rubric")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "indicator":
            kwargs["queryset"] = RubricIndicator.objects.filter(component__rubric__in=editable_rubrics())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

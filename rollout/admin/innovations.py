"""Admin for innovations, their stage history and rollout targets."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from diklat import access
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, province_filter

from .. import services
from ..models import Innovation, InnovationStageChange, RolloutTarget
from .common import HistoryInline, ManagedByProjectMixin, ServiceRulesForm, with_user


class InnovationStageChangeInline(HistoryInline):
    model = InnovationStageChange


class RolloutTargetInline(ScopedChoicesMixin, admin.TabularInline):
    model = RolloutTarget
    extra = 0
    fields = ["agency", "government"]
    autocomplete_fields = ["agency", "government"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency__government", "government")


class InnovationForm(ServiceRulesForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            self.check_manager("project", cleaned.get("project"))
        return cleaned


@admin.register(Innovation)
class InnovationAdmin(ManagedByProjectMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "project",
        "agency",
        "stage",
        "form",
        "is_digital",
        "regulation",
        "targets_count",
        "covered_count",
        "coverage_display",
    ]
    list_filter = ["stage", "form", "is_digital", "regulation", province_filter("project__agency__government")]
    search_fields = [
        "name",
        "project__title",
        "project__agency__name",
        "project__enrolment__participant__user__full_name",
    ]
    autocomplete_fields = ["project", "derived_from"]
    filter_horizontal = ["affairs"]
    readonly_fields = ["stage", "created_at"]
    fields = [
        "project",
        "name",
        "stage",
        "form",
        "is_digital",
        "regulation",
        "regulation_reference",
        "affairs",
        "derived_from",
        "created_at",
    ]
    inlines = [InnovationStageChangeInline, RolloutTargetInline]
    actions = ["move_to_trial", "move_to_applied"]
    form = InnovationForm
    field_scopes = {
        "project": lambda queryset, user: queryset.filter(access.report_project_scope(user)),
        "derived_from": lambda queryset, user: queryset.lineage_choices(user),
    }

    def project_of(self, obj):
        return obj.project

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "project"] if obj is not None else self.readonly_fields

    def get_queryset(self, request):
        # Coverage comes from subqueries (no GROUP BY), so the list stays one query whatever its size.
        return (
            super()
            .get_queryset(request)
            .with_coverage()
            .select_related("project__agency__government", "derived_from")
            .order_by("name", "pk")
        )

    def get_form(self, request, obj=None, **kwargs):
        return with_user(super().get_form(request, obj, **kwargs), request.user)

    @admin.display(description=_("agency"), ordering="project__agency__name")
    def agency(self, obj):
        return obj.project.agency

    @admin.display(description=_("targets"), ordering="targets_count")
    def targets_count(self, obj):
        return obj.targets_count

    @admin.display(description=_("reached"), ordering="covered_count")
    def covered_count(self, obj):
        return obj.covered_count

    @admin.display(description=_("coverage"), ordering="coverage")
    def coverage_display(self, obj):
        return "—" if obj.coverage is None else f"{obj.coverage:g}%"

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.INNOVATION_FIELDS if name in form.cleaned_data}
        saved = services.record_innovation(
            obj.project,
            by=request.user,
            affairs=form.cleaned_data.get("affairs"),
            **fields,
        )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # The service has saved the affairs; only the inlines (targets) remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def _move(self, request, queryset, stage):
        self._run(
            request,
            queryset,
            lambda innovation: services.change_innovation_stage(innovation, stage, by=request.user),
        )

    @admin.action(description=_("Move the selected innovations to “trial” (today)"))
    def move_to_trial(self, request, queryset):
        self._move(request, queryset, Innovation.Stage.TRIAL)

    @admin.action(description=_("Move the selected innovations to “applied” (today)"))
    def move_to_applied(self, request, queryset):
        self._move(request, queryset, Innovation.Stage.APPLIED)

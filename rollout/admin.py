"""Admin for innovations, their rollout targets and adoptions, and government affairs.

Stages are read-only here: actions move them through rollout.services, which checks who may do it and
keeps the dated history. Non-superusers see only what they may report on, and change only what
``services.can_manage_rollout`` lets them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diklat import access
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, province_filter
from evidence.checks import check_evidence
from projects.models import ChangeProject

from . import services
from .models import (
    Adoption,
    AdoptionEvidence,
    AdoptionStageChange,
    GovernmentAffair,
    Innovation,
    InnovationStageChange,
    RolloutTarget,
)


class HistoryInline(ScopedChoicesMixin, admin.TabularInline):
    """Dated stage changes, written only by the services."""

    extra = 0
    fields = ["on", "from_stage", "to_stage", "by", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class InnovationStageChangeInline(HistoryInline):
    model = InnovationStageChange


class AdoptionStageChangeInline(HistoryInline):
    model = AdoptionStageChange


class RolloutTargetInline(ScopedChoicesMixin, admin.TabularInline):
    model = RolloutTarget
    extra = 0
    fields = ["agency", "government"]
    autocomplete_fields = ["agency", "government"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency__government", "government")


class ManagedByProjectMixin:
    """Change only what the user may manage; read the rest."""

    def project_of(self, obj) -> ChangeProject:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.can_manage_rollout(request.user, self.project_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.can_manage_rollout(request.user, self.project_of(obj))

    def _run(self, request, queryset, change) -> None:
        """Apply ``change`` to each selected row through a service; report what was done and what was refused."""
        done = 0
        for obj in queryset:
            try:
                change(obj)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [str(error)])) or _("not allowed")
                self.message_user(request, f"{obj}: {reason}", messages.ERROR)
            else:
                done += 1
        if done:
            message = ngettext("%(count)d row moved.", "%(count)d rows moved.", done) % {"count": done}
            self.message_user(request, message, messages.SUCCESS)


def with_user(form_class, user):
    """The admin's form class, told who fills it in (its checks ask what the user may manage)."""
    return type(form_class.__name__, (form_class,), {"user": user})


class ServiceRulesForm(forms.ModelForm):
    """Run at ``clean`` the rules the rollout services enforce, so a breach shows at its field, not as a 500."""

    user = None

    def check_manager(self, field: str, project) -> None:
        if project is not None and not services.can_manage_rollout(self.user, project):
            self.add_error(field, _("You may not change the rollout records of this project."))


class InnovationForm(ServiceRulesForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            self.check_manager("project", cleaned.get("project"))
        return cleaned


class AdoptionForm(ServiceRulesForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            innovation = cleaned.get("innovation")
            self.check_manager("innovation", innovation.project if innovation else None)
            planned_on = cleaned.get("planned_on")
            if planned_on is not None:
                try:
                    services._not_in_future(planned_on, "planned_on")  # the service's own rule
                except ValidationError as error:
                    self.add_error(None, error)
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


class AdoptionEvidenceForm(forms.ModelForm):
    """A new piece of evidence, checked like an upload on the pages (content matches the name)."""

    class Meta:
        model = AdoptionEvidence
        fields = ["kind", "reference", "dated", "file"]

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            check_evidence(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("reference") or "").strip() and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("reference", _("Give the document number or upload the document."))
        return cleaned


class AdoptionEvidenceInline(ScopedChoicesMixin, admin.TabularInline):
    """Evidence already given is read-only; a new row goes through the service."""

    model = AdoptionEvidence
    form = AdoptionEvidenceForm
    extra = 0
    fields = ["kind", "reference", "dated", "file", "download", "uploaded_by"]
    readonly_fields = ["download", "uploaded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and services.can_manage_rollout(request.user, obj.innovation.project)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("download"))
    def download(self, evidence):
        if not evidence.pk or not evidence.file:
            return "—"
        return format_html('<a href="{}">{}</a>', evidence.get_absolute_url(), evidence.original_name)


@admin.register(Adoption)
class AdoptionAdmin(ManagedByProjectMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["innovation", "agency", "stage", "planned_on", "piloting_on", "applied_on", "contact_name"]
    list_filter = ["stage", province_filter("agency__government")]
    search_fields = ["innovation__name", "agency__name", "contact_name"]
    autocomplete_fields = ["innovation", "agency"]
    readonly_fields = ["stage", "piloting_on", "applied_on", "institutionalised_on"]
    fields = [
        "innovation",
        "agency",
        "planned_on",
        "stage",
        "piloting_on",
        "applied_on",
        "institutionalised_on",
        "contact_name",
        "contact_phone",
    ]
    inlines = [AdoptionStageChangeInline, AdoptionEvidenceInline]
    form = AdoptionForm
    actions = ["move_to_piloting", "move_to_applied", "move_to_institutionalised"]

    def project_of(self, obj):
        return obj.innovation.project

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("innovation__project", "agency__government")
            .order_by("innovation__name", "agency__name", "pk")
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields = ["innovation", "agency", "planned_on", *fields]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        return with_user(super().get_form(request, obj, **kwargs), request.user)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.update_adoption_contact(
                obj, by=request.user, contact_name=data["contact_name"], contact_phone=data["contact_phone"]
            )
        else:
            saved = services.record_adoption(
                data["innovation"],
                data["agency"],
                by=request.user,
                planned_on=data["planned_on"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
            )
            obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        if formset.model is not AdoptionEvidence:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for evidence_form in formset.extra_forms:
            if not evidence_form.has_changed():
                continue
            data = evidence_form.cleaned_data
            formset.new_objects.append(
                services.add_adoption_evidence(
                    form.instance,
                    by=request.user,
                    kind=data["kind"],
                    reference=data.get("reference") or "",
                    dated=data.get("dated"),
                    file=data.get("file") or None,
                )
            )
        return None

    def _move(self, request, queryset, stage):
        self._run(
            request,
            queryset,
            lambda adoption: services.change_adoption_stage(adoption, stage, by=request.user),
        )

    @admin.action(description=_("Move the selected adoptions to “piloting” (today)"))
    def move_to_piloting(self, request, queryset):
        self._move(request, queryset, Adoption.Stage.PILOTING)

    @admin.action(description=_("Move the selected adoptions to “applied” (today)"))
    def move_to_applied(self, request, queryset):
        self._move(request, queryset, Adoption.Stage.APPLIED)

    @admin.action(description=_("Move the selected adoptions to “institutionalised” (today)"))
    def move_to_institutionalised(self, request, queryset):
        self._move(request, queryset, Adoption.Stage.INSTITUTIONALISED)


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

"""Admin for adoptions of an innovation, their stage history and evidence."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, province_filter
from evidence.checks import check_evidence

from .. import services
from ..models import Adoption, AdoptionEvidence, AdoptionStageChange
from .common import HistoryInline, ManagedByProjectMixin, ServiceRulesForm, with_user


class AdoptionStageChangeInline(HistoryInline):
    model = AdoptionStageChange


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


class AdoptionEvidenceForm(forms.ModelForm):
    """A new piece of evidence, checked like an upload on the pages (content matches the name)."""

    # A form field, not the model's "file": rows already given show the model field read-only,
    # which the admin renders as a link straight to storage, past the access check.
    upload = forms.FileField(label=_("file"), required=False)

    class Meta:
        model = AdoptionEvidence
        fields = ["kind", "reference", "dated"]

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded:
            check_evidence(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("reference") or "").strip() and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("reference", _("Give the document number or upload the document."))
        return cleaned


class AdoptionEvidenceInline(ScopedChoicesMixin, admin.TabularInline):
    """Evidence already given is read-only; a new row goes through the service."""

    model = AdoptionEvidence
    form = AdoptionEvidenceForm
    extra = 0
    fields = ["kind", "reference", "dated", "upload", "download", "uploaded_by"]
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
class AdoptionAdmin(ManagedByProjectMixin, ScopedAdminMixin, ScopedHistoryAdmin):
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
                    file=data.get("upload") or None,
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

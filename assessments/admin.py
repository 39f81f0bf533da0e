"""Admin for rubrics, predicate bands, seminars, scores and feedback.

A rubric that any score uses is frozen: its page, components, indicators and level
descriptors become read-only, and "Copy as a new version" (services.copy_rubric) gives an
editable copy. Scores, their audit trail and feedback statuses change only through the
services (the pages and the API), so they are read-only here. Non-superusers see only
the seminars, sessions, scores and feedback of their scope (the ``visible_to`` querysets).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, cohort_filter
from diklat.formatting import rupiah
from diklat.models import Cohort
from projects.admin import ReadOnlyMixin

from . import services
from .models import (
    BudgetFeedback,
    Classification,
    FeedbackEvent,
    FeedbackEvidence,
    FeedbackItem,
    LevelDescriptor,
    PredicateBand,
    Presentation,
    Rubric,
    RubricComponent,
    RubricIndicator,
    Score,
    ScoreChange,
    ScoringPolicy,
    Seminar,
    SeminarSession,
    SessionEvent,
)


def frozen(rubric: Rubric | None) -> bool:
    """Whether the rubric is frozen, asked once per request-held instance."""
    if rubric is None or rubric.pk is None:
        return False
    if not hasattr(rubric, "frozen"):
        rubric.frozen = rubric.is_frozen
    return rubric.frozen


def with_frozen(queryset):
    return queryset.annotate(frozen=Exists(Score.objects.filter(indicator__component__rubric=OuterRef("pk"))))


class FrozenRubricPartMixin:
    """A part of a rubric (component, indicator, level) cannot change once its rubric is frozen."""

    def rubric_of(self, obj) -> Rubric | None:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and frozen(self.rubric_of(obj))) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and frozen(self.rubric_of(obj))) and super().has_delete_permission(request, obj)


class FrozenInlineMixin:
    """Inline rows of a frozen rubric's part: no adding, changing or deleting."""

    def rubric_of(self, parent) -> Rubric | None:
        raise NotImplementedError

    def _editable(self, obj) -> bool:
        return obj is None or not frozen(self.rubric_of(obj))

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class RubricPartForm(forms.ModelForm):
    """Refuse to attach a new part to a frozen rubric."""

    rubric_path: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get(self.rubric_path[0])
        for step in self.rubric_path[1:]:
            parent = getattr(parent, step, None)
        if isinstance(parent, Rubric):
            try:
                services.ensure_rubric_editable(parent)
            except ValidationError as error:
                raise ValidationError({self.rubric_path[0]: error.messages}) from None
        return cleaned


class RubricComponentForm(RubricPartForm):
    rubric_path = ("rubric",)

    class Meta:
        model = RubricComponent
        fields = ["rubric", "name", "weight", "order"]


class RubricIndicatorForm(RubricPartForm):
    rubric_path = ("component", "rubric")

    class Meta:
        model = RubricIndicator
        fields = ["component", "name", "weight", "order"]


class LevelDescriptorForm(RubricPartForm):
    rubric_path = ("indicator", "component", "rubric")

    class Meta:
        model = LevelDescriptor
        fields = ["indicator", "lowest", "highest", "description"]


def editable_rubrics():
    return with_frozen(Rubric.objects.all()).filter(frozen=False)


# --- rubrics -----------------------------------------------------------------------------------


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
            services.ensure_rubric_editable(obj)  # has_change_permission refuses first; this guards a race
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for error in form.instance.weight_errors():
            self.message_user(request, error, messages.WARNING)

    @admin.action(description=_("Copy as a new version"), permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        copies = [services.copy_rubric(rubric, by=request.user) for rubric in queryset]
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


@admin.register(PredicateBand)
class PredicateBandAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "rule_set", "above", "up_to", "passing"]
    list_editable = ["above", "up_to", "passing"]
    list_filter = ["rule_set__programme", "rule_set", "passing"]
    search_fields = ["name", "rule_set__name"]
    list_select_related = ["rule_set__programme"]


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["rule_set", "method", "examiner_weight", "mentor_weight", "coach_weight", "max_spread"]
    list_filter = ["method", "rule_set__programme"]
    search_fields = ["rule_set__name", "rule_set__programme__name"]
    list_select_related = ["rule_set__programme"]


# --- seminars and sessions ---------------------------------------------------------------------


class SessionInline(ScopedChoicesMixin, admin.TabularInline):
    model = SeminarSession
    extra = 0
    fields = ["name", "starts_at", "place", "chair", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["chair"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("chair", "seminar")


@admin.register(Seminar)
class SeminarAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "cohort", "starts_at", "place", "rubric"]
    list_filter = ["kind", cohort_filter("cohort")]
    search_fields = ["place", "cohort__organiser__name", "cohort__programme__name"]
    autocomplete_fields = ["cohort"]
    list_select_related = ["cohort__programme", "cohort__organiser", "rubric"]
    inlines = [SessionInline]

    def scope(self, queryset, user):
        return queryset.filter(cohort__in=Cohort.objects.visible_to(user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rubric":
            kwargs["queryset"] = Rubric.objects.select_related("rule_set__programme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PresentationInline(ScopedChoicesMixin, admin.TabularInline):
    model = Presentation
    extra = 0
    fields = ["order", "enrolment", "released_at"]
    readonly_fields = ["released_at"]
    autocomplete_fields = ["enrolment"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("enrolment__participant__user", "enrolment__cohort")


class SessionEventInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = SessionEvent
    extra = 0
    fields = ["at", "kind", "by", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(SeminarSession)
class SeminarSessionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "seminar", "starts_at", "chair", "status", "finalised_at"]
    list_filter = ["status", "seminar__kind", cohort_filter("seminar__cohort")]
    search_fields = ["name", "place", "chair__full_name", "seminar__cohort__organiser__name"]
    list_select_related = ["seminar__cohort__programme", "chair"]
    autocomplete_fields = ["chair"]
    filter_horizontal = ["examiners"]
    readonly_fields = ["status", "finalised_at", "finalised_by"]
    fields = ["seminar", "name", "starts_at", "place", "chair", "examiners", "status", "finalised_at", "finalised_by"]
    inlines = [PresentationInline, SessionEventInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "seminar":
            seminars = Seminar.objects.select_related("cohort__programme")
            if not request.user.is_superuser:
                seminars = seminars.filter(cohort__in=Cohort.objects.visible_to(request.user))
            kwargs["queryset"] = seminars
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- scores (read-only: they change through the scoring services) ------------------------------


class PresentationChildScopeMixin(ScopedAdminMixin):
    def scope(self, queryset, user):
        return queryset.filter(presentation__in=Presentation.objects.visible_to(user))


@admin.register(Score)
class ScoreAdmin(ReadOnlyMixin, PresentationChildScopeMixin, admin.ModelAdmin):
    list_display = ["presentation", "session", "indicator", "scorer", "role", "value", "updated_at"]
    list_filter = ["role", "presentation__session__status", cohort_filter("presentation__session__seminar__cohort")]
    search_fields = ["scorer__full_name", "presentation__enrolment__participant__user__full_name", "indicator__name"]
    list_select_related = ["presentation__enrolment__participant__user", "presentation__session", "indicator", "scorer"]

    @admin.display(description=_("session"), ordering="presentation__session__name")
    def session(self, obj):
        return obj.presentation.session.name


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyMixin, PresentationChildScopeMixin, admin.ModelAdmin):
    list_display = [
        "at",
        "presentation",
        "indicator",
        "scorer",
        "changed_by",
        "old_value",
        "new_value",
        "after_release",
    ]
    list_filter = ["after_release", cohort_filter("presentation__session__seminar__cohort")]
    search_fields = ["scorer__full_name", "presentation__enrolment__participant__user__full_name", "reason"]
    list_select_related = ["presentation__enrolment__participant__user", "indicator", "scorer", "changed_by"]


@admin.register(Classification)
class ClassificationAdmin(ReadOnlyMixin, PresentationChildScopeMixin, admin.ModelAdmin):
    list_display = ["presentation", "examiner", "verdict", "updated_at"]
    list_filter = ["verdict", cohort_filter("presentation__session__seminar__cohort")]
    search_fields = ["examiner__full_name", "presentation__enrolment__participant__user__full_name", "reason"]
    list_select_related = ["presentation__enrolment__participant__user", "examiner"]


# --- feedback ----------------------------------------------------------------------------------


class BudgetFeedbackInline(ScopedChoicesMixin, admin.StackedInline):
    """The amounts approved and realised move the item's status: they are recorded through the pages or API."""

    model = BudgetFeedback
    extra = 0
    can_delete = False
    fields = [
        "fiscal_year",
        "source",
        "amount_requested",
        "amount_approved",
        "amount_realised",
        "document_reference",
        "budget_lines",
    ]
    readonly_fields = ["amount_approved", "amount_realised"]
    autocomplete_fields = ["budget_lines"]


class FeedbackEventInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class FeedbackEvidenceInline(ReadOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = FeedbackEvidence
    extra = 0
    fields = ["link", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, obj):
        try:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)
        except NoReverseMatch:
            return obj.original_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(FeedbackItem)
class FeedbackItemAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Feedback is given by the panel (pages, API); here staff correct its wording, owner and due date."""

    list_display = ["summary", "project", "category", "status", "due_date", "overdue", "given_by", "requested"]
    list_filter = ["status", "category", cohort_filter("project__enrolment__cohort")]
    search_fields = ["text", "owner", "project__title", "given_by__full_name", "budget__document_reference"]
    list_select_related = ["project", "given_by", "budget"]
    autocomplete_fields = ["milestone"]
    readonly_fields = ["project", "presentation", "given_by", "status", "status_note", "created_at", "updated_at"]
    fields = [
        "project",
        "presentation",
        "given_by",
        "category",
        "text",
        "milestone",
        "owner",
        "due_date",
        "status",
        "status_note",
        "created_at",
        "updated_at",
    ]
    inlines = [BudgetFeedbackInline, FeedbackEvidenceInline, FeedbackEventInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("feedback"), ordering="text")
    def summary(self, obj):
        return obj.text if len(obj.text) <= 60 else f"{obj.text[:59]}…"

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()

    @admin.display(description=_("asked for"), ordering="budget__amount_requested")
    def requested(self, obj):
        budget = getattr(obj, "budget", None)
        return rupiah(budget.amount_requested) if budget else "—"

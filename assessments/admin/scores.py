"""Admin for scores, their audit trail and classifications: read-only, the scoring services write them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from diklat.admin_scoping import ScopedAdminMixin, cohort_filter
from projects.admin.common import ReadOnlyMixin

from ..models import Classification, Presentation, Score, ScoreChange


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

"""What every admin of the project shares: scoping to the user's rows, and cheap sidebar filters."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diklat.models import Cohort, Region


class ScopedAdminMixin:
    """Limit non-superusers to the rows they may see (diklat.access)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(queryset, request.user)

    def scope(self, queryset, user):
        return queryset.visible_to(user)


def cohort_filter(field_path: str):
    """A sidebar filter by cohort that lists only visible cohorts, in one query."""

    class CohortFilter(admin.SimpleListFilter):
        title = _("cohort")
        parameter_name = "cohort"

        def lookups(self, request, model_admin):
            cohorts = Cohort.objects.select_related("programme")
            if not request.user.is_superuser:
                cohorts = cohorts.visible_to(request.user)
            return [(cohort.pk, str(cohort)) for cohort in cohorts]

        def queryset(self, request, queryset):
            value = self.value()
            if value and value.isdigit():
                return queryset.filter(**{field_path: value})
            return queryset

    return CohortFilter


def province_filter(government_path: str):
    """A sidebar filter by province, covering the province's regencies and cities too."""

    class ProvinceFilter(admin.SimpleListFilter):
        title = _("province")
        parameter_name = "province"

        def lookups(self, request, model_admin):
            return list(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))

        def queryset(self, request, queryset):
            code = self.value()
            if not code:
                return queryset
            return queryset.filter(
                Q(**{f"{government_path}__code": code}) | Q(**{f"{government_path}__parent__code": code})
            )

    return ProvinceFilter

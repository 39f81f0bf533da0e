"""What every admin of the project shares: scoping to the user's rows, and cheap sidebar filters."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diklat.models import Cohort, Organiser
from people.models import User
from regions.models import Region

from .admin_pagination import CappedCountPaginator

# Cohorts listed in a sidebar filter: the most recent ones (a national list has a thousand).
COHORT_FILTER_CHOICES = 40


def assignable_users(queryset, user):
    """Users a non-superuser may pick (as mentor, examiner, author...): never a superuser nor other staff."""
    return queryset.filter(Q(is_superuser=False, is_staff=False) | Q(pk=user.pk))


# Related models whose querysets have no ``visible_to``: how to scope them.
RELATED_SCOPES = {
    Organiser: lambda queryset, user: queryset.filter(staff=user),
    User: assignable_users,
}


class ScopedChoicesMixin:
    """Offer a non-superuser, in every foreign-key and many-to-many field, only the rows they may see.

    A field is scoped by ``field_scopes[name](queryset, user)`` when given, else by the related model's
    ``RELATED_SCOPES`` entry, else by its queryset's ``visible_to(user)``; reference data (no such
    method) stays whole. The choices also validate what is posted, so an id typed outside the scope
    (an autocomplete widget takes any) is refused at the field.
    """

    field_scopes: dict = {}

    def scoped_choices(self, db_field, request, queryset):
        if queryset is None:
            queryset = self.get_field_queryset(None, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.all()
        user = request.user
        scope = self.field_scopes.get(db_field.name) or RELATED_SCOPES.get(db_field.remote_field.model)
        if scope is not None:
            return scope(queryset, user)
        if hasattr(queryset, "visible_to"):
            return queryset.visible_to(user)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = self.scoped_choices(db_field, request, kwargs.get("queryset"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = self.scoped_choices(db_field, request, kwargs.get("queryset"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedChoicesMixin):
    """Limit non-superusers to the rows they may see (diklat.access), and their choices likewise.

    The change list counts at most a thousand rows (admin_pagination): these are the big tables.
    """

    paginator = CappedCountPaginator
    show_full_result_count = False
    change_list_template = "admin/capped_change_list.html"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(queryset, request.user)

    def scope(self, queryset, user):
        return queryset.visible_to(user)


def cohort_filter(field_path: str):
    """A sidebar filter by cohort that lists the most recent visible cohorts (and the chosen one), in one query."""

    class CohortFilter(admin.SimpleListFilter):
        title = _("cohort")
        parameter_name = "cohort"

        def lookups(self, request, model_admin):
            cohorts = Cohort.objects.select_related("programme")
            if not request.user.is_superuser:
                cohorts = cohorts.visible_to(request.user)
            chosen = self.chosen_pk()
            recent = list(cohorts[:COHORT_FILTER_CHOICES])
            if chosen and all(cohort.pk != chosen for cohort in recent):
                recent += list(cohorts.filter(pk=chosen))
            return [(cohort.pk, str(cohort)) for cohort in recent]

        def chosen_pk(self) -> int | None:
            value = self.value()
            if value and value.isascii() and value.isdigit() and len(value) < 19:
                return int(value)
            return None

        def queryset(self, request, queryset):
            chosen = self.chosen_pk()
            return queryset.filter(**{field_path: chosen}) if chosen else queryset

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

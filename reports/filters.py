"""The filters every report shares, read from the query string and checked for sense.

Unknown filters, unknown values, a filter given twice and contradictory combinations (a
cohort of another programme, an agency outside the chosen province) are refused with a
message per field; the pages show it, the API answers 400 — never an empty report that
looks like "no data".

Two kinds of filter: programme, cohort and year choose the cohort a project (or an
innovation) comes from; province, regional government and agency choose an area, applied to
a project's agency by ``narrow`` and, in the rollout figures, to the adopting agency by
``in_area`` (see reports.queries.rollout).
"""

from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from diklat import access
from diklat.models import Cohort, Programme
from people.models import ProvincialStaff
from projects.models import ChangeProject
from regions.models import Agency, Region
from rollout.models import Adoption

from .choices import ListedChoiceField, usable
from .models import DataGeneration

FILTER_NAMES = ("programme", "cohort", "year", "province", "government", "agency")
ORIGIN_FILTERS = ("programme", "cohort", "year")
AREA_FILTERS = ("province", "government", "agency")
# Parameters that are not filters but travel in the same query string.
PASSTHROUGH = {"format", "page", "page_size", "ordering", "chart", "export", "size"}
COHORTS_CACHE_SECONDS = 10 * 60
LISTED_COHORTS = 40  # the most recent of the reader's cohorts (and the chosen one) in the cohort list


def reachable_cohorts(user) -> list[int]:
    """The ids of the cohorts a reader reports on: those they see, their province's participants', and
    those of the innovations adopted in their province.

    Read once as ids (a reader reaches tens of cohorts, a province some hundreds), so that the list,
    the chosen cohort's check and the programme and year narrowing each run a plain IN; and kept per
    generation of the data (reports.models), which any committed change advances, since compiling
    the reader's three scopes cost every report page of provincial staff a fifth of its time.
    """
    key = f"reports:cohorts:{connection.settings_dict['NAME']}:{user.pk}:{DataGeneration.current()}"
    ids = cache.get(key)
    if ids is None:
        # One IN over a UNION, not an OR of three subqueries the planner tests row by row.
        reachable = access.reached(
            Cohort.objects.visible_to(user).values("pk"),
            ChangeProject.objects.reportable_by(user).values("enrolment__cohort"),
            Adoption.objects.visible_to(user).values("innovation__project__enrolment__cohort"),
        )
        ids = list(Cohort.objects.filter(pk__in=reachable).order_by().values_list("pk", flat=True))
        cache.set(key, ids, COHORTS_CACHE_SECONDS)
    return ids


class ReportFilterForm(forms.Form):
    programme = ListedChoiceField(Programme.objects.all(), to_field_name="code", required=False, label=_("Programme"))
    cohort = ListedChoiceField(Cohort.objects.none(), required=False, label=_("Cohort"))
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("Year"))
    province = ListedChoiceField(Region.objects.none(), to_field_name="code", required=False, label=_("Province"))
    government = ListedChoiceField(
        Region.objects.none(), to_field_name="code", required=False, label=_("Regional government")
    )
    agency = ListedChoiceField(Agency.objects.none(), required=False, label=_("Agency"))

    def __init__(self, data, *, user, **kwargs):
        self.user = user
        self.unknown = sorted(set(data) - set(FILTER_NAMES) - PASSTHROUGH) if data else []
        getlist = getattr(data, "getlist", None)
        self.repeated = [name for name in FILTER_NAMES if getlist and len(getlist(name)) > 1]
        super().__init__(data, **kwargs)
        provinces = Region.objects.reported_on_by(user)
        cohorts = Cohort.objects.all() if user.is_superuser else Cohort.objects.filter(pk__in=reachable_cohorts(user))
        self.fields["cohort"].queryset = cohorts.select_related("programme")
        self.fields["province"].queryset = Region.objects.filter(level=Region.Level.PROVINCE)
        self.fields["government"].queryset = Region.objects.all()
        self.fields["agency"].queryset = Agency.objects.select_related("government__parent")
        self.reported_provinces = provinces
        self._list_bounded_choices(user)

    def _list_bounded_choices(self, user) -> None:
        """Cohorts: the most recent; governments: the chosen province's; agencies: the chosen government's."""
        raw = {name: usable(self.data.get(name)) if self.is_bound else None for name in FILTER_NAMES}
        cohorts = self.fields["cohort"].queryset
        if raw["programme"]:
            cohorts = cohorts.filter(programme__code=raw["programme"])
        if raw["year"] and str(raw["year"]).isdigit() and len(str(raw["year"])) == 4:
            cohorts = cohorts.filter(year=int(raw["year"]))
        self.fields["cohort"].list_only(
            self.fields["cohort"].queryset.filter(pk__in=cohorts.values("pk")[:LISTED_COHORTS]), raw["cohort"]
        )
        if raw["province"]:
            area = Q(code=raw["province"]) | Q(parent__code=raw["province"])
        elif not user.is_superuser and self._is_provincial_only():
            area = Q(pk__in=self.reported_provinces.values("pk")) | Q(parent__in=self.reported_provinces.values("pk"))
        else:
            area = access.NOTHING
        self.fields["government"].list_only(Region.objects.filter(area), raw["government"])
        self.fields["agency"].list_only(
            Agency.objects.filter(government__code=raw["government"]) if raw["government"] else Agency.objects.none(),
            raw["agency"],
        )
        if not raw["province"] and area is access.NOTHING:
            self.fields["government"].help_text = _("Choose a province first.")
        if not raw["government"]:
            self.fields["agency"].help_text = _("Choose a regional government first.")

    def clean(self):
        cleaned = super().clean()
        for name in self.unknown:
            self.add_error(None, _("Unknown filter “%(name)s”.") % {"name": name})
        for name in self.repeated:
            self.add_error(name, _("Give this filter once, with one value."))
        programme, cohort, year = cleaned.get("programme"), cleaned.get("cohort"), cleaned.get("year")
        province, government, agency = cleaned.get("province"), cleaned.get("government"), cleaned.get("agency")
        if cohort and programme and cohort.programme_id != programme.pk:
            self.add_error("cohort", _("This cohort belongs to another programme."))
        if cohort and year and cohort.year != year:
            self.add_error("year", _("The chosen cohort is of %(year)s.") % {"year": cohort.year})
        if government and province and government.province.pk != province.pk:
            self.add_error("government", _("This regional government is not in the chosen province."))
        if agency and government and agency.government_id != government.pk:
            self.add_error("agency", _("This agency belongs to another regional government."))
        if agency and province and agency.government.province.pk != province.pk:
            self.add_error("agency", _("This agency is not in the chosen province."))
        held_to_province = province and not self.user.is_superuser and self._is_provincial_only()
        if held_to_province and not self.reported_provinces.filter(pk=province.pk).exists():
            self.add_error("province", _("You report on your own province only."))
        return cleaned

    def _is_provincial_only(self) -> bool:
        """Staff who report on a province but organise no cohort are held to their province."""
        if not hasattr(self, "_provincial_only"):  # asked by every narrow(): two queries once per form
            self._provincial_only = self.reported_provinces.exists() and not self.user.organisers.exists()
        return self._provincial_only

    fixed: frozenset = frozenset()  # filters the page sets itself (the dashboard's province): not summarised

    def chosen_labels(self) -> list[str]:
        """Each filter given, as text: the summary of the folded filters on a phone."""
        if not hasattr(self, "cleaned_data"):
            return []
        return [str(value) for name, value in self.selected().items() if name not in self.fixed]

    def selected(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def narrow_origin(self, queryset, p: str = ""):
        """Apply programme, cohort and year to projects, or to rows reaching one through ``p``."""
        chosen = self.selected()
        lookups = {
            "programme": f"{p}enrolment__cohort__programme",
            "cohort": f"{p}enrolment__cohort",
            "year": f"{p}enrolment__cohort__year",
        }
        return queryset.filter(**{lookups[name]: chosen[name] for name in ORIGIN_FILTERS if name in chosen})

    def in_area(self, agency: str) -> Q | None:
        """Rows whose agency (reached through ``agency``) lies in the chosen area; None when no area applies.

        The area is the chosen province (its own agencies and those of its regencies and cities),
        regional government or agency; for provincial staff held to their province, their province
        when none is chosen.
        """
        chosen, conditions = self.selected(), []
        if "province" in chosen:
            province = chosen["province"]
            conditions.append(
                Q(**{f"{agency}__government": province}) | Q(**{f"{agency}__government__parent": province})
            )
        elif self._held_to_province():
            conditions.append(access.in_reported_province(self.user, agency))
        if "government" in chosen:
            conditions.append(Q(**{f"{agency}__government": chosen["government"]}))
        if "agency" in chosen:
            conditions.append(Q(**{agency: chosen["agency"]}))
        return _all_of(conditions)

    def government_in_area(self, government: str) -> Q | None:
        """Rows whose regional government (reached through ``government``) is the chosen area or inside it.

        No government lies inside a chosen agency: with an agency chosen, no row matches.
        """
        chosen, conditions = self.selected(), []
        if "province" in chosen:
            province = chosen["province"]
            conditions.append(Q(**{government: province}) | Q(**{f"{government}__parent": province}))
        elif self._held_to_province():
            provinces = ProvincialStaff.objects.filter(user=self.user)
            conditions.append(
                Q(Exists(provinces.filter(province=OuterRef(government))))
                | Q(Exists(provinces.filter(province=OuterRef(f"{government}__parent"))))
            )
        if "government" in chosen:
            conditions.append(Q(**{government: chosen["government"]}))
        if "agency" in chosen:
            conditions.append(access.NOTHING)
        return _all_of(conditions)

    @cached_property
    def area_within_scope(self) -> bool:
        """Whether every row in the filters' area is one the reader may report on anyway.

        Provincial staff report on every project and adoption of their province: with their
        province as the area (chosen, or held to it) the reports need not also test the reader's
        scope, a UNION of five relations that cost a province's dashboard a third of its time.
        """
        if self.user.is_superuser:
            return True
        if not self.is_bound or self.errors:
            return False
        chosen = self.selected()
        if "agency" in chosen:
            region = chosen["agency"].government
        else:
            region = chosen.get("government") or chosen.get("province")
        if region is None:
            return self._held_to_province()
        return self.reported_provinces.filter(pk=region.province.pk).exists()

    def _held_to_province(self) -> bool:
        return not self.user.is_superuser and self._is_provincial_only()

    def narrow(self, queryset, p: str = ""):
        """Narrow a queryset of projects, or of rows reaching one through the prefix ``p`` ("project__")."""
        queryset = self.narrow_origin(queryset, p)
        area = self.in_area(f"{p}agency")
        return queryset if area is None else queryset.filter(area)


def _all_of(conditions: list[Q]) -> Q | None:
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined &= condition
    return combined


def report_filters(data, user) -> ReportFilterForm:
    """Bind and validate the filters of a request's query string."""
    form = ReportFilterForm(data, user=user)
    form.is_valid()
    return form

"""The filters every report shares, read from the query string and checked for sense.

Unknown filters, unknown values and contradictory combinations (a cohort of another
programme, an agency outside the chosen province) are refused with a message per field;
the pages show it, the API answers 400 — never an empty report that looks like "no data".
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diklat import access
from diklat.models import Agency, Cohort, Programme, Region
from projects.models import ChangeProject

FILTER_NAMES = ("programme", "cohort", "year", "province", "government", "agency")
# Parameters that are not filters but travel in the same query string.
PASSTHROUGH = {"format", "page", "page_size", "ordering", "chart", "export"}


class ReportFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.all(), to_field_name="code", required=False, label=_("Programme")
    )
    cohort = forms.ModelChoiceField(Cohort.objects.none(), required=False, label=_("Cohort"))
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("Year"))
    province = forms.ModelChoiceField(Region.objects.none(), to_field_name="code", required=False, label=_("Province"))
    government = forms.ModelChoiceField(
        Region.objects.none(), to_field_name="code", required=False, label=_("Regional government")
    )
    agency = forms.ModelChoiceField(Agency.objects.none(), required=False, label=_("Agency"))

    def __init__(self, data, *, user, **kwargs):
        self.user = user
        self.unknown = sorted(set(data) - set(FILTER_NAMES) - PASSTHROUGH) if data else []
        super().__init__(data, **kwargs)
        provinces = access.reported_provinces(user)
        cohorts = Cohort.objects.visible_to(user)
        if not user.is_superuser:
            # Provincial staff report on the cohorts whose participants work in their province.
            cohorts = Cohort.objects.filter(
                Q(pk__in=cohorts.values("pk"))
                | Q(pk__in=ChangeProject.objects.filter(access.report_project_scope(user)).values("enrolment__cohort"))
            )
        self.fields["cohort"].queryset = cohorts.select_related("programme")
        self.fields["province"].queryset = Region.objects.filter(level=Region.Level.PROVINCE)
        self.fields["government"].queryset = Region.objects.all()
        self.fields["agency"].queryset = Agency.objects.select_related("government__parent")
        self.reported_provinces = provinces

    def clean(self):
        cleaned = super().clean()
        for name in self.unknown:
            self.add_error(None, _("Unknown filter “%(name)s”.") % {"name": name})
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

    def selected(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def narrow(self, queryset, p: str = ""):
        """Narrow a queryset of projects, or of rows reaching one through the prefix ``p`` ("project__")."""
        chosen = self.selected()
        lookups = {}
        if "programme" in chosen:
            lookups[f"{p}enrolment__cohort__programme"] = chosen["programme"]
        if "cohort" in chosen:
            lookups[f"{p}enrolment__cohort"] = chosen["cohort"]
        if "year" in chosen:
            lookups[f"{p}enrolment__cohort__year"] = chosen["year"]
        if "government" in chosen:
            lookups[f"{p}agency__government"] = chosen["government"]
        if "agency" in chosen:
            lookups[f"{p}agency"] = chosen["agency"]
        queryset = queryset.filter(**lookups)
        province = chosen.get("province")
        if province is None and not self.user.is_superuser and self._is_provincial_only():
            return queryset.filter(access.in_reported_province(self.user, f"{p}agency"))
        if province is not None:
            queryset = queryset.filter(
                Q(**{f"{p}agency__government": province}) | Q(**{f"{p}agency__government__parent": province})
            )
        return queryset


def report_filters(data, user) -> ReportFilterForm:
    """Bind and validate the filters of a request's query string."""
    form = ReportFilterForm(data, user=user)
    form.is_valid()
    return form

"""The cohort set-up forms: a new cohort, its edit, and a copy of a previous one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diklat.cohort_setup import DATE_FIELDS, STAGES, CohortDates
from diklat.models import Cohort, Programme, RuleSet


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date such as 14-12-2026.")},
    )


number_field = forms.IntegerField(
    label=_("Cohort number"),
    min_value=1,
    max_value=999,
    error_messages={"required": _("Give the cohort's number."), "invalid": _("Give a whole number.")},
)
year_field = forms.IntegerField(
    label=_("Year"),
    min_value=2000,
    max_value=2100,
    error_messages={"required": _("Give the year."), "invalid": _("Give a year such as 2027.")},
)


class CohortDatesForm(forms.Form):
    """The cohort's number, year and dates, and the first and last day of each stage (optional)."""

    number = number_field
    year = year_field
    start_date = date_field(_("First day"))
    end_date = date_field(_("Last day"))
    design_seminar_date = date_field(_("Design seminar"), required=False)
    results_seminar_date = date_field(_("Results seminar"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage in STAGES:
            self.fields[f"{stage.value}_start"] = date_field(
                _("%(stage)s: first day") % {"stage": stage.label}, required=False
            )
            self.fields[f"{stage.value}_end"] = date_field(
                _("%(stage)s: last day") % {"stage": stage.label}, required=False
            )

    def main_fields(self):
        """Every field but the stages' dates."""
        stage_fields = {f"{s.value}_{end}" for s in STAGES for end in ("start", "end")}
        return [bound for bound in self.visible_fields() if bound.name not in stage_fields]

    def stage_rows(self):
        """The stage fields in pairs, for the template."""
        return [(stage.label, self[f"{stage.value}_start"], self[f"{stage.value}_end"]) for stage in STAGES]

    def dates(self) -> CohortDates:
        data = self.cleaned_data
        return CohortDates(
            **{name: data.get(name) for name in DATE_FIELDS},
            stages={s.value: (data.get(f"{s.value}_start"), data.get(f"{s.value}_end")) for s in STAGES},
        )

    @staticmethod
    def initial_of(cohort: Cohort) -> dict:
        dates = CohortDates.of(cohort)
        initial = {"number": cohort.number, "year": cohort.year, **{n: getattr(dates, n) for n in DATE_FIELDS}}
        for stage, (first, last) in dates.stages.items():
            initial[f"{stage}_start"], initial[f"{stage}_end"] = first, last
        return initial


def rule_set_field():
    return forms.ModelChoiceField(
        label=_("Rule set"),
        queryset=RuleSet.objects.select_related("programme"),
        error_messages={"required": _("Choose the rule set."), "invalid_choice": _("Choose a rule set from the list.")},
    )


class NewCohortForm(CohortDatesForm):
    """A new cohort: programme, rule set and, for staff of several organisers, which one runs it."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        error_messages={
            "required": _("Choose the programme."),
            "invalid_choice": _("Choose a programme from the list."),
        },
    )
    field_order = ["programme", "rule_set", "organiser", "number", "year"]

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"] = rule_set_field()
        self.organisers = list(organisers)
        if len(self.organisers) > 1:
            self.fields["organiser"] = forms.ModelChoiceField(
                label=_("Organiser"),
                queryset=organisers,
                error_messages={"invalid_choice": _("Choose one of your organisers.")},
            )
        self.order_fields(self.field_order)

    def clean(self):
        if not self.organisers:
            raise forms.ValidationError(_("No organiser exists yet: add one in the admin first."))
        return super().clean()

    def organiser(self):
        return self.cleaned_data["organiser"] if "organiser" in self.fields else self.organisers[0]


class EditCohortForm(CohortDatesForm):
    """A cohort's rule set, number, year and dates; its programme and organiser stay."""

    field_order = ["rule_set", "number", "year"]

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"] = rule_set_field()
        self.fields["rule_set"].queryset = RuleSet.objects.filter(programme_id=cohort.programme_id)
        self.order_fields(self.field_order)


class CopyCohortForm(forms.Form):
    """The new cohort's first day; its number and year default to the next free ones."""

    start_date = date_field(
        _("First day of the new cohort"), help_text=_("Every date of the set-up moves by the same number of days.")
    )
    number = forms.IntegerField(
        label=_("Cohort number"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Empty: the next free number of the year."),
        error_messages={"invalid": _("Give a whole number.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Empty: the year of the first day."),
        error_messages={"invalid": _("Give a year such as 2027.")},
    )

    def main_fields(self):
        return self.visible_fields()

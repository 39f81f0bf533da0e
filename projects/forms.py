"""Forms of the participant's pages: they check input, the services in projects.services save it."""

import re
import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from regions.models import Agency

from .models import BudgetLine, ChangeProject, Milestone, Risk, Stakeholder, TeamMember
from .services.budget import BUDGET_FIELDS
from .services.lifecycle import PLAN_FIELDS
from .services.milestones import MILESTONE_FIELDS
from .stale_forms import VersionedForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        if target is None and field != NON_FIELD_ERRORS:
            errors = [ValidationError(message) for e in errors for message in e.messages]
        form.add_error(target, errors)


class RupiahField(forms.IntegerField):
    """Whole rupiah; accepts 3800000, 3.800.000 or Rp 3.800.000."""

    grouped = re.compile(r"^-?\d{1,3}(\.\d{3})+$")

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
            if self.grouped.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class ProjectForm(VersionedForm, forms.ModelForm):
    """The design of a change project (its plan fields)."""

    class Meta:
        model = ChangeProject
        fields = PLAN_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "background",
                "problem",
                "ideal_condition",
                "breakthrough",
                "objectives",
                "output",
                "outcome",
                "key_success_factors",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        participant = self.instance.enrolment.participant
        province = participant.agency.government.province
        agencies = Agency.objects.in_province(province)
        if self.instance.agency_id:
            agencies = agencies | Agency.objects.filter(pk=self.instance.agency_id)
        self.fields["agency"].queryset = agencies.select_related("government").distinct()
        self.fields["agency"].help_text = _("Agencies of your province.")


def _inline(model, fields, widgets=None):
    return forms.inlineformset_factory(
        ChangeProject, model, fields=fields, widgets=widgets or {}, extra=1, can_delete=True
    )


StakeholderFormSet = _inline(Stakeholder, ("name", "side", "influence", "strength", "role"))
RiskFormSet = _inline(
    Risk,
    ("description", "likelihood", "impact", "mitigation"),
    widgets={"mitigation": forms.Textarea(attrs={"rows": 2})},
)
TeamMemberFormSet = _inline(TeamMember, ("name", "team_role", "position"))

PROJECT_FORMSETS = (
    ("stakeholders", _("Stakeholders"), StakeholderFormSet),
    ("risks", _("Risks and mitigation"), RiskFormSet),
    ("team", _("Team"), TeamMemberFormSet),
)


def project_formsets(project: ChangeProject, data=None) -> list:
    """The stakeholder, risk and team formsets of a project, each with its title."""
    formsets = []
    for prefix, title, formset_class in PROJECT_FORMSETS:
        formset = formset_class(data, instance=project, prefix=prefix)
        formset.title = title
        formsets.append(formset)
    return formsets


class MilestoneForm(VersionedForm, forms.ModelForm):
    """One milestone; the instance must already carry its project (for the horizon check)."""

    estimated_cost = RupiahField(label=_("estimated cost (Rp)"), required=False)

    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        widgets = {"start_date": DATE_WIDGET, "target_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].max_value = 100
        self.fields["progress"].widget.attrs.update(min=0, max=100)
        self.fields["weight"].widget.attrs.update(min=1, max=100)
        cohort = self.instance.project.cohort
        windows = []
        for horizon in Milestone.Horizon:
            first, last = cohort.horizon_window(horizon)
            if first is not None and last is not None:
                windows.append(
                    _("%(horizon)s: from %(first)s to %(last)s")
                    % {"horizon": horizon.label, "first": f"{first:%d-%m-%Y}", "last": f"{last:%d-%m-%Y}"}
                )
        if windows:
            self.fields["target_date"].help_text = "; ".join(str(w) for w in windows)

    def clean_estimated_cost(self):
        return self.cleaned_data["estimated_cost"] or 0

    def validate_constraints(self):
        """Leave the database constraints to the service, which settles status and progress first."""


class BudgetLineForm(VersionedForm, forms.ModelForm):
    """The participant's plan of a line; the approval and the realisation have forms of their own."""

    planned = RupiahField(label=_("planned (Rp)"))

    class Meta:
        model = BudgetLine
        fields = BUDGET_FIELDS

    def validate_constraints(self):
        """Leave the database constraints to the service."""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files at once and cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)] if data else []


class MilestoneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, milestone):
        return f"{milestone.activity} ({milestone.get_horizon_display()}, {milestone.progress}%)"


class ProgressUpdateForm(forms.Form):
    """A progress report, optionally moving one milestone forward, with evidence files."""

    happened_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    milestone = MilestoneChoiceField(label=_("Milestone"), queryset=Milestone.objects.none(), required=False)
    progress = forms.IntegerField(
        label=_("New progress of the milestone (%)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )
    files = MultipleFileField(
        label=_("Evidence"),
        required=False,
        help_text=_("Photos (JPG, PNG, WEBP) or PDF; you may choose several files."),
    )
    # Made when the form is shown (the phone's outbox makes its own for each update written offline), so
    # that pressing "post" twice, or a retry after a lost answer, posts one update.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, project: ChangeProject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.exclude(status=Milestone.Status.CANCELLED)
        self.initial.setdefault("client_id", uuid.uuid4())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("progress") is not None and not cleaned.get("milestone"):
            self.add_error("milestone", _("Choose the milestone whose progress changed."))
        return cleaned

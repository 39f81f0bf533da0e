"""Forms of the seminar pages: they check input, the services in assessments.services and .feedback save it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import MultipleFileField, RupiahField
from projects.models import BudgetSource

from .due_dates import parse_due_date
from .models import Classification, FeedbackItem, Presentation


class ScoreForm(forms.Form):
    """One scorer's scores of every indicator of a rubric, with a remark each, and the examiner's verdict."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("This session was released before: say why the scores change."),
    )
    verdict = forms.ChoiceField(
        label=_("Innovation or routine work?"),
        required=False,
        choices=Classification.Verdict.choices,
        widget=forms.RadioSelect,
    )
    verdict_reason = forms.CharField(
        label=_("Reason for the verdict"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rubric, indicators, examiner: bool, ask_reason: bool, read_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        attrs = {
            "min": f"{rubric.score_min.normalize():f}",
            "max": f"{rubric.score_max.normalize():f}",
            "step": "0.01",
            "inputmode": "decimal",
            "class": "score-input",
            "autocomplete": "off",
        }
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.CharField(
                label=indicator.name,
                required=False,
                widget=forms.NumberInput(attrs={**attrs, "data-weight": f"{indicator.weight:f}"}),
                disabled=read_only,
            )
            self.fields[f"remark_{indicator.pk}"] = forms.CharField(
                label=_("Remark"),
                required=False,
                max_length=500,
                disabled=read_only,
                widget=forms.TextInput(attrs={"placeholder": _("Remark (optional)"), "class": "remark-input"}),
            )
        if not ask_reason:
            del self.fields["reason"]
        if not examiner:
            del self.fields["verdict"], self.fields["verdict_reason"]
        elif read_only:
            self.fields["verdict"].disabled = self.fields["verdict_reason"].disabled = True

    def scores(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"indicator_{i.pk}"] for i in self.indicators}

    def remarks(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"remark_{i.pk}"] for i in self.indicators}


class FinaliseForm(forms.Form):
    acknowledge_flags = forms.BooleanField(label=_("I have reviewed the flagged results"), required=False)

    def __init__(self, *args, flagged: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not flagged:
            del self.fields["acknowledge_flags"]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session reopened?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DueDateField(forms.CharField):
    """A date or a quarter as people write it: "30-06-2027", "TW II 2027" or "Q2 2027" (its last day)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("A date (30-06-2027) or a quarter (TW II 2027: its last day)."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "TW II 2027", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return parse_due_date(text) if text else None


class FeedbackForm(forms.Form):
    """Feedback on a project; the budget fields count only for budget feedback."""

    category = forms.ChoiceField(label=_("Category"), choices=FeedbackItem.Category.choices)
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 4}))
    milestone = forms.ModelChoiceField(label=_("Milestone it concerns"), queryset=None, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=150, help_text=_("Who must act on it."))
    due_date = DueDateField(label=_("Due date"))
    presentation = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    amount_requested = RupiahField(label=_("Amount asked for (Rp)"), required=False)
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Source"), choices=[("", "—"), *BudgetSource.choices], required=False)
    budget_lines = forms.ModelMultipleChoiceField(
        label=_("Budget lines of the project"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    BUDGET_FIELDS = ("amount_requested", "fiscal_year", "source", "budget_lines")

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.all()
        self.fields["budget_lines"].queryset = project.budget_lines.all()
        self.fields["presentation"].queryset = Presentation.objects.filter(enrolment_id=project.enrolment_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") == FeedbackItem.Category.BUDGET:
            for name in ("amount_requested", "fiscal_year", "source"):
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Budget feedback needs this."))
        return cleaned

    def budget(self) -> dict | None:
        if self.cleaned_data["category"] != FeedbackItem.Category.BUDGET:
            return None
        return {name: self.cleaned_data[name] for name in self.BUDGET_FIELDS}


class FeedbackMoveForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(
        label=_("Evidence of the implementation"),
        required=False,
        help_text=_("Photos (JPG, PNG, WEBP) or PDF; you may choose several files."),
    )


class BudgetProgressForm(forms.Form):
    """Link the lines that answer budget feedback: its approved and realised figures are their sums."""

    document_reference = forms.CharField(
        label=_("Budget document"), max_length=100, required=False, help_text=_("E.g. the DPA number.")
    )
    budget_lines = forms.ModelMultipleChoiceField(
        label=_("Budget lines of the project"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lines of the feedback's fiscal year; each is approved and realised on the project's page."),
    )

    def __init__(self, *args, item: FeedbackItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_lines"].queryset = item.project.budget_lines.all()


class AbsenceForm(forms.Form):
    """The chair records who could not score, or who did not present, with a reason."""

    subject = forms.ChoiceField(label=_("Who"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        names = {p.pk: p.enrolment.participant for p in panel.presentations}
        members = [
            (f"member:{u.pk}", _("%(member)s: absent from the whole session") % {"member": u}) for u in panel.members()
        ]
        per_presentation = [
            (
                f"member:{u.pk}:{pk}",
                _("%(member)s: absent for %(participant)s") % {"member": u, "participant": names[pk]},
            )
            for pk, scorers in panel.expected.items()
            for u, _role in scorers
        ]
        no_shows = [
            (f"participant:{p.pk}", _("%(participant)s did not present") % {"participant": names[p.pk]})
            for p in panel.presentations
        ]
        self.fields["subject"].choices = [
            ("", "—"),
            (_("Panel member absent"), members + per_presentation),
            (_("Participant did not present"), no_shows),
        ]

    def absence(self) -> dict:
        """The service's arguments: kind, member and presentation."""
        kind, _sep, rest = self.cleaned_data["subject"].partition(":")
        ids = [int(part) for part in rest.split(":")]
        users = {u.pk: u for u in self.panel.members()}
        presentations = {p.pk: p for p in self.panel.presentations}
        if kind == "participant":
            return {"kind": kind, "member": None, "presentation": presentations[ids[0]]}
        return {"kind": kind, "member": users[ids[0]], "presentation": presentations[ids[1]] if len(ids) > 1 else None}

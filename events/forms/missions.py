"""Forms for missions: giving one (from the bank or new), handing one in from a phone, and judging it."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from organise.forms.setup import date_field

from ..models import Event, Mission, MissionTemplate
from .setup import time_field


def criteria_text(criteria: list) -> str:
    return "\n".join(f"{criterion['name']}: {criterion['max_points']}" for criterion in criteria or [])


def parse_criteria(text: str) -> list:
    """ "Idea: 10" per line into [{"name": "Idea", "max_points": 10}]; a line it cannot read is an error."""
    criteria = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, _colon, points = line.rpartition(":")
        if not name.strip() or not points.strip().isdigit():
            raise forms.ValidationError(
                _("Write each criterion on its own line as “name: points”, e.g. “Idea: 10”; “%(line)s” is not.")
                % {"line": line.strip()}
            )
        criteria.append({"name": " ".join(name.split()), "max_points": int(points)})
    return criteria


class MissionForm(forms.ModelForm):
    day = date_field(_("Day"))
    opens = time_field(_("Opens (local time)"))
    closes = time_field(_("Closes (local time)"))
    criteria_lines = forms.CharField(
        label=_("Rubric (creative task)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One criterion per line as “name: points”; they add up to the mission's points."),
    )
    keep_in_bank = forms.BooleanField(label=_("Keep it in the mission bank"), required=False)

    class Meta:
        model = Mission
        fields = [
            "kind",
            "title",
            "instructions",
            "points",
            "expected_answer",
            "latitude",
            "longitude",
            "radius_m",
            "after",
            "max_attempts",
            "order",
        ]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.event = event
        self.fields["after"].queryset = event.missions.exclude(pk=self.instance.pk or 0)
        if self.instance.pk:
            local_open = self.instance.opens_at.astimezone(event.zone)
            self.initial.setdefault("day", local_open.date())
            self.initial.setdefault("opens", local_open.time())
            self.initial.setdefault("closes", self.instance.closes_at.astimezone(event.zone).time())
            self.initial.setdefault("criteria_lines", criteria_text(self.instance.criteria))
        else:
            self.initial.setdefault("day", event.starts_on)
            self.initial.setdefault("opens", "07:00")
            self.initial.setdefault("closes", "17:00")
        zone = event.zone_abbreviation
        self.fields["opens"].label = _("Opens (%(zone)s)") % {"zone": zone}
        self.fields["closes"].label = _("Closes (%(zone)s)") % {"zone": zone}

    def clean_criteria_lines(self):
        return parse_criteria(self.cleaned_data.get("criteria_lines", ""))

    def clean(self):
        cleaned = super().clean()
        self.instance.criteria = cleaned.get("criteria_lines") or []
        return cleaned

    def _post_clean(self):
        # The model's own checks (site needs a place, rubric adds up) run with the rubric parsed above.
        self.instance.criteria = self.cleaned_data.get("criteria_lines") or []
        super()._post_clean()


class TemplateChoiceForm(forms.Form):
    template = forms.ModelChoiceField(label=_("From the mission bank"), queryset=MissionTemplate.objects.none())

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = MissionTemplate.objects.filter(organiser_id=event.organiser_id)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,video/mp4,video/quicktime"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class SubmissionForm(forms.Form):
    answer = forms.CharField(label=_("Your group's answer"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Photos or video"), required=False)
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    accuracy = forms.CharField(required=False, widget=forms.HiddenInput)
    # Made when the form is shown, so that pressing "send" twice (or a retry) hands in one submission.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("client_id", uuid.uuid4())


class JudgeForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput)
    points = forms.CharField(label=_("Points"), required=False, widget=forms.NumberInput(attrs={"min": 0}))
    note = forms.CharField(label=_("Note to the group"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

"""Forms of an event's set-up: the event itself, a candidate venue, an agenda session and its material."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diklat.models import Organiser
from organise.forms.setup import date_field
from projects.forms import RupiahField
from regions.models import Region

from ..models import AgendaSession, Event, Venue


def time_field(label, **kwargs):
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Give the time."), "invalid": _("Give a time such as 07:00.")},
        **kwargs,
    )


class EventForm(forms.ModelForm):
    starts_on = date_field(_("First day"))
    ends_on = date_field(_("Last day"))
    day_starts_at = time_field(_("Day starts at"))

    class Meta:
        model = Event
        fields = [
            "organiser",
            "kind",
            "title",
            "host_government",
            "starts_on",
            "ends_on",
            "time_zone",
            "day_starts_at",
            "late_after_minutes",
            "objectives",
        ]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers if organisers is not None else Organiser.objects.none()
        self.fields["organiser"].empty_label = None
        self.fields["host_government"].queryset = Region.objects.order_by("code")
        self.fields["time_zone"].help_text = _("The times of the agenda, the check-ins and the missions are in it.")
        if self.instance.pk:
            self.fields["organiser"].disabled = True

    def clean(self):
        cleaned = super().clean()
        government = cleaned.get("host_government")
        if government and not self.data.get(self.add_prefix("time_zone")):
            cleaned["time_zone"] = government.time_zone
        return cleaned


class VenueForm(forms.ModelForm):
    estimated_cost = RupiahField(label=_("Estimated cost (Rp)"), required=False)

    class Meta:
        model = Venue
        fields = ["name", "address", "estimated_cost", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class AgendaSessionForm(forms.ModelForm):
    day = forms.TypedChoiceField(label=_("Day"), coerce=str)
    starts_at = time_field(_("Starts"))
    ends_at = time_field(_("Ends"))

    class Meta:
        model = AgendaSession
        fields = ["day", "starts_at", "ends_at", "title", "speaker", "partner", "place"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.fields["day"].choices = [(day.isoformat(), f"{day:%d-%m-%Y}") for day in event.days]


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("Material (PDF or image)"))

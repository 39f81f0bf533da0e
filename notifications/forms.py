"""The user's notification preferences (channels per kind, digest, quiet hours, WhatsApp number); staff's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.phone import normalise_mobile, validate_mobile

from .kinds import REMINDER_KINDS, Channel, Kind
from .models import Delivery


def _field(kind: str, channel: str) -> str:
    return f"{channel}__{kind}"


class PreferencesForm(forms.Form):
    mobile_phone = forms.CharField(
        label=_("WhatsApp number"),
        required=False,
        max_length=24,
        help_text=_("An Indonesian mobile number, e.g. 0812 3456 7890 or +62 812 3456 7890."),
    )
    digest = forms.BooleanField(
        label=_("Send me one daily digest instead of each message"),
        required=False,
        help_text=_("The notification centre still shows each one at once."),
    )
    quiet_from = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    quiet_until = forms.TimeField(label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, turned_off=frozenset(), has_mobile=True, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            for channel in Channel:
                # Without a number WhatsApp cannot be sent: shown unticked, so saving needs no number.
                wanted = (kind.value, channel.value) not in turned_off and (channel != Channel.WHATSAPP or has_mobile)
                self.fields[_field(kind, channel)] = forms.BooleanField(
                    label=f"{kind.label}: {channel.label}", required=False, initial=wanted
                )

    def rows(self):
        """One row per kind with its two checkboxes, for the table."""
        return [(kind.label, self[_field(kind, Channel.EMAIL)], self[_field(kind, Channel.WHATSAPP)]) for kind in Kind]

    def groups(self):
        """The rows in two groups: reminders before a date, and news of a decision."""
        rows = self.rows()
        reminders = [row for kind, row in zip(Kind, rows, strict=True) if kind in REMINDER_KINDS]
        news = [row for kind, row in zip(Kind, rows, strict=True) if kind not in REMINDER_KINDS]
        return [(_("Reminders"), reminders), (_("News of decisions"), news)]

    def clean_mobile_phone(self):
        raw = self.cleaned_data["mobile_phone"].strip()
        if not raw:
            return ""
        validate_mobile(raw)
        return normalise_mobile(raw)

    def clean(self):
        data = super().clean()
        start, end = data.get("quiet_from"), data.get("quiet_until")
        if (start is None) != (end is None) and not self.has_error("quiet_from") and not self.has_error("quiet_until"):
            self.add_error(
                "quiet_until" if start else "quiet_from", _("Give both ends of the quiet hours, or neither.")
            )
        elif start is not None and start == end:
            self.add_error("quiet_until", _("The quiet hours must end at another time than they start."))
        wants_whatsapp = any(data.get(_field(kind, Channel.WHATSAPP)) for kind in Kind)
        if wants_whatsapp and not data.get("mobile_phone") and not self.has_error("mobile_phone"):
            self.add_error("mobile_phone", _("Give your WhatsApp number, or untick WhatsApp for every kind."))
        return data

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind.value: (
                self.cleaned_data[_field(kind, Channel.EMAIL)],
                self.cleaned_data[_field(kind, Channel.WHATSAPP)],
            )
            for kind in Kind
        }


def _any(choices):
    return [("", _("All")), *choices]


class DeliveryFilterForm(forms.Form):
    """The staff page's filters; a value that is not one of the choices is left out, not an error page."""

    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_any(Channel.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(Delivery.Status.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_any(Kind.choices))
    q = forms.CharField(
        label=_("Recipient"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name, e-mail or number")}),
    )

    def clean_q(self):
        return self.cleaned_data["q"][:100]

    def filters(self) -> dict[str, str]:
        """The valid filters given (each invalid one dropped)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

"""Forms for invitations, answers, check-ins and groups."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import User
from regions.models import Agency, Region

from ..grouping import Balance
from ..models import ApologyReason, Group


class InviteHeadsForm(forms.Form):
    government = forms.ModelChoiceField(
        label=_("All heads of the agencies of"), queryset=Region.objects.order_by("code"), empty_label=None
    )


class InvitePersonForm(forms.Form):
    person = forms.CharField(
        label=_("Person"), max_length=150, help_text=_("Username, e-mail or NIP of someone with an account.")
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)

    def __init__(self, *args, government=None, **kwargs):
        super().__init__(*args, **kwargs)
        if government is not None:
            self.fields["agency"].queryset = Agency.objects.in_province(government.province).order_by("name")

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        found = User.objects.filter(is_active=True).filter(
            Q(username__iexact=text) | Q(email__iexact=text) | Q(participant__nip=text.replace(" ", ""))
        )
        user = found.first()
        if user is None:
            raise forms.ValidationError(_("Nobody with that username, e-mail or NIP has an account."))
        return user


class ApologyForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *ApologyReason.choices])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code on the screen"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}),
        error_messages={"required": _("Type the code shown on the screen.")},
    )
    day = forms.DateField(required=False, widget=forms.HiddenInput)
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SplitForm(forms.Form):
    count = forms.IntegerField(label=_("Number of groups"), min_value=1, max_value=50, initial=3)
    balance = forms.ChoiceField(label=_("Balance"), choices=Balance.choices)


class MoveForm(forms.Form):
    invitee = forms.IntegerField(widget=forms.HiddenInput)
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = event.groups.all()

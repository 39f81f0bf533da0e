"""The assignments page's forms: which participants, which person, in which role; and the list's filters."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentors.roles import Role

MISSING = [
    ("", _("Any")),
    ("mentor", _("Without a mentor")),
    ("coach", _("Without a coach")),
    ("examiner", _("Without an examiner")),
]


class AssignmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("Name, NIP or agency."))
    missing = forms.ChoiceField(label=_("Show"), choices=MISSING, required=False)


class TickedForm(forms.Form):
    enrolments = forms.TypedMultipleChoiceField(coerce=int, label=_("Participants"))

    def __init__(self, *args, enrolment_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].choices = [(pk, pk) for pk in enrolment_ids]
        self.fields["enrolments"].error_messages["required"] = _("Tick the participants first.")


class BulkAssignForm(TickedForm):
    """One person, in one role, for every ticked participant."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    person = forms.CharField(
        label=_("Person"),
        max_length=150,
        help_text=_("Their username, e-mail, NIP or NI PPPK."),
        widget=forms.TextInput(attrs={"list": "known-people", "autocomplete": "off"}),
    )
    position = forms.CharField(
        label=_("Their position"), max_length=200, required=False, help_text=_("E.g. Kepala Bappeda Kabupaten Gowa.")
    )

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        digits = text.replace(" ", "")
        found = list(
            get_user_model()
            .objects.filter(
                Q(username__iexact=text)
                | Q(email__iexact=text)
                | Q(participant__nip=digits)
                | Q(participant__ni_pppk=digits)
            )
            .distinct()[:2]
        )
        if not found:
            raise forms.ValidationError(
                _("Nobody has this username, e-mail, NIP or NI PPPK. Import the person, or ask an administrator.")
            )
        if len(found) > 1:
            raise forms.ValidationError(_("Several accounts match: give the username instead."))
        if not found[0].is_active:
            raise forms.ValidationError(_("This account is deactivated."))
        return found[0]

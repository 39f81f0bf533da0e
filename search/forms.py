"""The search box and its narrowing: the kind of result, the agency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import Agency

from .results import KINDS

MIN_LENGTH = 2


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A name, an 18-digit NIP (or its start), a project title, an agency or an innovation."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything")), *((k, v[0]) for k, v in KINDS.items())],
        widget=forms.HiddenInput,
    )
    agency = forms.ModelChoiceField(
        label=_("In the agency"), required=False, queryset=Agency.objects.all(), widget=forms.HiddenInput
    )

    def clean_q(self):
        text = self.cleaned_data["q"]
        if text and len(text.replace(" ", "")) < MIN_LENGTH:
            raise forms.ValidationError(_("Type at least %(count)s characters.") % {"count": MIN_LENGTH})
        return text

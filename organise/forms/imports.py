"""The forms of the participant import: the file, the rows to skip, an agency chosen or added."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import AgencyKind, Region


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of participants"),
        help_text=_("Excel (.xlsx) or CSV, at most 5 MB, with the template's headings."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )


class RowsForm(forms.Form):
    """Skip rows, or take them back: the row numbers ticked on the page."""

    lines = forms.TypedMultipleChoiceField(coerce=int, label=_("Rows"))
    skip = forms.TypedChoiceField(
        choices=[("1", _("Skip")), ("0", _("Take back"))], coerce=lambda value: value == "1", label=_("Action")
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(line, line) for line in lines]
        self.fields["lines"].error_messages["required"] = _("Tick at least one row.")


class ChooseAgencyForm(forms.Form):
    line = forms.IntegerField(min_value=1)
    agency = forms.IntegerField(label=_("Agency"), min_value=1)


class NewAgencyForm(forms.Form):
    """An agency the file names and the database lacks, added by staff from the batch page."""

    name = forms.CharField(label=_("Name"), max_length=200)
    government = forms.ModelChoiceField(
        Region.objects.all(),
        label=_("Regional government"),
        widget=forms.HiddenInput,
    )
    kind = forms.ModelChoiceField(AgencyKind.objects.all(), label=_("Kind"), empty_label=_("Choose a kind"))

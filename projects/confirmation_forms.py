"""Forms of the budget's approval and realisation, and of the written commitment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DATE_WIDGET, MultipleFileField, RupiahField
from .models import Signatory


class BudgetApprovalForm(forms.Form):
    approved = RupiahField(label=_("Approved (Rp)"))
    document_reference = forms.CharField(
        label=_("Budget document"), max_length=100, help_text=_("E.g. the DPA number.")
    )
    document_date = forms.DateField(label=_("Date of the budget document"), widget=DATE_WIDGET)


class BudgetRealisationForm(forms.Form):
    realised = RupiahField(label=_("Realised (Rp)"))
    realisation_reference = forms.CharField(
        label=_("SP2D or receipt"), max_length=100, help_text=_("E.g. the SP2D number or the receipt number.")
    )
    overrun_reason = forms.CharField(
        label=_("Why more than approved was spent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when realised exceeds approved."),
    )
    files = MultipleFileField(
        label=_("Scan of the SP2D or receipt"),
        required=False,
        help_text=_("Photos (JPG, PNG, WEBP) or PDF; required the first time."),
    )


class CommitmentForm(forms.Form):
    """The written commitment: its date, its three signatories as printed, and the signed scan."""

    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    summary = forms.CharField(label=_("What is committed to"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Scan of the signed commitment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in Signatory.Role.choices:
            self.fields[f"{role}_name"] = forms.CharField(label=_("%(role)s: name") % {"role": label}, max_length=150)
            self.fields[f"{role}_position"] = forms.CharField(
                label=_("%(role)s: position") % {"role": label}, max_length=200
            )
            self.fields[f"{role}_nip"] = forms.CharField(
                label=_("%(role)s: NIP (optional)") % {"role": label}, max_length=30, required=False
            )
        self.order_fields(["signed_on", "summary", *[n for n in self.fields if "_" in n and n != "signed_on"]])

    def signatories(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            role: {name: data.get(f"{role}_{name}", "") for name in ("name", "position", "nip")}
            for role in Signatory.Role.values
        }

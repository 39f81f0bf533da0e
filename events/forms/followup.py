"""Forms for an event's funding lines and action items."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import User
from projects.forms import RupiahField

from ..models import ActionItem, Event, FundingLine


class FundingLineForm(forms.ModelForm):
    planned = RupiahField(label=_("Planned (Rp)"))
    committed = RupiahField(label=_("Committed (Rp)"), required=False)
    realised = RupiahField(label=_("Realised (Rp)"), required=False)

    class Meta:
        model = FundingLine
        fields = ["source", "company", "description", "planned", "committed", "realised"]

    def clean_committed(self):
        return self.cleaned_data.get("committed") or 0

    def clean_realised(self):
        return self.cleaned_data.get("realised") or 0


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF or image)"))


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Decision or commitment"), max_length=300)
    owner = OwnerChoice(label=_("Owner (head of agency)"), queryset=User.objects.none())
    due = forms.CharField(
        label=_("Due"), max_length=40, help_text=_("A date (30-06-2027) or a quarter (TW II 2027, Q2 2027).")
    )
    details = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(event_invitations__event=event).order_by("full_name")


class ActionMoveForm(forms.Form):
    to = forms.ChoiceField(choices=ActionItem.Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

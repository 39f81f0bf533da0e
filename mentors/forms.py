"""The mentor's review form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewForm(forms.Form):
    """The mentor's decision on a submitted project: approve, or return with a comment."""

    DECISIONS = ("approve", "return")

    comment = forms.CharField(
        label=_("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning the project: say what must be revised."),
    )

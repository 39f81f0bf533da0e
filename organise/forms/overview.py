"""The cohort overview's forms: its filters, order and search (GET), and the cohort's inactivity threshold."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import ChangeProject

from ..overview import MAX_INACTIVITY_DAYS, MIN_INACTIVITY_DAYS, NO_PROJECT, inactivity_range_message

SORT_CHOICES = [
    ("name", _("Name, A–Z")),
    ("-name", _("Name, Z–A")),
    ("progress", _("Progress, lowest first")),
    ("-progress", _("Progress, highest first")),
    ("-overdue", _("Overdue milestones, most first")),
    ("overdue", _("Overdue milestones, fewest first")),
    ("-inactive", _("Days since the last post, most first")),
    ("inactive", _("Days since the last post, fewest first")),
    ("-feedback", _("Open feedback, most first")),
    ("feedback", _("Open feedback, fewest first")),
]


class OverviewFilterForm(forms.Form):
    """What the overview lists and in which order; every field may be left empty."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, NIP or agency."),
    )
    status = forms.ChoiceField(
        label=_("Project status"),
        required=False,
        choices=[("", _("Any")), *ChangeProject.Status.choices, (NO_PROJECT, _("No project yet"))],
    )
    flagged = forms.BooleanField(label=_("Flagged as inactive only"), required=False)
    overdue_milestones = forms.BooleanField(label=_("With overdue milestones"), required=False)
    overdue_feedback = forms.BooleanField(label=_("With overdue feedback"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    def filters(self) -> dict:
        """The cleaned filters as ``organise.overview.narrow`` takes them."""
        data = self.cleaned_data
        return {
            "q": data["q"],
            "status": data["status"],
            "flagged": data["flagged"],
            "overdue_milestones": data["overdue_milestones"],
            "overdue_feedback": data["overdue_feedback"],
        }

    def order(self) -> str:
        return self.cleaned_data["sort"] or "name"


class InactivityDaysForm(forms.Form):
    """After how many days without a post a participant of this cohort is flagged."""

    inactivity_days = forms.IntegerField(
        label=_("Flag after how many days without a post"),
        min_value=MIN_INACTIVITY_DAYS,
        max_value=MAX_INACTIVITY_DAYS,
        error_messages={
            "required": _("Give the number of days."),
            "invalid": _("Give a whole number of days."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = inactivity_range_message()  # one message for both ends, in the reader's language
        self.fields["inactivity_days"].error_messages.update(min_value=message, max_value=message)

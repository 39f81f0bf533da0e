"""Edit pages that refuse a save made from an older version of the row (diklat.versioning), saying what changed.

The form carries the version the participant opened as a hidden field. When someone saved the
row in between, the service refuses; the page keeps what was typed, lists the changes made
since, and takes the current version, so that saving again is a decision made knowing them.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat.versioning import StaleVersion

from .timeline import changes_since


def stale_messages(error: StaleVersion) -> list[str]:
    """The refusal, then one line per changed field: what it was, what it is, who changed it and when."""
    lines = [error.messages[0]]
    for entry in changes_since(error.instance, error.expected):
        local = timezone.localtime(entry.at)
        who = entry.by.get_full_name() if entry.by else _("someone")
        for change in entry.changes:
            lines.append(
                _("%(field)s: %(old)s → %(new)s (%(who)s, %(when)s)")
                % {
                    "field": change.label,
                    "old": change.old_text,
                    "new": change.new_text,
                    "who": who,
                    "when": f"{local:%d-%m-%Y %H:%M} {local.tzname()}",
                }
            )
    return lines


class VersionedForm:
    """A ModelForm mixin for rows with a version: the hidden version, and the refusal when it is stale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, required=False, min_value=0
            )

    def service_fields(self) -> tuple[dict, int | None]:
        """The cleaned fields for the service, and the version the change was made from."""
        fields = dict(self.cleaned_data)
        return fields, fields.pop("version", None)

    def show_stale(self, error: StaleVersion) -> None:
        self.add_error(None, stale_messages(error))
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(error.instance.version)


def posted_version(request) -> int | None:
    """The version a confirmation page posted (delete), None when absent or not a number."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None

"""Filter fields over national tables: any row is accepted, only a bounded few are listed.

A country has some 22,000 agencies and a thousand cohorts: rendering them all as options cost
every report page a second at the small benchmark size, and nobody scrolls such a list. The
lists follow the choice above them instead (a province's governments, a government's agencies,
the most recent cohorts), as cascading filters do; the chosen value is always listed.
"""

import contextlib

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator

MAX_KEY_LENGTH = 20  # longer than any code or id: not looked up


def usable(value) -> str | None:
    """A submitted value worth looking up (PostgreSQL refuses a NUL in text: DataError), else None."""
    if isinstance(value, str) and value and value.isprintable() and len(value) <= MAX_KEY_LENGTH:
        return value
    return None


class ListedChoiceIterator(ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        self.queryset = field.listed


class ListedChoiceField(forms.ModelChoiceField):
    """A choice validated against ``queryset`` and rendered from ``listed`` (None: list the queryset)."""

    listed = None

    def list_only(self, listed, chosen=None) -> None:
        """Render ``listed``, plus the row ``chosen`` (a submitted value) when it is a valid one."""
        if usable(chosen):
            key = self.to_field_name or "pk"
            with contextlib.suppress(ValueError, TypeError):  # not a possible key: validation refuses it
                listed = self.queryset.filter(Q(pk__in=listed.values("pk")) | Q(**{key: chosen}))
        self.listed = listed
        self.widget.choices = self.choices

    def to_python(self, value):
        # PostgreSQL refuses a NUL in text outright (DataError): such a value is simply not a choice.
        if isinstance(value, str) and not value.isprintable():
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def _get_choices(self):
        if self.listed is None:
            return super()._get_choices()
        return ListedChoiceIterator(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)

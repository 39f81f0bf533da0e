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
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

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


class ListedSelect(forms.Select):
    """A select whose options are joined in Python: the template Django includes per option (and its
    attributes' template) cost a report page's filters some 10 ms, a sixth of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for *_, group, _i in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class ListedChoiceField(forms.ModelChoiceField):
    """A choice validated against ``queryset`` and rendered from ``listed`` (None: list the queryset)."""

    widget = ListedSelect
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

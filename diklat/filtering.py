"""The id filter every API filter set uses for "rows of this cohort/project/user…".

django-filter's NumberFilter takes any decimal up to 1e50, so ``?cohort=99999999999999999999``
reached the database and failed there (a 500). ``IdFilter`` accepts only whole numbers a
database id can hold and answers anything else with a 400 naming the filter.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed integer column (BigAutoField, SQLite INTEGER)


class WholeNumberField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "5.0" and "0.0", which a schema's integer is not."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not value.strip().lstrip("+-").isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "integer"})
class WholeNumberFilter(filters.NumberFilter):
    """A whole number, e.g. a year: ``WholeNumberFilter(field_name="year")``."""

    field_class = WholeNumberField


class IdField(WholeNumberField):
    """A whole number from 1 to the largest database id."""

    default_error_messages = {"invalid": _("Enter an id (a whole number).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """Filter by the id of a related row: ``IdFilter(field_name="project_id", help_text=...)``."""

    field_class = IdField

    def get_max_validator(self):
        return None  # IdField has its own bounds


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (as a schema's boolean is sent), or absent; anything else is a 400, not "no filter"."""

    default_error_messages = {"invalid": _("Enter true or false.")}
    _VALUES = {"true": True, "false": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        if str(value).lower() in self._VALUES:
            return self._VALUES[str(value).lower()]
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    """``BooleanFilter`` whose value must be true or false: django-filter's takes ``?overdue=5`` as no filter."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)  # django-filter's BooleanWidget reads any other value as absent
        super().__init__(*args, **kwargs)

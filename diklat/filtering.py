"""The id filter every API filter set uses for "rows of this cohort/project/user…".

django-filter's NumberFilter takes any decimal up to 1e50, so ``?cohort=99999999999999999999``
reached the database and failed there (a 500). ``IdFilter`` accepts only whole numbers a
database id can hold and answers anything else with a 400 naming the filter.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed integer column (BigAutoField, SQLite INTEGER)


class IdField(forms.IntegerField):
    """A whole number from 1 to the largest database id."""

    default_error_messages = {"invalid": _("Enter an id (a whole number).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """Filter by the id of a related row: ``IdFilter(field_name="project_id", help_text=...)``."""

    field_class = IdField

    def get_max_validator(self):
        return None  # IdField has its own bounds

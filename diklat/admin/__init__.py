"""Admin for programme staff: reference data, people, cohorts and enrolments.

Superusers see everything; other staff (organiser staff) see only their cohorts' rows,
through the same ``visible_to`` querysets the pages and the API use.
"""

from . import cohorts, people, reference
from .base import ScopedAdminMixin, ScopedChoicesMixin, assignable_users, cohort_filter, province_filter

__all__ = [
    "ScopedAdminMixin",
    "ScopedChoicesMixin",
    "assignable_users",
    "cohort_filter",
    "cohorts",
    "people",
    "province_filter",
    "reference",
]

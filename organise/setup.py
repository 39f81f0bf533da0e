"""Copying a cohort's whole set-up: its dates and stages (diklat) and its seminars (assessments) at once."""

import datetime

from django.db import transaction

from assessments.scheduling import copy_seminars
from diklat.cohort_setup import copy_cohort
from diklat.models import Cohort
from people.models import User


@transaction.atomic
def copy_cohort_setup(
    source: Cohort, *, by: User, start_date: datetime.date, number: int | None = None, year: int | None = None
) -> tuple[Cohort, int]:
    """A new cohort like ``source`` starting on ``start_date``, with its seminars moved by as many days."""
    cohort, shift = copy_cohort(source, by=by, start_date=start_date, number=number, year=year)
    copy_seminars(source, cohort, days=shift)
    return cohort, shift

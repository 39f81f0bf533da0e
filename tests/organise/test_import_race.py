"""Two commits of the same batch at the same moment: one enrols, the other is told; nothing is enrolled twice."""

import pytest
from django.core.exceptions import ValidationError

from diklat.models import Enrolment
from organise.imports.batches import create_batch
from organise.imports.commit import commit_batch, revert_batch
from tests.organise.import_fixtures import csv_file, import_cohort, person
from tests.test_concurrency import at_the_same_moment

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
__all__ = ["import_cohort"]


def test_two_commits_at_once_enrol_the_rows_once(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(n) for n in range(20)]))
    outcomes = at_the_same_moment(lambda: commit_batch(batch, by=None), lambda: commit_batch(batch, by=None))
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    assert "already been committed" in refused[0].messages[0]
    assert Enrolment.objects.filter(cohort=import_cohort).count() == 20


def test_a_revert_racing_a_second_revert_undoes_once(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1), person(2)]))
    commit_batch(batch, by=None)
    outcomes = at_the_same_moment(lambda: revert_batch(batch, by=None), lambda: revert_batch(batch, by=None))
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "int"], outcomes
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()

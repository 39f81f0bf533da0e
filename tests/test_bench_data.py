"""The scale benchmark's data set still loads under today's constraints: nothing else builds it."""

import pytest

from bench.build import build
from projects.models import BudgetLine, ChangeProject

# Transactional: the load commits, and the flush after the test truncates it, so no later test runs
# beside 200,000 dead rows, moved sequences or the planner statistics of a national data set.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_the_small_data_set_loads_with_every_constraint_checked():
    counts = build(1)
    assert counts["projects_changeproject"] == ChangeProject.objects.count() == 5_000
    assert counts["assessments_score"] >= 90_000
    # Lines in every stage: the COPY would have failed had an approval lacked its document.
    assert BudgetLine.objects.filter(approved__isnull=False, realised__isnull=False).exists()
    assert BudgetLine.objects.filter(approved__isnull=True).exists()

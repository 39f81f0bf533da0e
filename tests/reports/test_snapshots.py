"""A superuser's national tables are computed once per committed change of the data, not once per request."""

import datetime
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import DataGeneration
from reports.queries import progress
from reports.snapshots import report_table
from tests.reports.conftest import grow
from tests.reports.test_queries import form_for

pytestmark = pytest.mark.django_db


def counted(form, build=progress.projects_by_status):
    with CaptureQueriesContext(connection) as captured:
        table = report_table(form, build, "")
    return table, len(captured)


def test_a_second_national_read_takes_the_snapshot_with_one_query(world):
    first, queries_first = counted(form_for(world.superuser))
    again, queries_again = counted(form_for(world.superuser))
    assert again.rows == first.rows
    assert queries_again == 1 < queries_first  # the generation only


@pytest.mark.django_db(transaction=True)  # real commits: the generation moves only after one
def test_a_committed_change_advances_the_generation_once_and_the_table_is_recomputed(world, settings):
    settings.REPORT_SNAPSHOT_MAX_AGE = 0
    before, _queries = counted(form_for(world.superuser))
    generation = DataGeneration.current()
    with transaction.atomic():
        grow(world, 3)
    assert DataGeneration.current() == generation + 1  # once for the whole transaction
    after, queries = counted(form_for(world.superuser))
    assert queries > 1
    assert sum(row["count"] for row in after.rows) == sum(row["count"] for row in before.rows) + 3


@pytest.mark.django_db(transaction=True)
def test_a_change_that_is_rolled_back_leaves_the_generation_and_the_snapshot(world):
    counted(form_for(world.superuser))
    generation = DataGeneration.current()
    with transaction.atomic():
        grow(world, 1)
        transaction.set_rollback(True)
    assert DataGeneration.current() == generation
    assert counted(form_for(world.superuser))[1] == 1


def test_other_readers_are_always_computed_live(world):
    form = form_for(world.organiser_staff)
    for _read in range(2):
        fresh = form_for(world.organiser_staff)  # (the form reads the generation for its cohort list)
        with CaptureQueriesContext(connection) as captured:
            report_table(fresh, progress.projects_by_status, "")
        assert captured.captured_queries
        assert not any("datageneration" in query["sql"] for query in captured.captured_queries)
    assert report_table(form, progress.projects_by_status, "").as_of is None


@pytest.mark.django_db(transaction=True)
def test_a_young_snapshot_of_older_data_is_served_saying_when_it_was_taken(world, settings):
    settings.REPORT_SNAPSHOT_MAX_AGE = 300
    before, _queries = counted(form_for(world.superuser))
    assert before.as_of is None
    with transaction.atomic():
        grow(world, 3)
    served, queries = counted(form_for(world.superuser))
    assert queries == 1  # the generation only: the table is the snapshot's
    assert served.rows == before.rows
    assert served.as_of is not None and timezone.now() - served.as_of < datetime.timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_older_than_the_limit_is_recomputed(world, settings):
    settings.REPORT_SNAPSHOT_MAX_AGE = 300
    before, _queries = counted(form_for(world.superuser))
    with transaction.atomic():
        grow(world, 3)
    later = timezone.now() + datetime.timedelta(seconds=301)
    with mock.patch("reports.snapshots.timezone.now", return_value=later):
        after, queries = counted(form_for(world.superuser))
    assert queries > 1 and after.as_of is None
    assert sum(row["count"] for row in after.rows) == sum(row["count"] for row in before.rows) + 3


@pytest.mark.django_db(transaction=True)
def test_the_page_says_when_a_national_table_was_taken(world, settings, client):
    settings.REPORT_SNAPSHOT_MAX_AGE = 300
    settings.LANGUAGE_CODE = "id"
    client.force_login(world.superuser)
    assert "Angka per" not in client.get("/reports/progress/").text
    with transaction.atomic():
        grow(world, 1)
    page = client.get("/reports/progress/").text
    assert "Angka per" in page


def test_a_page_reads_a_national_snapshot_as_its_first_rows_and_their_total(world):
    full, _queries = counted(form_for(world.superuser), progress.projects_by_status)
    head = report_table(form_for(world.superuser), progress.projects_by_status, "", first=2)
    assert head.rows == full.rows[:2] and head.total_rows == len(full.rows) > 2
    with CaptureQueriesContext(connection) as again:
        cached = report_table(form_for(world.superuser), progress.projects_by_status, "", first=2)
    assert len(again) == 1 and cached.rows == head.rows and cached.total_rows == head.total_rows
    assert report_table(form_for(world.superuser), progress.projects_by_status, "").rows == full.rows

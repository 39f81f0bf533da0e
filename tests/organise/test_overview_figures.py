"""The overview's figures against the hand-computed table of tests/organise/overview_fixtures.py."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from diklat.models import Cohort, Enrolment
from organise.overview import NO_PROJECT, build_rows, narrow, set_inactivity_days, sort_rows
from tests.organise.overview_fixtures import build_overview_cohort, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def overview_cohort(db):
    return build_overview_cohort()


@pytest.fixture
def rows(overview_cohort):
    return {row.name: row for row in build_rows(overview_cohort.cohort, overview_cohort.today)}


def test_every_participant_of_the_cohort_and_no_other_is_listed_by_name(overview_cohort):
    names = [row.name for row in build_rows(overview_cohort.cohort, overview_cohort.today)]
    assert names == ["Ani Lestari", "Budi Santoso", "Citra Dewi", "Dewi Anggraini"]


def test_progress_per_horizon_is_the_projects_weighted_progress(rows):
    ani, budi, citra, dewi = (rows[name] for name in ("Ani Lestari", "Budi Santoso", "Citra Dewi", "Dewi Anggraini"))
    assert (ani.progress_short, ani.progress_medium, ani.progress_long, ani.progress_overall) == (
        60.0,
        20.0,
        None,
        50.0,
    )
    assert (budi.progress_short, budi.progress_overall) == (30.0, 30.0)
    assert (citra.progress_short, citra.progress_overall) == (46.7, 46.7)  # the cancelled one left out
    assert (dewi.progress_short, dewi.progress_overall) == (None, None)


def test_overdue_milestones_count_open_ones_past_their_target(rows):
    assert [rows[name].overdue_milestones for name in sorted(rows)] == [0, 0, 2, 0]


def test_days_since_the_last_post_count_updates_evidence_and_feedback_evidence(rows, overview_cohort):
    today = overview_cohort.today
    ani, budi, citra = rows["Ani Lestari"], rows["Budi Santoso"], rows["Citra Dewi"]
    assert (ani.last_posted, ani.days_since_post) == (days(today, -3), 3)
    assert (budi.last_posted, budi.days_since_post) == (days(today, -20), 20)
    assert (citra.last_posted, citra.days_since_post) == (days(today, -1), 1)  # her feedback evidence


def test_a_participant_who_never_posted_counts_from_their_enrolment(rows):
    dewi = rows["Dewi Anggraini"]
    assert (dewi.last_posted, dewi.days_since_post, dewi.project_id, dewi.project_status) == (None, 10, None, "")


def test_only_a_participant_past_the_threshold_is_flagged(rows):
    assert [name for name, row in sorted(rows.items()) if row.flagged] == ["Budi Santoso"]


def test_a_lower_threshold_flags_more_and_a_withdrawn_participant_never_is(overview_cohort):
    cohort = overview_cohort.cohort
    set_inactivity_days(cohort, 3)
    Enrolment.objects.filter(pk=overview_cohort.budi.pk).update(status=Enrolment.Status.WITHDRAWN)
    flagged = [row.name for row in build_rows(cohort, overview_cohort.today) if row.flagged]
    assert flagged == ["Ani Lestari", "Dewi Anggraini"]  # 3 and 10 days; Budi withdrawn


def test_open_and_overdue_feedback_leave_resolved_items_out(rows):
    assert [(rows[name].open_feedback, rows[name].overdue_feedback) for name in sorted(rows)] == [
        (1, 0),
        (0, 0),
        (2, 1),
        (0, 0),
    ]


def test_seminar_results_are_the_released_combined_scores_with_their_predicate(rows):
    ani, budi = rows["Ani Lestari"], rows["Budi Santoso"]
    assert (ani.results.final, ani.results.predicate) == (Decimal("85.00"), "Memuaskan")
    assert ani.design is None  # scored, not released
    assert (budi.design.final, budi.design.predicate) == (Decimal("70.00"), "Kurang Memuaskan")
    assert budi.results is None and rows["Citra Dewi"].results is None


def test_the_figures_take_a_fixed_number_of_queries(overview_cohort, django_assert_num_queries):
    with django_assert_num_queries(5):
        build_rows(overview_cohort.cohort, overview_cohort.today)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"flagged": True}, ["Budi Santoso"]),
        ({"overdue_milestones": True}, ["Citra Dewi"]),
        ({"overdue_feedback": True}, ["Citra Dewi"]),
        ({"status": "in_implementation"}, ["Ani Lestari", "Citra Dewi"]),
        ({"status": NO_PROJECT}, ["Dewi Anggraini"]),
        ({"q": "budi"}, ["Budi Santoso"]),
        ({"q": "  INSPEKTORAT "}, ["Dewi Anggraini"]),
        ({"q": "dewi"}, ["Citra Dewi", "Dewi Anggraini"]),
        ({"status": "in_implementation", "overdue_feedback": True}, ["Citra Dewi"]),
        ({"q": "nobody"}, []),
    ],
)
def test_filters_and_search(rows, filters, expected):
    assert [row.name for row in narrow(sorted(rows.values(), key=lambda r: r.name), **filters)] == expected


def test_search_finds_a_nip_typed_with_or_without_its_spaces(rows):
    citra = rows["Citra Dewi"]
    assert citra.identifier.count(" ") == 3
    for typed in (citra.identifier, citra.identifier.replace(" ", ""), citra.identifier.split()[1]):
        assert citra in narrow(list(rows.values()), q=typed)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("name", ["Ani Lestari", "Budi Santoso", "Citra Dewi", "Dewi Anggraini"]),
        ("-name", ["Dewi Anggraini", "Citra Dewi", "Budi Santoso", "Ani Lestari"]),
        ("progress", ["Dewi Anggraini", "Budi Santoso", "Citra Dewi", "Ani Lestari"]),
        ("-progress", ["Ani Lestari", "Citra Dewi", "Budi Santoso", "Dewi Anggraini"]),
        ("-overdue", ["Citra Dewi", "Ani Lestari", "Budi Santoso", "Dewi Anggraini"]),
        ("-inactive", ["Budi Santoso", "Dewi Anggraini", "Ani Lestari", "Citra Dewi"]),
        ("inactive", ["Citra Dewi", "Ani Lestari", "Dewi Anggraini", "Budi Santoso"]),
        ("-feedback", ["Citra Dewi", "Ani Lestari", "Budi Santoso", "Dewi Anggraini"]),
    ],
)
def test_sorting(rows, order, expected):
    assert [row.name for row in sort_rows(list(rows.values()), order)] == expected


def test_the_threshold_must_be_from_1_to_365(overview_cohort):
    cohort = overview_cohort.cohort
    for wrong in (0, 366):
        with pytest.raises(ValidationError):
            set_inactivity_days(cohort, wrong)
    assert Cohort.objects.get(pk=cohort.pk).inactivity_days == 14


def test_the_database_refuses_a_threshold_out_of_range(overview_cohort):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=overview_cohort.cohort.pk).update(inactivity_days=0)

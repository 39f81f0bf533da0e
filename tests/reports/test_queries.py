"""Every report figure against the values worked out by hand in conftest.py."""

import datetime
from decimal import Decimal

import pytest

from reports.filters import report_filters
from reports.queries import feedback, progress, province, rollout, seminars
from reports.tables import ReportTable
from rollout.models import Adoption
from tests.reports.conftest import grow


def form_for(user, **filters):
    form = report_filters({key: str(value) for key, value in filters.items()}, user)
    assert form.is_valid(), form.errors
    return form


def by(table: ReportTable, key: str) -> dict:
    return {row[key]: row for row in table.rows}


# --- progress ----------------------------------------------------------------------------------


def test_milestones_per_horizon_are_split_into_on_time_late_overdue_open_and_cancelled(world):
    rows = by(progress.milestones_by_horizon(form_for(world.superuser)), "horizon_code")
    assert {k: rows["short"][k] for k in ("done_on_time", "done_late", "overdue", "open", "cancelled", "total")} == {
        "done_on_time": 1,
        "done_late": 1,
        "overdue": 2,
        "open": 0,
        "cancelled": 1,
        "total": 5,
    }
    assert (rows["medium"]["open"], rows["medium"]["total"]) == (2, 2)
    assert (rows["long"]["done_on_time"], rows["long"]["total"]) == (1, 1)


def test_projects_by_status_lists_every_status_with_its_count(world):
    rows = by(progress.projects_by_status(form_for(world.superuser)), "status_code")
    assert [rows[s]["count"] for s in ("draft", "submitted", "approved", "in_implementation", "completed")] == [
        1,
        0,
        1,
        1,
        1,
    ]
    assert rows["completed"]["share"] == 25.0


def test_overall_progress_is_the_weighted_mean_without_cancelled_milestones(world):
    assert progress.overall_progress(form_for(world.superuser)) == pytest.approx(55.7)


def test_a_cohort_filter_leaves_out_the_other_cohort(world):
    rows = by(progress.projects_by_status(form_for(world.superuser, cohort=world.cohort.pk)), "status_code")
    assert rows["completed"]["count"] == 0
    assert sum(row["count"] for row in rows.values()) == 3


def test_provincial_staff_report_on_their_province_only(world):
    rows = by(progress.projects_by_status(form_for(world.provincial)), "status_code")
    assert sum(row["count"] for row in rows.values()) == 3
    jakarta = by(progress.projects_by_status(form_for(world.jakarta_staff)), "status_code")
    assert sum(row["count"] for row in jakarta.values()) == 1


def test_a_participant_sees_only_their_own_projects_figures(world):
    rows = by(progress.milestones_by_horizon(form_for(world.participant)), "horizon_code")
    assert rows["short"]["total"] == 3
    assert rows["long"]["total"] == 0


# --- seminars ----------------------------------------------------------------------------------


def test_score_distribution_counts_combined_scores_per_band_with_90_in_the_80_to_90_band(world):
    rows = by(seminars.score_distribution(form_for(world.superuser)), "kind_code")
    assert {k: rows["results"][k] for k in ("band_60", "band_70", "band_80", "band_90", "band_100", "total")} == {
        "band_60": 0,
        "band_70": 0,
        "band_80": 1,
        "band_90": 1,
        "band_100": 1,
        "total": 3,
    }
    assert rows["design"]["total"] == 0


def test_predicates_per_cohort_follow_the_seeded_bands(world):
    table = seminars.predicates(form_for(world.superuser))
    counts = {row["predicate"]: row["count"] for row in table.rows}
    assert counts == {"Sangat Memuaskan": 1, "Memuaskan": 1, "Cukup Memuaskan": 1}
    assert [row["predicate"] for row in table.rows] == ["Sangat Memuaskan", "Memuaskan", "Cukup Memuaskan"]
    assert {row["share"] for row in table.rows} == {33.3}


def test_innovation_share_takes_the_examiners_majority_per_presentation(world):
    (row,) = seminars.innovation_share(form_for(world.superuser)).rows
    assert (row["innovation"], row["routine"], row["tied"], row["unclassified"]) == (1, 1, 1, 0)
    assert row["share"] == 33.3


def test_by_examiner_counts_complete_scorings_only(world):
    rows = by(seminars.by_examiner(form_for(world.superuser)), "examiner")
    one, two = rows["Penguji Satu"], rows["Penguji Dua"]
    assert (one["scored"], one["mean"], one["min"], one["max"]) == (3, Decimal("86.67"), Decimal(80), Decimal(90))
    assert (two["scored"], two["mean"], two["min"], two["max"]) == (2, Decimal("82.00"), Decimal(70), Decimal(94))


def test_seminar_figures_of_another_province_are_not_reported(world):
    assert seminars.score_distribution(form_for(world.jakarta_staff)).rows[1]["total"] == 0
    assert seminars.by_examiner(form_for(world.jakarta_staff)).rows == []


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_by_category_and_status(world):
    rows = by(feedback.by_category_status(form_for(world.superuser)), "category_code")
    budget, scope = rows["budget"], rows["scope"]
    assert (budget["open"], budget["in_progress"], budget["overdue"], budget["total"]) == (1, 1, 1, 2)
    assert (scope["implemented"], scope["verified"], scope["overdue"], scope["total"]) == (1, 1, 0, 2)
    assert rows["rollout"]["total"] == 0


def test_budget_amounts_per_fiscal_year_and_source(world):
    rows = feedback.budget_amounts(form_for(world.superuser)).rows
    assert [
        (r["fiscal_year"], r["items"], r["asked"], r["approved"], r["realised"], r["unrealised"]) for r in rows
    ] == [
        (2026, 1, 10_000_000, 8_000_000, 3_000_000, 5_000_000),
        (2027, 1, 4_000_000, 0, 0, 4_000_000),
    ]
    assert feedback.unrealised_total(form_for(world.superuser)) == 9_000_000


def test_overdue_items_show_days_overdue_and_the_giver(world):
    (row,) = feedback.overdue_items(form_for(world.superuser)).rows
    assert (row["project"], row["days_overdue"], row["given_by"]) == (world.p1.title, 10, "Penguji Satu")
    assert row["due_date"] == world.p1.feedback.get(category="budget").due_date


def test_time_to_implement_gives_mean_and_median_days_per_category(world):
    rows = by(feedback.time_to_implement(form_for(world.superuser)), "category_code")
    assert (rows["scope"]["implemented"], rows["scope"]["mean_days"], rows["scope"]["median_days"]) == (2, 7.0, 7.0)
    assert (rows["budget"]["implemented"], rows["budget"]["mean_days"]) == (0, None)


def test_provincial_staff_see_the_feedback_of_their_province(world):
    assert feedback.unrealised_total(form_for(world.provincial)) == 9_000_000
    assert feedback.unrealised_total(form_for(world.jakarta_staff)) == 0


# --- rollout -----------------------------------------------------------------------------------


def test_coverage_per_innovation_counts_targets_reached_at_applied_or_beyond(world):
    rows = by(rollout.coverage_by_innovation(form_for(world.superuser)), "innovation")
    one, two = rows["Aplikasi Satu"], rows["Bina Dua"]
    assert (one["targets"], one["covered"], one["coverage"], one["applied"], one["adopters"]) == (3, 2, 66.7, 2, 3)
    assert (two["targets"], two["covered"], two["coverage"], two["applied"], two["adopters"]) == (1, 0, 0.0, 1, 2)


def test_matrix_has_a_row_per_adopting_agency_and_a_column_per_innovation(world):
    table = rollout.matrix(form_for(world.superuser))
    i1, i2 = world.innovations
    assert [c.header for c in table.columns[2:-1]] == ["Aplikasi Satu", "Bina Dua"]
    rows = by(table, "agency")
    assert set(rows) == {"Dinas Kominfo", "Badan Pendapatan", "Dinas Pendidikan", "Dinas Sosial Kota", "Dinas Jakarta"}
    assert rows["Dinas Sosial Kota"][f"innovation_{i1.pk}"] == Adoption.Stage.INSTITUTIONALISED.label
    assert f"innovation_{i2.pk}" not in rows["Dinas Sosial Kota"]
    assert rows["Dinas Kominfo"][f"innovation_{i2.pk}"] == Adoption.Stage.PLANNED.label
    assert rows["Dinas Jakarta"]["applied"] == 1


def test_coverage_per_agency(world):
    rows = by(rollout.coverage_by_agency(form_for(world.superuser)), "agency")
    assert {name: (r["applied"], r["adopted"]) for name, r in rows.items()} == {
        "Badan Pendapatan": (1, 1),
        "Dinas Pendidikan": (0, 1),
        "Dinas Sosial Kota": (1, 1),
        "Dinas Kominfo": (0, 1),
        "Dinas Jakarta": (1, 1),
    }


def test_coverage_per_province_of_the_adopting_agency(world):
    rows = by(rollout.coverage_by_province(form_for(world.superuser)), "code")
    assert (rows["73"]["applied"], rows["73"]["agencies"], rows["73"]["innovations"]) == (2, 2, 1)
    assert (rows["31"]["applied"], rows["31"]["agencies"], rows["31"]["innovations"]) == (1, 1, 1)


def test_adoptions_over_time_fill_empty_months_and_run_a_total(world):
    rows = rollout.adoptions_over_time(form_for(world.superuser)).rows
    assert [(r["month"], r["applied"], r["cumulative"]) for r in rows] == [
        (datetime.date(2025, 3, 1), 1, 1),
        (datetime.date(2025, 4, 1), 1, 2),
        (datetime.date(2025, 5, 1), 0, 2),
        (datetime.date(2025, 6, 1), 1, 3),
    ]


def test_a_participant_sees_only_their_own_innovation(world):
    rows = rollout.coverage_by_innovation(form_for(world.participant)).rows
    assert [row["innovation"] for row in rows] == ["Aplikasi Satu"]


def test_rollout_of_another_province_is_not_reported(world):
    assert rollout.coverage_by_innovation(form_for(world.jakarta_staff)).rows == []


# --- province dashboard --------------------------------------------------------------------------


def test_the_province_dashboard_gathers_the_key_figures(world):
    board = province.dashboard(form_for(world.provincial), world.province)
    values = {figure.key: figure.value for figure in board.figures}
    assert values == {
        "projects": 3,
        "progress": pytest.approx(55.7),
        "overdue_milestones": 2,
        "open_feedback": 2,
        "overdue_feedback": 1,
        "unrealised": 9_000_000,
        "innovations": 2,
        "applied_innovations": 1,
        "applied_adoptions": 3,
        "coverage": 50.0,
    }
    assert {(r["predicate"], r["count"]) for r in board.predicates.rows} == {
        ("Sangat Memuaskan", 1),
        ("Memuaskan", 1),
        ("Cukup Memuaskan", 1),
    }


def test_the_dashboard_of_a_province_without_projects_is_empty_not_an_error(world):
    board = province.dashboard(form_for(world.superuser), world.jakarta)
    values = {figure.key: figure.value for figure in board.figures}
    assert (values["projects"], values["progress"], values["coverage"], values["unrealised"]) == (1, None, None, 0)


# --- fixed query counts ---------------------------------------------------------------------------

QUERY_FUNCTIONS = [
    progress.milestones_by_horizon,
    progress.projects_by_status,
    seminars.score_distribution,
    seminars.predicates,
    seminars.innovation_share,
    seminars.by_examiner,
    feedback.by_category_status,
    feedback.budget_amounts,
    feedback.overdue_items,
    feedback.time_to_implement,
    rollout.matrix,
    rollout.coverage_by_innovation,
    rollout.coverage_by_agency,
    rollout.coverage_by_province,
    rollout.adoptions_over_time,
]


def count_queries(function, form):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        function(form)
    return len(context.captured_queries)


@pytest.mark.parametrize("function", QUERY_FUNCTIONS, ids=lambda f: f"{f.__module__.rsplit('.', 1)[1]}.{f.__name__}")
def test_every_report_runs_the_same_queries_at_two_sizes(world, function):
    small = count_queries(function, form_for(world.provincial))
    grow(world, 12)
    large_form = form_for(world.provincial)
    large_rows = function(large_form).rows
    large = count_queries(function, form_for(world.provincial))
    assert small == large
    assert small <= 6
    assert list(large_rows)


def test_the_dashboard_runs_the_same_queries_at_two_sizes(world):
    small = count_queries(lambda f: province.dashboard(f, world.province), form_for(world.provincial))
    grow(world, 12)
    large = count_queries(lambda f: province.dashboard(f, world.province), form_for(world.provincial))
    assert small == large <= 15

"""Every report figure against the values worked out by hand in conftest.py."""

import datetime
from decimal import Decimal

import pytest

from reports.filters import report_filters
from reports.queries import budget, feedback, progress, province, rollout, seminars
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


def test_unrealised_budget_lists_each_item_with_money_still_to_realise_the_largest_first(world):
    table = feedback.unrealised_budget(form_for(world.superuser))
    assert [
        (r["project"], r["fiscal_year"], r["source"], r["asked"], r["approved"], r["realised"], r["unrealised"])
        for r in table.rows
    ] == [
        (world.p1.title, 2026, "Regional budget (APBD)", 10_000_000, 8_000_000, 3_000_000, 5_000_000),
        (world.p2.title, 2027, "Company CSR funds", 4_000_000, None, None, 4_000_000),
    ]
    first, second = table.rows
    assert (first["agency"], first["government"], first["status"], first["overdue"]) == (
        "Dinas Kominfo",
        "Sulawesi Selatan",
        "Open",
        True,
    )
    assert (second["agency"], second["status"], second["overdue"]) == ("Dinas Kesehatan Kota", "In progress", False)
    assert first["participant"] == str(world.p1.enrolment.participant.user)
    assert first["due_date"] == world.p1.feedback.get(category="budget").due_date


def test_fully_realised_budget_feedback_is_not_listed_as_unrealised(world):
    from projects.models import BudgetLine

    BudgetLine.objects.filter(feedback__item__project=world.p1).update(realised=8_000_000)
    assert [r["project"] for r in feedback.unrealised_budget(form_for(world.superuser)).rows] == [world.p2.title]
    assert feedback.unrealised_budget(form_for(world.jakarta_staff)).rows == []


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


def figures(row) -> tuple:
    return (row["targets"], row["covered"], row["coverage"], row["applied"], row["adopters"])


def test_coverage_per_innovation_counts_targets_reached_at_applied_or_beyond(world):
    rows = by(rollout.coverage_by_innovation(form_for(world.superuser)), "innovation")
    assert list(rows) == ["Aplikasi Satu", "Bina Dua", "Cepat Tiga"]
    assert figures(rows["Aplikasi Satu"]) == (3, 2, 66.7, 2, 3)
    assert figures(rows["Bina Dua"]) == (1, 0, 0.0, 1, 2)
    assert figures(rows["Cepat Tiga"]) == (2, 1, 50.0, 1, 1)


def test_with_a_province_the_coverage_counts_adopters_and_targets_inside_it(world):
    rows = by(rollout.coverage_by_innovation(form_for(world.superuser, province="73")), "innovation")
    assert list(rows) == ["Aplikasi Satu", "Bina Dua", "Cepat Tiga"]
    assert figures(rows["Aplikasi Satu"]) == (3, 2, 66.7, 2, 3)
    assert figures(rows["Bina Dua"]) == (1, 0, 0.0, 0, 1)
    assert figures(rows["Cepat Tiga"]) == (1, 1, 100.0, 1, 1)
    assert rows["Cepat Tiga"]["agency"] == "Dinas Jakarta"


def test_an_adoption_in_73_of_an_innovation_from_31_counts_for_73(world):
    form = form_for(world.provincial)
    row = by(rollout.coverage_by_innovation(form), "innovation")["Cepat Tiga"]
    assert (row["applied"], row["adopters"]) == (1, 1)
    i3 = world.innovations[2]
    assert by(rollout.matrix(form), "agency")["Dinas Pendidikan"][f"innovation_{i3.pk}"] == "Applied"
    assert by(rollout.coverage_by_province(form), "code")["73"]["applied"] == 3
    assert datetime.date(2025, 5, 1) in {r["month"] for r in rollout.adoptions_over_time(form).rows}


def test_an_adoption_in_31_of_an_innovation_from_73_does_not_count_for_73(world):
    form = form_for(world.superuser, province="73")
    assert by(rollout.coverage_by_innovation(form), "innovation")["Bina Dua"]["applied"] == 0
    assert "Dinas Jakarta" not in by(rollout.matrix(form), "agency")
    assert "Dinas Jakarta" not in by(rollout.coverage_by_agency(form), "agency")
    assert set(by(rollout.coverage_by_province(form), "code")) == {"73"}
    assert datetime.date(2025, 6, 1) not in {r["month"] for r in rollout.adoptions_over_time(form).rows}


def test_for_province_31_the_73_innovation_adopted_there_counts_and_targets_in_73_do_not(world):
    rows = by(rollout.coverage_by_innovation(form_for(world.jakarta_staff)), "innovation")
    assert list(rows) == ["Bina Dua", "Cepat Tiga"]
    assert figures(rows["Bina Dua"]) == (0, 0, None, 1, 1)
    assert figures(rows["Cepat Tiga"]) == (1, 0, 0.0, 0, 0)


def test_a_regional_government_or_an_agency_filter_chooses_the_adopter(world):
    city = by(rollout.coverage_by_innovation(form_for(world.superuser, government="73.71")), "innovation")
    assert list(city) == ["Aplikasi Satu", "Bina Dua"]  # I1 adopted in 73.71, I2 comes from there
    assert figures(city["Aplikasi Satu"]) == (1, 1, 100.0, 1, 1)  # the target 73.71, covered by A5
    assert figures(city["Bina Dua"]) == (0, 0, None, 0, 0)
    a4 = by(rollout.coverage_by_innovation(form_for(world.superuser, agency=world.agencies.a4.pk)), "innovation")
    assert list(a4) == ["Aplikasi Satu", "Cepat Tiga"]
    assert figures(a4["Aplikasi Satu"]) == (1, 0, 0.0, 0, 1)
    assert figures(a4["Cepat Tiga"]) == (1, 1, 100.0, 1, 1)


def test_the_cohort_chooses_the_innovations_by_their_origin(world):
    form = form_for(world.provincial, cohort=world.cohort.pk)
    assert [r["innovation"] for r in rollout.coverage_by_innovation(form).rows] == ["Aplikasi Satu", "Bina Dua"]
    assert "Dinas Pendidikan" in by(rollout.coverage_by_agency(form), "agency")
    assert by(rollout.coverage_by_agency(form), "agency")["Dinas Pendidikan"]["applied"] == 0


def test_matrix_has_a_row_per_adopting_agency_and_a_column_per_innovation(world):
    table = rollout.matrix(form_for(world.superuser))
    i1, i2, i3 = world.innovations
    assert [c.header for c in table.columns[2:-1]] == ["Aplikasi Satu", "Bina Dua", "Cepat Tiga"]
    rows = by(table, "agency")
    assert set(rows) == {"Dinas Kominfo", "Badan Pendapatan", "Dinas Pendidikan", "Dinas Sosial Kota", "Dinas Jakarta"}
    assert rows["Dinas Sosial Kota"][f"innovation_{i1.pk}"] == Adoption.Stage.INSTITUTIONALISED.label
    assert f"innovation_{i2.pk}" not in rows["Dinas Sosial Kota"]
    assert rows["Dinas Kominfo"][f"innovation_{i2.pk}"] == Adoption.Stage.PLANNED.label
    assert rows["Dinas Pendidikan"][f"innovation_{i3.pk}"] == Adoption.Stage.APPLIED.label
    assert (rows["Dinas Jakarta"]["applied"], rows["Dinas Pendidikan"]["applied"]) == (1, 1)


def test_coverage_per_agency(world):
    rows = by(rollout.coverage_by_agency(form_for(world.superuser)), "agency")
    assert {name: (r["applied"], r["adopted"]) for name, r in rows.items()} == {
        "Badan Pendapatan": (1, 1),
        "Dinas Pendidikan": (1, 2),
        "Dinas Sosial Kota": (1, 1),
        "Dinas Kominfo": (0, 1),
        "Dinas Jakarta": (1, 1),
    }


def test_coverage_per_province_of_the_adopting_agency(world):
    rows = by(rollout.coverage_by_province(form_for(world.superuser)), "code")
    assert (rows["73"]["applied"], rows["73"]["agencies"], rows["73"]["innovations"]) == (3, 3, 2)
    assert (rows["31"]["applied"], rows["31"]["agencies"], rows["31"]["innovations"]) == (1, 1, 1)


def test_adoptions_over_time_fill_empty_months_and_run_a_total(world):
    rows = rollout.adoptions_over_time(form_for(world.superuser)).rows
    assert [(r["month"], r["applied"], r["cumulative"]) for r in rows] == [
        (datetime.date(2025, 3, 1), 1, 1),
        (datetime.date(2025, 4, 1), 1, 2),
        (datetime.date(2025, 5, 1), 1, 3),
        (datetime.date(2025, 6, 1), 1, 4),
    ]


def test_provincial_staff_see_the_adoptions_in_their_province_over_time(world):
    rows = rollout.adoptions_over_time(form_for(world.provincial)).rows
    assert [(r["month"], r["applied"], r["cumulative"]) for r in rows] == [
        (datetime.date(2025, 3, 1), 1, 1),
        (datetime.date(2025, 4, 1), 1, 2),
        (datetime.date(2025, 5, 1), 1, 3),
    ]


def test_a_participant_sees_only_their_own_innovation(world):
    rows = rollout.coverage_by_innovation(form_for(world.participant)).rows
    assert [row["innovation"] for row in rows] == ["Aplikasi Satu"]


def test_a_participant_with_a_province_filter_sees_only_their_own_innovation(world):
    rows = rollout.coverage_by_innovation(form_for(world.participant, province="31")).rows
    assert rows == []


def test_rollout_from_another_province_is_reported_only_where_it_is_adopted(world):
    assert "Aplikasi Satu" not in by(rollout.coverage_by_innovation(form_for(world.jakarta_staff)), "innovation")
    assert set(by(rollout.coverage_by_agency(form_for(world.jakarta_staff)), "agency")) == {"Dinas Jakarta"}


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
        "innovations": 3,
        "applied_innovations": 2,
        "applied_adoptions": 3,
        "coverage": 60.0,
    }
    assert [row["unrealised"] for row in board.unrealised.rows] == [5_000_000, 4_000_000]
    assert {(r["predicate"], r["count"]) for r in board.predicates.rows} == {
        ("Sangat Memuaskan", 1),
        ("Memuaskan", 1),
        ("Cukup Memuaskan", 1),
    }


def test_the_dashboard_of_a_province_without_projects_is_empty_not_an_error(world):
    board = province.dashboard(form_for(world.superuser), world.jakarta)
    values = {figure.key: figure.value for figure in board.figures}
    assert (values["projects"], values["progress"], values["unrealised"]) == (1, None, 0)
    assert (values["innovations"], values["applied_adoptions"], values["coverage"]) == (2, 1, 0.0)


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
    feedback.unrealised_budget,
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


def test_seminar_reports_leave_out_results_not_yet_released(world):
    from assessments.models import Presentation
    from reports.filters import report_filters
    from reports.queries import seminars
    from tests import factories

    superuser = factories.UserFactory(is_superuser=True)

    def scored():
        form = report_filters({}, superuser)  # a fresh form: figures are memoised per form
        return sum(row["total"] for row in seminars.score_distribution(form).rows)

    before = scored()
    Presentation.objects.update(released_at=None)
    assert before > 0
    assert scored() == 0


def test_budget_lines_sum_planned_approved_and_realised_per_source_and_year_in_sql(
    world, django_assert_max_num_queries
):
    from projects.models import BudgetLine
    from tests import factories

    factories.BudgetLineFactory(project=world.p2, fiscal_year=2026, source="apbd", planned=1_000_000)
    factories.confirmed_line(world.p2, fiscal_year=2027, source="csr", planned=2_000_000, approved=2_000_000)
    with django_assert_max_num_queries(2):
        rows = budget.by_source_and_year(form_for(world.superuser)).rows
    assert [(r["fiscal_year"], r["source"], r["lines"], r["awaiting"]) for r in rows] == [
        (2026, "Regional budget (APBD)", 2, 1),
        (2027, "Company CSR funds", 1, 0),
    ]
    assert (rows[0]["planned"], rows[0]["approved"], rows[0]["realised"]) == (11_000_000, 8_000_000, 3_000_000)
    assert rows[0]["realised_share"] == 37.5
    assert BudgetLine.objects.count() == 3
    jakarta = budget.by_source_and_year(form_for(world.jakarta_staff)).rows
    assert jakarta == []

"""The raw lists: scoped to the reader (participant, organiser staff, provincial staff, stranger) and filtered."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import BudgetFeedback, RubricIndicator, Score
from reports import raw
from reports.filters import report_filters
from rollout.models import Adoption, Innovation
from tests import factories
from tests.assessments.factories import FeedbackItemFactory, PresentationFactory, SessionFactory

from .conftest import FORMULA_TITLE, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

RAW_LISTS = ["participants", "projects", "milestones", "scores", "feedback", "adoptions"]


@pytest.fixture
def rows_for(client, export_url):
    """The rows of a raw list as a reader gets them, as dicts keyed by the English header."""

    def rows(user, table: str, query: str = "") -> list[dict]:
        client.force_login(user)
        client.cookies["django_language"] = "en"
        response = client.get(export_url("raw", table, f"format=csv&{query}"))
        assert response.status_code == 200
        header, *body = read_csv(response)
        return [dict(zip(header, line, strict=True)) for line in body]

    return rows


def projects_of(rows) -> set[str]:
    return {row["Change project"].removeprefix("'") for row in rows}


ALL = {FORMULA_TITLE, "@SUM(1)", "Proyek Jawa Barat"}
COHORT_A = {FORMULA_TITLE, "@SUM(1)"}


def test_a_superuser_gets_every_row(world, rows_for):
    assert projects_of(rows_for(world.superuser, "projects")) == ALL
    assert len(rows_for(world.superuser, "milestones")) == 3
    assert len(rows_for(world.superuser, "feedback")) == 2
    assert len(rows_for(world.superuser, "scores")) == 2
    assert len(rows_for(world.superuser, "adoptions")) == 1
    assert len(rows_for(world.superuser, "participants")) == 3


@pytest.mark.parametrize("table", ["participants", "projects", "milestones", "feedback", "scores"])
def test_a_participant_gets_only_their_own_rows(world, rows_for, table):
    alice = world.alice.enrolment.participant.user
    rows = rows_for(alice, table)
    assert rows
    assert projects_of(rows) == {FORMULA_TITLE}


def test_a_participant_sees_their_own_scores_only_once_released(world, rows_for):
    carol = world.carol.enrolment.participant.user
    assert rows_for(carol, "scores") == []
    assert len(rows_for(carol, "projects")) == 1


def test_a_participant_sees_the_rollout_of_their_own_innovation_only(world, rows_for):
    alice, carol = (p.enrolment.participant.user for p in (world.alice, world.carol))
    assert [row["Innovation"] for row in rows_for(alice, "adoptions")] == ["Respons Cepat"]
    assert rows_for(carol, "adoptions") == []


def test_organiser_staff_get_their_cohorts(world, rows_for):
    for table in ("projects", "milestones", "feedback", "participants"):
        assert projects_of(rows_for(world.organiser_staff, table)) <= COHORT_A
    assert projects_of(rows_for(world.organiser_staff, "projects")) == COHORT_A
    assert {row["Name"] for row in rows_for(world.organiser_staff, "participants")} == {"Alice Andini", "Bob Baskara"}


def test_provincial_staff_get_their_province_only(world, rows_for):
    """Alice (73) and Bob (73.71, a city of 73) are in Sulawesi Selatan; Carol (32) is not."""
    assert projects_of(rows_for(world.provincial, "projects")) == COHORT_A
    assert {row["Name"] for row in rows_for(world.provincial, "participants")} == {"Alice Andini", "Bob Baskara"}
    assert {row["Activity"] for row in rows_for(world.provincial, "milestones")} == {
        "Rapat koordinasi",
        "'-Uji coba aplikasi",
    }
    assert [row["Feedback"] for row in rows_for(world.provincial, "feedback")] == ["Masukkan ke DPA"]
    assert len(rows_for(world.provincial, "scores")) == 1
    assert len(rows_for(world.provincial, "adoptions")) == 1


def test_provincial_staff_cannot_ask_for_another_province(world, client, export_url):
    client.force_login(world.provincial)
    client.cookies["django_language"] = "en"
    response = client.get(export_url("raw", "projects", "format=csv&province=32"))
    assert response.status_code == 400
    assert "You report on your own province only." in response.content.decode()


@pytest.mark.parametrize("table", RAW_LISTS)
def test_a_user_without_any_role_gets_404_as_on_the_report_pages(world, client, export_url, table):
    client.force_login(world.stranger)
    assert client.get(export_url("raw", table, "format=csv")).status_code == 404


def test_the_province_filter_on_adoptions_chooses_the_adopting_agency(world, rows_for):
    """Alice's innovation (73) is adopted by Bob's agency in Kota Makassar (73.71)."""
    assert [row["Adopting agency"] for row in rows_for(world.superuser, "adoptions", "government=73.71")] == [
        "Dinas Bob Baskara"
    ]
    assert rows_for(world.superuser, "adoptions", "government=73") == []
    assert rows_for(world.superuser, "adoptions", "province=32") == []


def test_filters_narrow_the_raw_lists(world, rows_for):
    assert projects_of(rows_for(world.superuser, "projects", f"cohort={world.cohort_b.pk}")) == {"Proyek Jawa Barat"}
    assert projects_of(rows_for(world.superuser, "projects", "province=73")) == COHORT_A
    assert projects_of(rows_for(world.superuser, "projects", "government=73.71")) == {"@SUM(1)"}
    assert {row["Name"] for row in rows_for(world.superuser, "participants", "province=32")} == {"Carol Cahyani"}
    assert len(rows_for(world.superuser, "milestones", f"cohort={world.cohort_a.pk}")) == 2


def test_raw_list_headers_are_indonesian_by_default(world, client, export_url, indonesian_by_default):
    client.force_login(world.superuser)
    header = read_csv(client.get(export_url("raw", "participants", "format=csv")))[0]
    assert {"Angkatan", "Tahun"} <= set(header)


def test_participant_rows_show_the_nip_as_printed_and_the_project(world, rows_for):
    alice = world.alice.enrolment.participant
    (row,) = rows_for(alice.user, "participants")
    assert row["NIP / NI PPPK"] == alice.nip_formatted
    assert " " in row["NIP / NI PPPK"]  # grouped, so that no spreadsheet turns it into 1.97E+17
    assert row["Project status"] == "Draft"


def test_feedback_rows_carry_the_budget_money(world, rows_for):
    (row,) = rows_for(world.provincial, "feedback")
    assert (row["Category"], row["Asked for"], row["Approved"], row["Realised"]) == ("Budget", "5000000", "4000000", "")
    assert row["Fiscal year"] == "2027"


def test_score_rows_carry_the_score_and_a_neutralised_remark(world, rows_for):
    (row,) = rows_for(world.provincial, "scores")
    assert row["Score"] == "87,50"
    assert row["Remark"] == "'+ bagus"
    assert row["Scorer"] == "Penguji Utama"


def test_adoption_rows_carry_the_stage_dates_and_an_inert_phone_number(world, rows_for):
    (row,) = rows_for(world.superuser, "adoptions")
    assert (row["Planned on"], row["Applied since"], row["Institutionalised on"]) == ("2026-01-05", "2026-03-01", "")
    assert row["Adopting agency"] == "Dinas Bob Baskara"
    assert row["Contact phone"] == "'+62 811 4000 123"


@pytest.mark.parametrize("table", RAW_LISTS)
def test_every_raw_list_exports_as_xlsx_with_its_columns(world, client, export_url, table):
    client.force_login(world.superuser)
    client.cookies["django_language"] = "en"
    sheet = read_xlsx(client.get(export_url("raw", table, "format=xlsx")))
    columns = getattr(raw, table)
    assert sheet.max_column == len(columns_of(columns))
    assert sheet.max_row > 1


def columns_of(build):
    return build(report_filters({}, factories.UserFactory(is_superuser=True))).columns


def test_raw_rows_are_a_lazy_iterator(world):
    table = raw.projects(report_filters({}, world.superuser))
    assert not isinstance(table.rows, list | tuple)
    assert len(list(table.rows)) == 3


def populate(size: int):
    """A cohort of ``size`` projects, each with a milestone, budget feedback, a released score and an adoption."""
    cohort = factories.CohortFactory()
    staff = factories.UserFactory()
    cohort.organiser.staff.add(staff)
    session = SessionFactory(seminar__cohort=cohort)
    indicator = RubricIndicator.objects.filter(component__rubric=session.seminar.rubric).first()
    adopter = factories.AgencyFactory()
    for order in range(1, size + 1):
        project = factories.ChangeProjectFactory(enrolment__cohort=cohort)
        factories.MilestoneFactory(project=project)
        item = FeedbackItemFactory(project=project, given_by=staff, category="budget")
        BudgetFeedback.objects.create(item=item, fiscal_year=2027, source="apbd", amount_requested=1_000_000)
        presentation = PresentationFactory(
            session=session, enrolment=project.enrolment, order=order, released_at=timezone.now()
        )
        Score.objects.create(
            presentation=presentation, indicator=indicator, scorer=staff, role="examiner", value=Decimal("80")
        )
        innovation = Innovation.objects.create(project=project, name=f"Inovasi {order}", form="governance")
        Adoption.objects.create(innovation=innovation, agency=adopter, planned_on=datetime.date(2026, 1, 5))
    return cohort, staff


@pytest.mark.parametrize("size", [1, 50])
@pytest.mark.parametrize("table", RAW_LISTS)
def test_every_raw_list_runs_a_fixed_number_of_queries(client, export_url, django_assert_max_num_queries, table, size):
    cohort, staff = populate(size)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        rows = read_csv(client.get(export_url("raw", table, f"format=csv&cohort={cohort.pk}")))
    assert len(rows) == size + 1


def test_milestone_rows_name_cohort_participant_and_choices_as_the_pages_do(world, rows_for):
    rows = rows_for(world.superuser, "milestones", f"cohort={world.cohort_a.pk}")
    done = next(row for row in rows if row["Activity"] == "Rapat koordinasi")
    assert done["Cohort"] == str(world.cohort_a)
    assert done["Participant"] == "Alice Andini"
    assert (done["Horizon"], done["Status"], done["Overdue"]) == ("Short-term", "Done", "No")


def test_a_milestone_row_falls_back_to_the_username_and_flags_an_overdue_milestone(world, rows_for):
    user = world.carol.enrolment.participant.user
    user.full_name = ""
    user.save(update_fields=["full_name"])
    late = timezone.localdate() - datetime.timedelta(days=30)
    factories.MilestoneFactory(
        project=world.carol, activity="Terlambat", start_date=late, target_date=late, status="in_progress"
    )
    rows = rows_for(world.superuser, "milestones", f"cohort={world.cohort_b.pk}")
    overdue = next(row for row in rows if row["Activity"] == "Terlambat")
    assert overdue["Participant"] == user.username
    assert overdue["Overdue"] == "Yes"

"""XLSX exports, read back with openpyxl: real types and formats, frozen bold header, widths, inert formulas."""

import datetime
import re

import pytest
from django.http import StreamingHttpResponse

from reports import exports
from tests import factories

from .conftest import FORMULA_TITLE, read_csv, read_xlsx, reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(client, fake, export_url, indonesian_by_default):
    client.force_login(reporter())
    return read_xlsx(client.get(export_url("test", "fake", "format=xlsx")))


def test_an_xlsx_export_is_streamed_as_an_attachment_named_after_the_table_and_the_day(client, fake, export_url):
    client.force_login(reporter())
    response = client.get(export_url("test", "fake", "format=xlsx"))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert not response.has_header("Content-Length")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert re.fullmatch(
        r'attachment; filename="diklat-test-fake-\d{4}-\d{2}-\d{2}\.xlsx"', response["Content-Disposition"]
    )


def test_xlsx_is_the_default_format(client, fake, export_url):
    client.force_login(reporter())
    assert client.get(export_url("test", "fake"))["Content-Disposition"].endswith('.xlsx"')


def test_the_header_is_indonesian_bold_and_frozen(sheet):
    assert [cell.value for cell in sheet[1]] == ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "Januari"


def test_the_header_follows_the_readers_language(client, fake, export_url, indonesian_by_default):
    client.force_login(reporter())
    client.cookies["django_language"] = "en"
    response = client.get(export_url("test", "fake", "format=xlsx"))
    assert read_xlsx(response)["A1"].value == "January"


def test_integers_and_rupiah_are_numbers_with_their_formats(sheet):
    count, money = sheet["B2"], sheet["C2"]
    assert count.value == -5 and isinstance(count.value, int) and count.data_type == "n"
    assert count.number_format == "0"
    assert money.value == 3_800_000 and isinstance(money.value, int)
    assert money.number_format == '"Rp "#,##0'


def test_percents_and_scores_are_numbers_with_one_and_two_decimals(sheet):
    assert sheet["D2"].value == pytest.approx(45.25) and sheet["D2"].number_format == "0.0"
    assert sheet["E2"].value == pytest.approx(87.5) and sheet["E2"].number_format == "0.00"


def test_dates_are_dates_and_times_are_local(sheet):
    day, moment = sheet["F2"], sheet["G2"]
    assert day.is_date and day.value == datetime.datetime(2026, 11, 22)
    assert day.number_format == "dd-mm-yyyy"
    # 01:30 UTC is 08:30 in Jakarta (WIB), the zone of a reader with no province.
    assert moment.is_date and moment.value == datetime.datetime(2026, 11, 22, 8, 30)
    assert moment.number_format == "dd-mm-yyyy hh:mm"


def test_empty_values_stay_empty_cells(sheet):
    assert sheet["F3"].value is None
    assert sheet["C4"].value is None


def test_text_that_looks_like_a_formula_is_written_as_inert_text(sheet):
    formula, at_sign, plus, tab = sheet["A2"], sheet["A3"], sheet["A4"], sheet["A5"]
    assert formula.value == FORMULA_TITLE and formula.data_type == "s" and formula.quotePrefix
    assert at_sign.value == "@SUM(1)" and at_sign.data_type == "s" and at_sign.quotePrefix
    assert plus.value == "+62 811" and plus.quotePrefix
    assert tab.value == "\tTab" and tab.quotePrefix
    assert sheet["A6"].value == "Biasa, dengan koma" and not sheet["A6"].quotePrefix


def test_column_widths_come_from_the_header_and_the_content(sheet):
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert widths["A"] == len(FORMULA_TITLE) + 2
    assert widths["C"] == 16 + 2  # rupiah: at least room for Rp 999.999.999
    assert widths["B"] == 8 + 2  # an integer
    assert widths["F"] == 12 + 2  # a date
    assert widths["G"] == 17 + 2  # a date and time


def test_a_project_title_that_is_a_formula_stays_inert_in_the_raw_list(client, world, export_url):
    client.force_login(world.superuser)
    sheet = read_xlsx(client.get(export_url("raw", "projects", "format=xlsx")))
    titles = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    assert titles[FORMULA_TITLE].data_type == "s"
    assert titles["@SUM(1)"].data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_raw_milestones_carry_dates_money_and_progress(client, world, export_url):
    client.force_login(world.superuser)
    url = export_url("raw", "milestones", f"format=xlsx&cohort={world.cohort_a.pk}")
    client.cookies["django_language"] = "en"
    sheet = read_xlsx(client.get(url))
    header = [cell.value for cell in sheet[1]]
    done = next(row for row in sheet.iter_rows(min_row=2) if row[header.index("Activity")].value == "Rapat koordinasi")
    assert done[header.index("Estimated cost")].value == 3_800_000
    assert done[header.index("Estimated cost")].number_format == '"Rp "#,##0'
    assert done[header.index("Completed on")].is_date
    assert done[header.index("Progress (%)")].value == 100
    assert done[header.index("Weight")].data_type == "n"


@pytest.mark.parametrize("size", [1, 50])
def test_the_raw_milestone_list_runs_a_fixed_number_of_queries(client, size, django_assert_max_num_queries, export_url):
    cohort = factories.CohortFactory()
    staff = factories.UserFactory()
    cohort.organiser.staff.add(staff)
    for _ in range(size):
        factories.MilestoneFactory(project__enrolment__cohort=cohort)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        sheet = read_xlsx(client.get(export_url("raw", "milestones", f"format=xlsx&cohort={cohort.pk}")))
    assert sheet.max_row == size + 1


REPORT_TABLES = [key for key in exports.REGISTRY if key[0] != exports.RAW]


@pytest.mark.parametrize("report,table", REPORT_TABLES)
def test_every_report_table_exports_in_both_formats(client, world, export_url, report, table):
    client.force_login(world.superuser)
    sheet = read_xlsx(client.get(export_url(report, table, "format=xlsx")))
    rows = read_csv(client.get(export_url(report, table, "format=csv")))
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert sheet.max_row == len(rows)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

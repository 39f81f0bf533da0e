"""CSV exports: streamed, UTF-8 with BOM, `;` and decimal commas as Excel in Indonesian reads them.

Typed values written plainly, formulas made inert, filters checked.
"""

import re

import pytest
from django.http import StreamingHttpResponse

from tests import factories

from .conftest import FORMULA_TITLE, content_of, read_csv, reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    user = reporter()
    client.force_login(user)
    return user


def test_a_csv_export_is_streamed_as_an_attachment_named_after_the_table_and_the_day(client, reader, fake, export_url):
    response = client.get(export_url("test", "fake", "format=csv"))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="diklat-test-fake-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    assert content_of(response).startswith("\ufeff".encode())


def test_the_csv_parsed_back_equals_the_table(client, reader, fake, export_url, indonesian_by_default):
    rows = read_csv(client.get(export_url("test", "fake", "format=csv")))
    assert rows == [
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"],
        ["'" + FORMULA_TITLE, "-5", "3800000", "45,2", "87,50", "2026-11-22", "2026-11-22 08:30"],
        ["'@SUM(1)", "0", "0", "0,0", "0,00", "", ""],
        ["'+62 811", "12", "", "", "", "", ""],
        ["'\tTab", "", "", "", "", "", ""],
        ["Biasa, dengan koma", "1", "1", "100,0", "", "", ""],
    ]


def test_fields_are_split_by_semicolons_with_decimal_commas_for_excel_in_indonesian(client, reader, fake, export_url):
    lines = content_of(client.get(export_url("test", "fake", "format=csv"))).decode().splitlines()
    assert lines[1].startswith('"\'=HYPERLINK(""http://evil.example/"",""klik"")";-5;3800000;45,2;87,50;2026-11-22;')
    assert lines[5].startswith("Biasa, dengan koma;1;1;100,0;")


def test_headers_follow_the_readers_language(client, reader, fake, export_url, indonesian_by_default):
    client.cookies["django_language"] = "en"
    rows = read_csv(client.get(export_url("test", "fake", "format=csv")))
    assert rows[0] == ["January", "February", "March", "April", "May", "June", "July"]


def test_times_are_written_in_the_readers_zone(client, fake, export_url, participant):
    """A participant working in Sulawesi Selatan (WITA, UTC+8) reads 01:30 UTC as 09:30."""
    client.force_login(participant.user)
    rows = read_csv(client.get(export_url("test", "fake", "format=csv")))
    assert rows[1][6] == "2026-11-22 09:30"


def test_bad_filters_get_a_400_in_plain_text_with_the_message(client, reader, fake, export_url):
    client.cookies["django_language"] = "en"
    response = client.get(export_url("test", "fake", "format=csv&year=abc&colour=red"))
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Year: Enter a whole number." in text
    assert "Unknown filter “colour”." in text


def test_a_contradictory_filter_is_refused_not_answered_with_an_empty_file(client, world, export_url):
    client.force_login(world.superuser)
    query = f"format=csv&programme=pkp&cohort={world.cohort_a.pk}"
    client.cookies["django_language"] = "en"
    response = client.get(export_url("raw", "projects", query))
    assert response.status_code == 400
    assert "Cohort: This cohort belongs to another programme." in response.content.decode()


def test_an_unknown_format_is_refused(client, reader, fake, export_url):
    client.cookies["django_language"] = "en"
    response = client.get(export_url("test", "fake", "format=pdf"))
    assert response.status_code == 400
    assert "choose csv or xlsx" in response.content.decode()


def test_an_unknown_table_is_not_found(client, reader, export_url):
    assert client.get(export_url("rollout", "nothing", "format=csv")).status_code == 404
    assert client.get(export_url("nothing", "projects", "format=csv")).status_code == 404


def test_exports_need_a_signed_in_user(client, fake, export_url):
    response = client.get(export_url("test", "fake", "format=csv"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_posting_to_an_export_is_not_allowed(client, reader, fake, export_url):
    assert client.post(export_url("test", "fake", "format=csv")).status_code == 405


@pytest.mark.parametrize("size", [1, 50])
def test_the_raw_project_list_runs_a_fixed_number_of_queries(client, size, django_assert_max_num_queries, export_url):
    cohort = factories.CohortFactory()
    staff = factories.UserFactory()
    cohort.organiser.staff.add(staff)
    for _ in range(size):
        project = factories.ChangeProjectFactory(enrolment__cohort=cohort)
        factories.MilestoneFactory(project=project)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        rows = read_csv(client.get(export_url("raw", "projects", f"format=csv&cohort={cohort.pk}")))
    assert len(rows) == size + 1

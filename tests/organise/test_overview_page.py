"""The cohort overview page, its downloads and its inactivity form, for organiser staff only."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diklat.models import Cohort
from tests import factories
from tests.factories import logged_in
from tests.organise.overview_fixtures import add_participants, build_overview_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def overview_cohort(db):
    return build_overview_cohort()


@pytest.fixture
def url(overview_cohort):
    return reverse("organise:overview", args=[overview_cohort.cohort.pk])


@pytest.fixture
def export_url(overview_cohort):
    return reverse("organise:overview_export", args=[overview_cohort.cohort.pk])


@pytest.fixture
def staff_client(overview_cohort):
    return logged_in(overview_cohort.staff)


def names(response) -> list[str]:
    return [row.name for row in response.context["page"].object_list]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_organiser_staff_see_every_participant_with_the_flagged_one_marked_in_text(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert names(response) == ["Ani Lestari", "Budi Santoso", "Citra Dewi", "Dewi Anggraini"]
    assert response.text.count('class="flagged"') == 1
    assert response.text.count('<span class="flag">Inactive</span>') == 1
    assert "(never posted: since enrolment)" in response.text
    assert '<div class="table-scroll">' in response.text and 'class="stack overview"' in response.text


def test_the_page_is_linked_from_the_cohorts_nav_and_home(staff_client, url, overview_cohort):
    home = staff_client.get(reverse("organise:cohort", args=[overview_cohort.cohort.pk]))
    assert home.text.count(f'href="{url}"') == 2  # the nav and the link on the page
    assert f'href="{url}" aria-current="page"' in staff_client.get(url).text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"flagged": "on"}, ["Budi Santoso"]),
        ({"overdue_milestones": "on"}, ["Citra Dewi"]),
        ({"overdue_feedback": "on"}, ["Citra Dewi"]),
        ({"status": "approved"}, ["Budi Santoso"]),
        ({"status": "none"}, ["Dewi Anggraini"]),
        ({"q": "Pendidikan"}, ["Citra Dewi"]),
        ({"sort": "-inactive"}, ["Budi Santoso", "Dewi Anggraini", "Ani Lestari", "Citra Dewi"]),
        ({"sort": "progress", "q": "dewi"}, ["Dewi Anggraini", "Citra Dewi"]),
    ],
)
def test_the_page_filters_searches_and_sorts(staff_client, url, query, expected):
    assert names(staff_client.get(url, query)) == expected


def test_a_wrong_filter_is_said_on_the_form_and_every_participant_stays_listed(staff_client, url):
    response = staff_client.get(url, {"status": "lost", "sort": "age"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"status", "sort"}
    assert "The filters need correcting" in response.text
    assert len(names(response)) == 4


def test_pages_of_fifty_keep_the_filters(staff_client, url, overview_cohort):
    add_participants(overview_cohort.cohort, 50, overview_cohort.today)
    first = staff_client.get(url, {"overdue_feedback": "on"})  # the 50 added and Citra
    assert len(names(first)) == 50 and first.context["total"] == 51
    assert 'href="?overdue_feedback=on&amp;page=2"' in first.text
    second = staff_client.get(url, {"overdue_feedback": "on", "page": 2})
    assert names(second) == ["Peserta Tambahan 49"]
    assert 'href="?overdue_feedback=on&amp;page=1"' in second.text
    assert len(names(staff_client.get(url, {"page": "many"}))) == 50  # a wrong page number: the first


def test_the_page_costs_the_same_with_30_participants_as_with_4(
    staff_client, url, overview_cohort, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as four:
        staff_client.get(url)
    add_participants(overview_cohort.cohort, 26, overview_cohort.today)
    with django_assert_max_num_queries(len(four.captured_queries)):
        response = staff_client.get(url)
    assert response.context["total"] == 30
    assert len(four.captured_queries) <= 14  # 5 for the figures; the rest the session, user and nav


def test_the_csv_download_has_the_filtered_rows_with_a_bom(staff_client, export_url, overview_cohort):
    response = staff_client.get(export_url, {"format": "csv", "overdue_milestones": "on"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="diklat-overview-')
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert header[:2] == ["Participant", "NIP / NI PPPK"] and header[-1] == "Flagged as inactive"
    assert len(rows) == 1
    citra = dict(zip(header, rows[0], strict=True))
    assert citra["Participant"] == "Citra Dewi"
    assert citra["Agency"] == "Dinas Pendidikan"
    assert citra["Project status"] == "In implementation"
    assert citra["Short-term progress (%)"] == "46,7"
    assert citra["Overdue milestones"] == "2"
    assert citra["Last post"] == (overview_cohort.today - datetime.timedelta(days=1)).isoformat()
    assert citra["Days since the last post"] == "1"
    assert (citra["Open feedback"], citra["Overdue feedback"]) == ("2", "1")
    assert citra["Flagged as inactive"] == "No"


def test_the_xlsx_download_has_the_rows_in_the_pages_order_typed(staff_client, export_url):
    response = staff_client.get(export_url, {"format": "xlsx", "sort": "-inactive"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    by = {name: index for index, name in enumerate(header)}
    assert [row[0] for row in rows] == ["Budi Santoso", "Dewi Anggraini", "Ani Lestari", "Citra Dewi"]
    budi, dewi, ani = rows[0], rows[1], rows[2]
    assert budi[by["Days since the last post"]] == 20 and budi[by["Flagged as inactive"]] == "Yes"
    assert budi[by["Design seminar score"]] == 70 and budi[by["Design seminar predicate"]] == "Kurang Memuaskan"
    assert dewi[by["Project status"]] == "No project yet" and dewi[by["Last post"]] is None
    assert ani[by["Results seminar score"]] == 85 and ani[by["Results seminar predicate"]] == "Memuaskan"
    assert ani[by["Overall progress (%)"]] == 50


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"format": "pdf"}, "Unknown format"),
        ({"format": ["csv", "xlsx"]}, "Give the format once"),
        ({"format": "csv", "status": "lost"}, "Project status:"),
        ({"format": "csv", "sort": "age"}, "Order:"),
        ({"format": "xlsx", "q": "x" * 101}, "Search:"),
    ],
)
def test_a_wrong_download_request_is_a_400_that_says_why(staff_client, export_url, query, message):
    response = staff_client.get(export_url, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_threshold_form_saves_and_reflags(staff_client, url, overview_cohort):
    response = staff_client.post(f"{url}?sort=name", {"inactivity_days": "7"})
    assert response.status_code == 302 and response.url == f"{url}?sort=name"
    assert Cohort.objects.get(pk=overview_cohort.cohort.pk).inactivity_days == 7
    page = staff_client.get(response.url)
    assert [row.name for row in page.context["page"].object_list if row.flagged] == ["Budi Santoso", "Dewi Anggraini"]
    assert "now flagged after 7 days" in page.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Give a number of days from 1 to 365."),
        ("366", "Give a number of days from 1 to 365."),
        ("ten", "Give a whole number of days."),
        ("", "Give the number of days."),
    ],
)
def test_a_wrong_threshold_is_refused_with_a_message_at_the_field(staff_client, url, overview_cohort, typed, message):
    response = staff_client.post(url, {"inactivity_days": typed})
    assert response.status_code == 400
    assert response.context["inactivity_form"].errors == {"inactivity_days": [message]}
    assert message in response.text
    assert Cohort.objects.get(pk=overview_cohort.cohort.pk).inactivity_days == 14


def test_an_anonymous_visitor_is_sent_to_log_in(client, url, export_url):
    for address in (url, export_url):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_participant_is_refused(overview_cohort, url, export_url):
    client = logged_in(overview_cohort.ani.participant.user)
    assert client.get(url).status_code == 403
    assert client.get(export_url, {"format": "csv"}).status_code == 403
    assert client.post(url, {"inactivity_days": "3"}).status_code == 403


def test_another_organisers_staff_do_not_find_the_cohort(url, export_url, overview_cohort):
    other = factories.UserFactory()
    factories.OrganiserFactory().staff.add(other)
    client = logged_in(other)
    assert client.get(url).status_code == 404
    assert client.get(export_url, {"format": "csv"}).status_code == 404
    assert client.post(url, {"inactivity_days": "3"}).status_code == 404
    assert Cohort.objects.get(pk=overview_cohort.cohort.pk).inactivity_days == 14


def test_a_superuser_sees_the_overview(superuser, url):
    response = logged_in(superuser).get(url)
    assert response.status_code == 200 and len(names(response)) == 4

"""Report pages and the province dashboard: figures shown, bad filters refused, access per role, fixed queries."""

import pytest
from django.urls import reverse

from tests import factories
from tests.reports.conftest import grow

REPORT_NAMES = ["progress", "seminars", "feedback", "budget", "rollout"]


def url(name, *args, **query):
    from urllib.parse import urlencode

    base = reverse(name, args=args)
    return f"{base}?{urlencode(query)}" if query else base


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


# --- pages show the figures ---------------------------------------------------------------------


@pytest.mark.parametrize("report", REPORT_NAMES)
def test_each_report_page_shows_its_filters_charts_tables_and_export_links(world, as_user, report):
    response = as_user(world.superuser).get(url("reports:report", report))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="cohort"' in html
    assert '<img src="/reports/charts/' in html
    assert "format=csv" in html and "format=xlsx" in html
    assert "<table" in html


def test_the_progress_page_shows_the_hand_computed_figures(world, as_user):
    response = as_user(world.organiser_staff).get(url("reports:report", "progress"))
    sections = response.context["sections"]
    horizons = sections[0]["table"]["rows"]
    short = [cell["text"] for cell in horizons[0]]
    assert short[1:] == ["1", "1", "2", "0", "1", "5"]  # on time, late, overdue, open, cancelled, total


def test_the_chart_has_alt_text_reading_out_its_figures(world, as_user):
    response = as_user(world.superuser).get(url("reports:report", "rollout"))
    chart = response.context["sections"][0]["chart"]
    assert "Aplikasi Satu" in chart["alt"] and "2" in chart["alt"]
    assert f'alt="{chart["alt"]}"' in response.content.decode()


def test_the_filters_travel_to_the_chart_and_export_links(world, as_user):
    response = as_user(world.superuser).get(url("reports:report", "progress", cohort=world.cohort.pk))
    section = response.context["sections"][0]
    assert f"cohort={world.cohort.pk}" in section["chart"]["svg"]
    assert section["table"]["csv"].endswith(f"format=csv&cohort={world.cohort.pk}")
    assert reverse("reports:export", args=["progress", "milestones"]) in section["table"]["csv"]


# --- bad filters ---------------------------------------------------------------------------------


def test_an_unknown_filter_is_refused_with_a_message_and_no_figures(world, as_user):
    response = as_user(world.superuser).get(url("reports:report", "progress", colour="red"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "colour" in html
    assert response.context["sections"] == []
    assert "<table" not in html


def test_a_cohort_of_another_programme_is_refused_at_the_field(world, as_user):
    response = as_user(world.superuser).get(url("reports:report", "seminars", programme="pka", cohort=world.cohort.pk))
    assert response.status_code == 400
    assert "cohort" in response.context["form"].errors


def test_an_agency_outside_the_province_is_refused(world, as_user):
    response = as_user(world.superuser).get(
        url("reports:report", "rollout", province="73", agency=world.agencies.b1.pk)
    )
    assert response.status_code == 400
    assert "agency" in response.context["form"].errors


def test_a_year_that_is_not_a_number_is_refused(world, as_user):
    response = as_user(world.superuser).get(url("reports:report", "feedback", year="twenty"))
    assert response.status_code == 400
    assert "year" in response.context["form"].errors


def test_provincial_staff_cannot_ask_for_another_province(world, as_user):
    response = as_user(world.provincial).get(url("reports:report", "progress", province="31"))
    assert response.status_code == 400
    assert "province" in response.context["form"].errors


def test_bad_filters_on_the_dashboard_show_no_figures(world, as_user):
    response = as_user(world.provincial).get(url("reports:province", "73", year="x"))
    assert response.status_code == 400
    assert "figures" not in response.context


# --- access --------------------------------------------------------------------------------------


def test_anonymous_readers_are_sent_to_log_in(world, client):
    response = client.get(url("reports:report", "progress"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("report", ["progress", "seminars", "feedback"])
def test_a_participant_gets_404_on_the_reports_other_than_rollout(world, as_user, report):
    assert as_user(world.participant).get(url("reports:report", report)).status_code == 404


def test_a_participant_sees_the_rollout_of_their_own_innovation_only(world, as_user):
    response = as_user(world.participant).get(url("reports:report", "rollout"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aplikasi Satu" in html
    assert "Bina Dua" not in html


def test_a_user_without_any_role_gets_404_everywhere(world, as_user):
    client = as_user(factories.UserFactory())
    assert client.get(url("reports:index")).status_code == 404
    assert client.get(url("reports:report", "rollout")).status_code == 404
    assert client.get(url("reports:my-province")).status_code == 404


def test_provincial_staff_see_their_province_only(world, as_user):
    response = as_user(world.jakarta_staff).get(url("reports:report", "rollout"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aplikasi Satu" not in html


def test_organiser_staff_see_their_cohorts_only(world, as_user):
    response = as_user(world.organiser_staff).get(url("reports:report", "progress"))
    statuses = response.context["sections"][1]["table"]["rows"]
    completed = next(row for row in statuses if row[0]["text"] == str(world.p4.Status.COMPLETED.label))
    assert completed[1]["text"] == "0"


def test_a_mentor_reads_the_reports_of_their_participants(world, as_user):
    mentor = factories.AssignmentFactory(enrolment=world.p2.enrolment, role="mentor").user
    response = as_user(mentor).get(url("reports:report", "feedback"))
    assert response.status_code == 200
    rows = response.context["sections"][1]["table"]["rows"]
    assert [row[0]["text"] for row in rows] == ["2027"]


def test_the_index_lists_the_reports_a_reader_may_open(world, as_user):
    staff = as_user(world.provincial).get(url("reports:index"))
    assert len(staff.context["reports"]) == 5 and staff.context["dashboard"]
    participant = as_user(world.participant).get(url("reports:index"))
    assert [url for _title, url in participant.context["reports"]] == [reverse("reports:report", args=["rollout"])]
    assert not participant.context["dashboard"]


# --- province dashboard --------------------------------------------------------------------------


def test_provincial_staff_are_sent_to_their_province(world, as_user):
    response = as_user(world.provincial).get(url("reports:my-province"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:province", args=["73"])


def test_the_dashboard_shows_the_key_figures_with_links_to_the_full_reports(world, as_user, settings):
    settings.LANGUAGE_CODE = "id"  # figures are formatted the Indonesian way: Rp 9.000.000, 60,0 %
    response = as_user(world.provincial).get(url("reports:province", "73"))
    assert response.status_code == 200
    figures = {figure["label"]: figure for figure in response.context["figures"]}
    unrealised = figures[str(next(f.label for f in response.context["board"].figures if f.key == "unrealised"))]
    assert unrealised["text"] == "Rp 9.000.000"
    assert unrealised["url"] == reverse("reports:report", args=["feedback"]) + "?province=73"
    html = response.content.decode()
    assert "Rp 9.000.000" in html and "60,0 %" in html


def test_staff_of_another_province_get_404_on_the_dashboard(world, as_user):
    assert as_user(world.jakarta_staff).get(url("reports:province", "73")).status_code == 404


def test_a_participant_gets_404_on_the_dashboard(world, as_user):
    assert as_user(world.participant).get(url("reports:province", "73")).status_code == 404


def test_a_regency_is_not_a_province_dashboard(world, as_user):
    assert as_user(world.superuser).get(url("reports:province", "73.71")).status_code == 404


def test_organiser_staff_and_superusers_open_any_province_and_choose_one(world, as_user):
    assert as_user(world.organiser_staff).get(url("reports:province", "73")).status_code == 200
    choice = as_user(world.superuser).get(url("reports:my-province"))
    assert choice.status_code == 200
    assert len(choice.context["provinces"]) == 38


# --- fixed query counts ---------------------------------------------------------------------------


def page_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", [*[("reports:report", name) for name in REPORT_NAMES], ("reports:province", "73")])
def test_each_page_runs_the_same_queries_at_two_sizes(world, as_user, path):
    client = as_user(world.provincial)
    page = url(*path)
    client.get(page)  # the first request of a session also stores the reader's time zone
    small = page_queries(client, page)
    grow(world, 10)
    assert page_queries(client, page) == small <= 30


# --- unrealised budget, raw lists on the index, one value per filter ---------------------------------


def test_the_feedback_page_lists_the_budget_feedback_still_unrealised(world, as_user, settings):
    settings.LANGUAGE_CODE = "id"
    response = as_user(world.provincial).get(url("reports:report", "feedback"))
    section = next(
        s["table"] for s in response.context["sections"] if s["table"]["name"] == "feedback-unrealised-budget"
    )
    assert [row[10]["text"] for row in section["rows"]] == ["Rp 5.000.000", "Rp 4.000.000"]
    assert section["xlsx"].startswith(reverse("reports:export", args=["feedback", "unrealised"]))


def test_the_dashboard_shows_the_ten_largest_unrealised_amounts_and_links_to_all(world, as_user):
    grow(world, 12)  # twelve more items of Rp 1.000.000 each
    response = as_user(world.provincial).get(url("reports:province", "73"))
    table = response.context["unrealised"]
    assert len(table["rows"]) == 10
    assert response.context["unrealised_url"] == (
        reverse("reports:report", args=["feedback"]) + "?province=73#feedback-unrealised-budget"
    )
    assert response.context["unrealised_url"].replace("&", "&amp;") in response.content.decode()


def test_the_rollout_page_says_which_filter_chooses_what(world, as_user):
    response = as_user(world.provincial).get(url("reports:report", "rollout"))
    html = response.content.decode()
    assert "choose the adopting agencies" in response.context["note"]
    assert "a target regional government that is it or lies in it" in html


def test_the_index_links_the_raw_lists_as_downloads_with_the_filters(world, as_user):
    response = as_user(world.organiser_staff).get(url("reports:index", cohort=world.cohort.pk))
    assert response.status_code == 200
    raw = response.context["raw_lists"]
    assert len(raw) == 6
    adoptions = reverse("reports:export", args=["raw", "adoptions"])
    assert raw[-1]["csv"] == f"{adoptions}?format=csv&cohort={world.cohort.pk}"
    assert raw[-1]["xlsx"] == f"{adoptions}?format=xlsx&cohort={world.cohort.pk}"
    assert raw[-1]["xlsx"].replace("&", "&amp;") in response.content.decode()
    assert (
        response.context["reports"][0][1] == f"{reverse('reports:report', args=['progress'])}?cohort={world.cohort.pk}"
    )


def test_a_participant_finds_the_raw_lists_on_the_index(world, as_user):
    response = as_user(world.participant).get(url("reports:index"))
    assert [entry["title"] for entry in response.context["raw_lists"]][0] == "Participants"


def test_bad_filters_on_the_index_are_shown_and_no_links(world, as_user):
    response = as_user(world.superuser).get(url("reports:index", year="soon"))
    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    assert response.context["raw_lists"] == []


def test_a_repeated_filter_is_refused_at_its_field_not_the_last_value_used(world, as_user):
    response = as_user(world.superuser).get(f"{reverse('reports:report', args=['progress'])}?year=2026&year=2027")
    assert response.status_code == 400
    assert response.context["form"].errors["year"] == ["Give this filter once, with one value."]
    assert "Give this filter once, with one value." in response.content.decode()
    assert response.context["sections"] == []


# --- exports follow the pages' access rule ----------------------------------------------------------


@pytest.mark.parametrize("report,table", [("progress", "projects"), ("seminars", "predicates"), ("feedback", "budget")])
def test_a_participant_gets_404_on_the_exports_of_the_reports_other_than_rollout(world, as_user, report, table):
    client = as_user(world.participant)
    assert client.get(url("reports:export", report, table, format="csv")).status_code == 404


def test_a_participant_exports_their_rollout_and_their_own_raw_rows(world, as_user):
    client = as_user(world.participant)
    assert client.get(url("reports:export", "rollout", "innovations", format="csv")).status_code == 200
    response = client.get(url("reports:export", "raw", "projects", format="csv"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert world.p1.title in body and world.p2.title not in body


def test_a_user_without_any_role_gets_404_on_every_export(world, as_user):
    client = as_user(factories.UserFactory())
    assert client.get(url("reports:export", "rollout", "innovations", format="csv")).status_code == 404
    assert client.get(url("reports:export", "raw", "adoptions", format="csv")).status_code == 404


def test_a_repeated_filter_on_an_export_is_a_400_naming_the_field(world, as_user):
    client = as_user(world.superuser)
    path = reverse("reports:export", args=["progress", "projects"])
    response = client.get(f"{path}?format=csv&year=2026&year=2027")
    assert response.status_code == 400
    assert "Year: Give this filter once, with one value." in response.content.decode()
    assert client.get(f"{path}?format=csv&format=xlsx").status_code == 400

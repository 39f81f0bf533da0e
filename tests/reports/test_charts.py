"""Charts: SVG and PNG bytes from rows, served with an ETag, 304 while the data stays the same, a new ETag after."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports import charts
from reports.queries.progress import milestones_by_horizon
from tests import factories
from tests.reports.conftest import grow, milestone

CHART_NAMES = [
    "milestones-by-horizon",
    "projects-by-status",
    "score-distribution",
    "innovation-share",
    "feedback-by-category",
    "budget-amounts",
    "coverage-by-innovation",
    "adoptions-over-time",
]


def chart_url(name, fmt="svg", query=""):
    return reverse("reports:chart", kwargs={"chart": name, "fmt": fmt}) + (f"?{query}" if query else "")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


# --- the pure drawing functions -------------------------------------------------------------------

ROWS = [
    {"horizon": "Jangka pendek", "done_on_time": 1, "done_late": 1, "overdue": 2, "open": 0},
    {"horizon": "Jangka menengah", "done_on_time": 0, "done_late": 0, "overdue": 0, "open": 2},
]


def test_a_chart_renders_as_svg_with_its_labels():
    svg = charts.milestones_by_horizon(ROWS, "svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg


def test_a_chart_renders_as_png():
    assert charts.milestones_by_horizon(ROWS, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_the_same_rows_draw_the_same_bytes():
    assert charts.milestones_by_horizon(ROWS, "svg") == charts.milestones_by_horizon(ROWS, "svg")


def test_rows_without_figures_draw_a_no_data_notice_not_an_empty_axis():
    empty = [{**row, "done_on_time": 0, "done_late": 0, "overdue": 0, "open": 0} for row in ROWS]
    assert charts.milestones_by_horizon(empty, "svg") != charts.milestones_by_horizon(ROWS, "svg")
    assert charts.adoptions_over_time([], "png").startswith(b"\x89PNG")


def test_charts_never_use_pyplot():
    import sys

    charts.milestones_by_horizon(ROWS, "png")
    assert "matplotlib.pyplot" not in sys.modules


def test_alt_text_reads_out_the_figures(world):
    from reports.filters import report_filters

    table = milestones_by_horizon(report_filters({}, world.superuser))
    alt = charts.describe(table, "horizon", ["done_on_time", "done_late", "overdue", "open"])
    assert alt.startswith(str(table.title))
    assert ": " in alt and " 2" in alt


# --- the endpoint ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHART_NAMES)
@pytest.mark.parametrize("fmt,content_type", [("svg", "image/svg+xml"), ("png", "image/png")])
def test_every_chart_is_served_with_its_content_type_and_an_etag(world, client, name, fmt, content_type):
    client.force_login(world.superuser)
    response = client.get(chart_url(name, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["ETag"].startswith('"')
    assert "private" in response["Cache-Control"]


def without_drawing(monkeypatch, name):
    """Make drawing the chart fail, so a response proves that it was not drawn."""
    from reports.views import charting as views

    def refuse(rows, fmt, layout):
        raise AssertionError("drawn")

    spec = views.CHARTS[name]
    monkeypatch.setitem(views.CHARTS, name, spec.__class__(**{**spec.__dict__, "draw": refuse}))


def test_the_same_etag_is_answered_with_304_and_no_drawing(world, client, monkeypatch):
    client.force_login(world.organiser_staff)
    first = client.get(chart_url("milestones-by-horizon"))
    cache.clear()
    without_drawing(monkeypatch, "milestones-by-horizon")
    again = client.get(chart_url("milestones-by-horizon"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "private" in again["Cache-Control"]


def test_the_rendered_bytes_are_cached_under_the_etag(world, client, monkeypatch):
    client.force_login(world.superuser)
    first = client.get(chart_url("projects-by-status", "png"))
    without_drawing(monkeypatch, "projects-by-status")
    second = client.get(chart_url("projects-by-status", "png"))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.django_db(transaction=True)  # the change is committed, as outside a test
def test_the_etag_changes_when_the_data_behind_the_chart_changes(world, client, settings):
    settings.REPORT_SNAPSHOT_MAX_AGE = 0  # the national snapshot follows every change
    client.force_login(world.superuser)
    before = client.get(chart_url("milestones-by-horizon"))
    milestone(world.p3, "short", -2)  # one more overdue milestone
    after = client.get(chart_url("milestones-by-horizon"), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_the_etag_differs_between_svg_and_png_and_between_filters(world, client):
    client.force_login(world.superuser)
    svg = client.get(chart_url("milestones-by-horizon", "svg"))["ETag"]
    png = client.get(chart_url("milestones-by-horizon", "png"))["ETag"]
    other = client.get(chart_url("milestones-by-horizon", "svg", f"cohort={world.other_cohort.pk}"))["ETag"]
    assert len({svg, png, other}) == 3


def test_bad_filters_on_a_chart_answer_400_with_the_message(world, client):
    client.force_login(world.superuser)
    response = client.get(chart_url("coverage-by-innovation", "svg", "year=soon"))
    assert response.status_code == 400
    assert b"year" in response.content


def test_an_unknown_chart_is_404(world, client):
    client.force_login(world.superuser)
    assert client.get(chart_url("no-such-chart")).status_code == 404


def test_a_participant_gets_404_on_a_progress_chart_but_draws_their_rollout(world, client):
    client.force_login(world.participant)
    assert client.get(chart_url("milestones-by-horizon")).status_code == 404
    assert client.get(chart_url("coverage-by-innovation")).status_code == 200


def test_a_stranger_gets_404_on_every_chart(world, client):
    client.force_login(factories.UserFactory())
    assert client.get(chart_url("coverage-by-innovation")).status_code == 404


def test_provincial_staff_get_their_provinces_chart_not_another(world, client):
    client.force_login(world.jakarta_staff)
    jakarta = client.get(chart_url("coverage-by-innovation"))
    client.force_login(world.provincial)
    sulsel = client.get(chart_url("coverage-by-innovation"))
    assert jakarta["ETag"] != sulsel["ETag"]
    assert client.get(chart_url("coverage-by-innovation", query="province=31")).status_code == 400


def chart_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", CHART_NAMES)
def test_each_chart_runs_the_same_queries_at_two_sizes(world, client, name):
    client.force_login(world.provincial)
    client.get(chart_url(name))  # the first request of a session also stores the reader's time zone
    small = chart_queries(client, chart_url(name))
    grow(world, 10)
    assert chart_queries(client, chart_url(name)) == small <= 12

"""Report tables on a phone: their priority columns first, the rest behind one tap; filters folded with a summary."""

import pytest
from django.urls import reverse

from reports.filters import report_filters
from reports.views.pages import MODULES, REPORTS


def every_table(form):
    for name, (_title, sections) in REPORTS.items():
        for function, _chart in sections:
            yield name, function, getattr(MODULES[name], function)(form)


def test_every_tables_phone_columns_are_its_own_and_the_first_is_among_them(world):
    form = report_filters({}, world.superuser)
    wide = 0
    for name, function, table in every_table(form):
        keys = [column.key for column in table.columns]
        assert set(table.phone) <= set(keys), (name, function, table.phone)
        if table.phone:
            assert keys[0] in table.phone, (name, function)  # the row's name never hides
            wide += 1
        else:
            assert len(keys) <= 5 or function == "matrix", (name, function)  # a wide table says what matters
    assert wide >= 8


def test_a_wide_table_marks_its_secondary_columns_and_offers_all_of_them(world, client):
    client.force_login(world.superuser)
    response = client.get(reverse("reports:report", args=["feedback"]))
    section = next(
        s["table"] for s in response.context["sections"] if s["table"]["name"] == "feedback-unrealised-budget"
    )
    shown = [header["text"] for header in section["headers"] if not header["secondary"]]
    assert [str(text) for text in shown] == ["Project", "Unrealised", "Due date"]
    assert all(
        cell["secondary"] == header["secondary"]
        for cell, header in zip(section["rows"][0], section["headers"], strict=True)
    )
    html = response.content.decode()
    assert "Show all 14 columns" in html and "data-all-columns" in html
    assert 'class="num secondary"' in html and '<th scope="row"' in html


def test_a_narrow_table_has_no_column_toggle(world, client):
    client.force_login(world.superuser)
    response = client.get(reverse("reports:report", args=["budget"]))
    (section,) = response.context["sections"]
    assert section["table"]["secondary_columns"] == 4
    response = client.get(reverse("reports:province", args=["73"]))
    assert response.context["statuses"]["secondary_columns"] == 0
    assert response.content.decode().count("data-all-columns") == 1  # the unrealised budget only


@pytest.mark.parametrize(
    "query,summary",
    [("", "none chosen"), ("province=73", "Province of Sulawesi Selatan"), ("year=2026&programme=pka", "2026")],
)
def test_the_folded_filters_say_what_is_chosen(world, client, query, summary):
    client.force_login(world.superuser)
    html = client.get(reverse("reports:report", args=["progress"]) + f"?{query}").content.decode()
    start = html.index('<details class="filters-fold"')
    assert summary in html[start : html.index("</summary>", start)]
    assert html.startswith('<details class="filters-fold">', start)  # closed: "open" only with an error


def test_filters_with_an_error_stay_unfolded(world, client):
    client.force_login(world.superuser)
    response = client.get(reverse("reports:report", args=["progress"]) + "?year=abc")
    assert response.status_code == 400
    assert '<details class="filters-fold" open>' in response.content.decode()


def test_the_dashboard_does_not_summarise_its_own_province(world, client):
    client.force_login(world.superuser)
    html = client.get(reverse("reports:province", args=["73"])).content.decode()
    start = html.index('<details class="filters-fold"')
    assert "none chosen" in html[start : html.index("</summary>", start)]

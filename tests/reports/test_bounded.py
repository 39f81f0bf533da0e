"""Report pages stay the same size at any scale: a page shows the first rows and the most adopted innovations."""

import pytest

from reports.queries import rollout
from reports.tables import Column, Kind, ReportTable
from reports.views.presenting import PAGE_ROWS, present
from tests.reports.test_queries import by, form_for


def numbers(count: int) -> ReportTable:
    return ReportTable(
        name="numbers", title="Numbers", columns=[Column("n", "N", Kind.INTEGER)], rows=({"n": n} for n in range(count))
    )


def test_a_page_shows_the_first_rows_and_how_many_the_download_has():
    shown = present(numbers(PAGE_ROWS + 7), "progress", "projects_by_status", "")
    assert [row[0]["text"] for row in shown["rows"]] == [str(n) for n in range(PAGE_ROWS)]
    assert (shown["hidden_rows"], shown["total_rows"]) == (7, PAGE_ROWS + 7)


def test_a_short_table_is_shown_whole():
    shown = present(numbers(3), "progress", "projects_by_status", "")
    assert (len(shown["rows"]), shown["hidden_rows"]) == (3, 0)


@pytest.mark.django_db
def test_the_page_matrix_keeps_the_most_adopted_innovations_and_the_export_all(world):
    form = form_for(world.superuser)
    everything = rollout.full_matrix(form)
    top = rollout.matrix(form, top=1)
    innovation_columns = [c for c in top.columns if c.key.startswith("innovation_")]
    assert len(innovation_columns) == 1
    assert len([c for c in everything.columns if c.key.startswith("innovation_")]) == 3
    adopters = {c.key: sum(1 for row in everything.rows if row.get(c.key)) for c in everything.columns[2:-1]}
    assert innovation_columns[0].key == max(adopters, key=adopters.get)
    assert "1" in str(top.note) and "3" in str(top.note)
    assert set(by(top, "agency")) <= set(by(everything, "agency"))


@pytest.mark.django_db
def test_the_matrix_download_is_the_full_matrix(client, world):
    client.force_login(world.superuser)
    response = client.get("/reports/exports/rollout/matrix/", {"format": "csv"})
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert all(name in header for name in ("Aplikasi Satu", "Bina Dua", "Cepat Tiga"))

"""A month column reads "Mei 2026" on the page, in the CSV, in the XLSX and on the chart, never "05-2026"."""

import datetime
import io

from django.utils import translation
from openpyxl import load_workbook

from reports import charts
from reports.exports import csv_value
from reports.tables import Column, Kind, ReportTable
from reports.views.presenting import cell_text
from reports.xlsx import xlsx_response

MAY = datetime.date(2026, 5, 1)
MONTH = Column("month", "Bulan", Kind.MONTH)


def test_the_page_and_the_csv_name_the_month_in_indonesian():
    with translation.override("id"):
        assert cell_text(MAY, Kind.MONTH) == "Mei 2026"
        assert csv_value(MONTH, datetime.date(2026, 8, 1)) == "Agustus 2026"
    with translation.override("en"):
        assert cell_text(MAY, Kind.MONTH) == "May 2026"


def test_the_xlsx_keeps_a_date_shown_as_an_indonesian_month_name():
    table = ReportTable(name="months", title="Bulan", columns=[MONTH], rows=[{"month": MAY}])
    content = b"".join(xlsx_response(table, "months.xlsx").streaming_content)
    cell = load_workbook(io.BytesIO(content)).active["A2"]
    assert cell.value == datetime.datetime(2026, 5, 1)
    assert cell.number_format == "[$-421]mmmm yyyy"


def test_the_chart_labels_and_its_alt_text_name_the_months():
    rows = [
        {"month": MAY, "applied": 2, "cumulative": 2},
        {"month": datetime.date(2026, 6, 1), "applied": 1, "cumulative": 3},
    ]
    with translation.override("id"):
        svg = charts.adoptions_over_time(rows, "svg").decode()
        table = ReportTable(
            name="t", title="Adopsi", columns=[MONTH, Column("applied", "Diterapkan", Kind.INTEGER)], rows=rows
        )
        alt = charts.describe(table, "month", ["applied"])
    assert "Mei 2026" in svg and "Jun 2026" in svg and "05-2026" not in svg
    assert alt.startswith("Adopsi. Mei 2026: Diterapkan 2; Juni 2026: Diterapkan 1")

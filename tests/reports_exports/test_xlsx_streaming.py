"""XLSX exports are streamed: bytes leave before the rows are read, and every part is well-formed XML."""

import datetime
import io
import random
import string
import zipfile
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from reports import exports
from reports.tables import Column, Kind, ReportTable
from reports.xlsx import sheet_title
from tests import factories

from .conftest import content_of, read_xlsx, reporter

pytestmark = pytest.mark.django_db

ROWS = 3000
consumed = {"rows": 0}


def counting_table(form) -> ReportTable:
    """Rows of random text (deflate cannot hide them) that count how many have been read."""
    words = random.Random(8)

    def rows():
        for n in range(ROWS):
            consumed["rows"] = n + 1
            text = "".join(words.choices(string.ascii_letters, k=60))
            yield {"text": text, "number": n, "day": datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 365)}

    return ReportTable(
        name="test-counting",
        title=_("January"),
        columns=[Column("text", "Teks"), Column("number", "Nomor", Kind.INTEGER), Column("day", "Hari", Kind.DATE)],
        rows=rows(),
    )


ODD_ROWS = [
    {"text": "a\x00b\x07c\x1fd\ufffe", "title": "tab\there"},
    {"text": "x" * 40_000, "title": "<b>&amp;</b> \"quoted\" 'single'"},
    {"text": "\rstarts with a carriage return", "title": "line one\nline two"},
]


def odd_table(form) -> ReportTable:
    return ReportTable(
        name="test-odd",
        title="Rekap: anggaran/realisasi [2026] * sisa? \\ tahun berjalan 2026",
        columns=[Column("text", "Teks <&>"), Column("title", "Judul")],
        rows=iter(ODD_ROWS),
    )


@pytest.fixture
def registered(monkeypatch, fake):
    here = "tests.reports_exports.test_xlsx_streaming"
    monkeypatch.setitem(exports.REGISTRY, ("test", "counting"), f"{here}.counting_table")
    monkeypatch.setitem(exports.REGISTRY, ("test", "odd"), f"{here}.odd_table")
    consumed["rows"] = 0


def test_the_first_bytes_leave_before_any_row_is_read(client, registered, export_url):
    client.force_login(reporter())
    chunks = iter(client.get(export_url("test", "counting", "format=xlsx")).streaming_content)
    first = next(chunks)
    assert first.startswith(b"PK\x03\x04")  # a zip's first local header
    assert consumed["rows"] == 0


def test_the_sheet_is_sent_in_pieces_while_the_rows_are_read(client, registered, export_url):
    client.force_login(reporter())
    response = client.get(export_url("test", "counting", "format=xlsx"))
    read_when_sent = []
    body = []
    for chunk in response.streaming_content:
        read_when_sent.append(consumed["rows"])
        body.append(chunk)
    # Several pieces of the sheet left before the last row was read: memory holds a batch, not the file.
    assert len([count for count in read_when_sent if 0 < count < ROWS]) >= 3
    sheet = zipfile.ZipFile(io.BytesIO(b"".join(body)))
    assert sheet.testzip() is None


def test_a_streamed_workbook_reads_back_whole_with_its_types(client, registered, export_url):
    client.force_login(reporter())
    sheet = read_xlsx(client.get(export_url("test", "counting", "format=xlsx")))
    assert sheet.max_row == ROWS + 1
    last = sheet[ROWS + 1]
    assert last[1].value == ROWS - 1 and last[1].number_format == "0"
    assert last[2].is_date and last[2].number_format == "dd-mm-yyyy"


def test_every_part_is_well_formed_xml_and_the_content_types_come_first(client, registered, export_url):
    client.force_login(reporter())
    archive = zipfile.ZipFile(io.BytesIO(content_of(client.get(export_url("test", "odd", "format=xlsx")))))
    names = archive.namelist()
    assert names[0] == "[Content_Types].xml"
    assert set(names) == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }
    for name in names:
        ElementTree.fromstring(archive.read(name))  # raises on a part that is not well-formed


def test_characters_xml_cannot_carry_are_removed_and_long_text_is_cut(client, registered, export_url):
    client.force_login(reporter())
    sheet = read_xlsx(client.get(export_url("test", "odd", "format=xlsx")))
    assert sheet["A2"].value == "abcd"
    assert sheet["B2"].value == "tab\there"
    assert len(sheet["A3"].value) == 32767
    assert sheet["B3"].value == "<b>&amp;</b> \"quoted\" 'single'"
    assert sheet["A4"].value == "\rstarts with a carriage return" and sheet["A4"].quotePrefix
    assert sheet["B4"].value == "line one\nline two"
    assert sheet["A1"].value == "Teks <&>"


def test_the_sheet_title_loses_the_characters_excel_forbids_and_fits_in_31(client, registered, export_url):
    client.force_login(reporter())
    sheet = read_xlsx(client.get(export_url("test", "odd", "format=xlsx")))
    assert sheet.title == "Rekap  anggaran realisasi  2026"
    assert sheet_title("  []  ") == "Sheet"


def test_bad_filters_are_refused_before_anything_is_streamed(client, registered, export_url):
    client.force_login(reporter())
    client.cookies["django_language"] = "en"
    response = client.get(export_url("test", "counting", "format=xlsx&year=abc"))
    assert response.status_code == 400
    assert not response.streaming
    assert consumed["rows"] == 0


def rows_in(body: bytes, extension: str) -> int:
    if extension == "csv":
        return len(body.decode("utf-8").splitlines())
    return load_workbook(io.BytesIO(body)).active.max_row


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_an_export_costs_the_same_queries_for_one_row_and_for_fifty(
    client, export_url, django_assert_max_num_queries, extension
):
    cohort = factories.CohortFactory()
    staff = factories.UserFactory()
    cohort.organiser.staff.add(staff)
    client.force_login(staff)
    url = export_url("raw", "milestones", f"format={extension}&cohort={cohort.pk}")
    content_of(client.get(url))  # the first request of a session also reads what later ones find cached
    counts = {}
    for size, more in ((1, 1), (50, 49)):
        factories.MilestoneFactory.create_batch(more, project__enrolment__cohort=cohort)
        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as captured:
            body = content_of(client.get(url))
        counts[size] = len(captured)
        assert rows_in(body, extension) == size + 1
    assert counts[1] == counts[50]

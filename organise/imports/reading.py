"""Read an uploaded spreadsheet (XLSX or CSV) into rows of cells, or say plainly why it cannot be read."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .columns import HeadingMap, map_headings

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0"


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str = "text"  # "text", "number", "formula" or "date"


@dataclass
class ReadFile:
    headings: HeadingMap
    rows: list[tuple[int, dict[str, Cell]]]  # (row number in the file, cells by column key)
    notices: list[str] = field(default_factory=list)


def read_spreadsheet(name: str, content: bytes) -> ReadFile:
    """The rows of an XLSX or CSV file, from its content rather than its name."""
    if not content.strip():
        raise FileProblem(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise FileProblem(_("The file is larger than 5 MB; a cohort's participants fit in far less."))
    if content.startswith(OLD_EXCEL_SIGNATURE):
        raise FileProblem(_("This is an old Excel file (.xls). Save it as Excel Workbook (.xlsx) or CSV, then upload."))
    if zipfile.is_zipfile(io.BytesIO(content)):
        table = _xlsx_table(content)
    elif b"\x00" in content[:4096]:
        raise FileProblem(_("The file is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file."))
    else:
        table = _csv_table(content)
    return _rows_of(iter(table))


def _xlsx_table(content: bytes):
    from openpyxl import load_workbook  # heavy; only the import page needs it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        raise FileProblem(_("The file is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.")) from None
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows():
        yield [_xlsx_cell(cell) for cell in row]


def _xlsx_cell(cell) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return Cell("")
    if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
        return Cell(str(value), "formula")
    if isinstance(value, bool):
        return Cell(str(value))
    if isinstance(value, int | float):
        text = str(int(value)) if float(value).is_integer() else repr(value)
        return Cell(text, "number")
    if isinstance(value, datetime.datetime | datetime.date):
        return Cell(value.isoformat()[:10], "date")
    return Cell(str(value).strip())


def _csv_table(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" (not "CSV UTF-8") on Windows writes the ANSI code page.
        text = content.decode("cp1252", errors="replace")
    first_line = text.splitlines()[0] if text.splitlines() else ""
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [_csv_cell(value) for value in row]
    except csv.Error as error:
        raise FileProblem(_("The CSV file cannot be read: %(error)s.") % {"error": error}) from None


def _csv_cell(value: str) -> Cell:
    value = value.strip()
    if value.startswith("="):
        return Cell(value, "formula")
    return Cell(value)


def _rows_of(table) -> ReadFile:
    numbered = enumerate(table, start=1)
    for _line, headings in numbered:
        if any(cell.text for cell in headings):
            break
    else:
        raise FileProblem(_("The file holds no rows."))
    heading_map = map_headings([cell.text for cell in headings])
    _check_headings(heading_map)
    notices = []
    if heading_map.unknown:
        notices.append(
            _("Columns not recognised, left out: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in heading_map.unknown)}
        )
    rows, count = [], 0
    for line, values in numbered:
        cells = {key: values[index] for key, index in heading_map.positions.items() if index < len(values)}
        if not any(cell.text for cell in cells.values()):
            continue  # blank rows between and after the data
        count += 1
        if count <= MAX_ROWS:
            rows.append((line, cells))
    if count > MAX_ROWS:
        raise FileProblem(
            _("The file has %(count)s rows of data; one import takes at most %(most)s. Split it into several files.")
            % {"count": number_format(count, force_grouping=True), "most": number_format(MAX_ROWS, force_grouping=True)}
        )
    if not rows:
        raise FileProblem(_("The file has headings but no rows of data."))
    return ReadFile(heading_map, rows, notices)


def _check_headings(heading_map: HeadingMap) -> None:
    if heading_map.missing:
        message = _("Missing columns: %(columns)s.") % {
            "columns": ", ".join(f"“{column.heading}”" for column in heading_map.missing)
        }
        if heading_map.unknown:
            message += " " + _("Columns not recognised: %(columns)s.") % {
                "columns": ", ".join(f"“{name}”" for name in heading_map.unknown)
            }
        raise FileProblem(message + " " + _("Download the template to see the headings expected."))
    if heading_map.repeated:
        raise FileProblem(
            _("These columns appear twice: %(columns)s. Keep one of each.")
            % {"columns": ", ".join(f"“{name}”" for name in heading_map.repeated)}
        )

"""XLSX of a report table: typed cells (dates, integers, rupiah), sized columns, a frozen header, inert text.

openpyxl is imported when the first workbook is written: importing it costs half a second that
no page, nor ``manage.py check``, should pay.
"""

import datetime
import functools
import tempfile
from itertools import chain, islice
from types import SimpleNamespace

from django.http import FileResponse

from .cells import FORMULA_STARTS, as_text, is_number, local
from .tables import Column, Kind, ReportTable

XLSX_MAX_TEXT = 32767
XLSX_FORMATS = {
    Kind.INTEGER: "0",
    Kind.RUPIAH: '"Rp "#,##0',
    Kind.PERCENT: "0.0",
    Kind.DECIMAL: "0.00",
    Kind.DATE: "dd-mm-yyyy",
    Kind.DATETIME: "dd-mm-yyyy hh:mm",
}
XLSX_WIDTHS = {Kind.DATE: 12, Kind.DATETIME: 17, Kind.PERCENT: 8, Kind.DECIMAL: 8, Kind.INTEGER: 8, Kind.RUPIAH: 16}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE_ROWS = 100  # rows read ahead to size the columns


@functools.cache
def openpyxl() -> SimpleNamespace:
    """openpyxl's write-only pieces, imported on first use."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    return SimpleNamespace(
        Workbook=Workbook,
        WriteOnlyCell=WriteOnlyCell,
        ILLEGAL_CHARACTERS_RE=ILLEGAL_CHARACTERS_RE,
        Font=Font,
        get_column_letter=get_column_letter,
    )


def xlsx_cell(ws, column: Column, value):
    WriteOnlyCell = openpyxl().WriteOnlyCell
    """A typed cell (or a plain value where no format is needed)."""
    if value is None:
        return None
    kind = column.kind
    if is_number(value):
        if kind in (Kind.INTEGER, Kind.RUPIAH):
            value = int(value)
        if kind not in XLSX_FORMATS or kind in (Kind.DATE, Kind.DATETIME):
            return value
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = XLSX_FORMATS[kind]
        return cell
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            value = local(value)
            if kind == Kind.DATE:
                value = value.date()
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = XLSX_FORMATS[Kind.DATETIME if isinstance(value, datetime.datetime) else Kind.DATE]
        return cell
    text = openpyxl().ILLEGAL_CHARACTERS_RE.sub("", as_text(value))[:XLSX_MAX_TEXT]
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # a string, never a formula
    cell.quotePrefix = True  # and it stays text when the cell is edited
    return cell


def typical_width(column: Column, value) -> int:
    if value is None:
        return 0
    if column.kind == Kind.RUPIAH and is_number(value):
        return len(f"Rp {int(value):,}")
    if column.kind in XLSX_WIDTHS:
        return XLSX_WIDTHS[column.kind]
    return max((len(line) for line in as_text(value).splitlines()), default=0)


def column_width(column: Column, sample: list[dict]) -> int:
    content = max((typical_width(column, row.get(column.key)) for row in sample), default=0)
    return min(max(len(str(column.header)), content, XLSX_WIDTHS.get(column.kind, 10)) + 2, 60)


def sheet_title(title: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(title)).strip()
    return cleaned[:31] or "Sheet"


def write_xlsx(table: ReportTable, target) -> None:
    """Write the table to ``target`` (a path or a binary file) one row at a time."""
    xl = openpyxl()
    workbook = xl.Workbook(write_only=True)
    ws = workbook.create_sheet(sheet_title(table.title))
    rows = iter(table.rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[xl.get_column_letter(index)].width = column_width(column, sample)
    ws.freeze_panes = "A2"
    bold = xl.Font(bold=True)
    header = []
    for column in table.columns:
        cell = xl.WriteOnlyCell(ws, value=str(column.header))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in chain(sample, rows):
        ws.append([xlsx_cell(ws, column, row.get(column.key)) for column in table.columns])
    workbook.save(target)


def xlsx_response(table: ReportTable, filename: str) -> FileResponse:
    # Spooled: a small workbook stays in memory, a large one goes to a temporary file.
    # No context manager: FileResponse closes the file once it has been sent.
    buffer = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    try:
        write_xlsx(table, buffer)
    except BaseException:
        buffer.close()
        raise
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)

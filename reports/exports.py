"""Every report table and raw list as CSV (streamed) or XLSX (written row by row), filtered and scoped.

Cells are typed by their column's kind: in XLSX dates are dates, amounts are numbers with a
rupiah format; text that a spreadsheet would run as a formula (a leading ``=``, ``+``, ``-``,
``@``, tab or carriage return) is made inert: prefixed with ``'`` in CSV, stored as a string
with a quote prefix in XLSX.
"""

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import chain, islice

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .filters import ReportFilterForm, report_filters
from .permissions import RAW, may_read  # noqa: F401 - RAW stays importable from here
from .tables import Column, Kind, ReportTable

QUERIES = "reports.queries"
# (report, table) → the function building that table from a validated filter form.
REGISTRY: dict[tuple[str, str], str] = {
    ("progress", "milestones"): f"{QUERIES}.progress.milestones_by_horizon",
    ("progress", "projects"): f"{QUERIES}.progress.projects_by_status",
    ("seminars", "scores"): f"{QUERIES}.seminars.score_distribution",
    ("seminars", "predicates"): f"{QUERIES}.seminars.predicates",
    ("seminars", "innovation"): f"{QUERIES}.seminars.innovation_share",
    ("seminars", "examiners"): f"{QUERIES}.seminars.by_examiner",
    ("feedback", "categories"): f"{QUERIES}.feedback.by_category_status",
    ("feedback", "budget"): f"{QUERIES}.feedback.budget_amounts",
    ("feedback", "unrealised"): f"{QUERIES}.feedback.unrealised_budget",
    ("feedback", "overdue"): f"{QUERIES}.feedback.overdue_items",
    ("feedback", "time-to-implement"): f"{QUERIES}.feedback.time_to_implement",
    ("rollout", "matrix"): f"{QUERIES}.rollout.matrix",
    ("rollout", "innovations"): f"{QUERIES}.rollout.coverage_by_innovation",
    ("rollout", "agencies"): f"{QUERIES}.rollout.coverage_by_agency",
    ("rollout", "provinces"): f"{QUERIES}.rollout.coverage_by_province",
    ("rollout", "over-time"): f"{QUERIES}.rollout.adoptions_over_time",
    ("raw", "participants"): "reports.raw.participants",
    ("raw", "projects"): "reports.raw.projects",
    ("raw", "milestones"): "reports.raw.milestones",
    ("raw", "scores"): "reports.raw.scores",
    ("raw", "feedback"): "reports.raw.feedback",
    ("raw", "adoptions"): "reports.raw.adoptions",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and their full-width forms
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


def table_builder(report: str, table: str) -> Callable[[ReportFilterForm], ReportTable]:
    """The function building a table; LookupError for an unknown one. Imported only when asked for."""
    try:
        return import_string(REGISTRY[(report, table)])
    except KeyError:
        raise LookupError(f"no table {report}/{table}") from None


def filter_errors(form: ReportFilterForm) -> dict[str, list[str]]:
    """The form's errors keyed as the API keys them (non-field ones under ``non_field_errors``)."""
    from rest_framework.settings import api_settings

    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): [str(message) for message in messages]
        for field, messages in form.errors.items()
    }


def neutralise(text: str) -> str:
    """Make text that a spreadsheet would run as a formula inert by prefixing a single quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def local(value: datetime.datetime) -> datetime.datetime:
    """A naive local time: spreadsheets know no time zones."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def as_text(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


# --- CSV ---------------------------------------------------------------------------------------


def csv_value(column: Column, value):
    """A CSV field: numbers stay numbers, dates ISO, text neutralised."""
    if value is None:
        return ""
    if is_number(value):
        if column.kind in (Kind.INTEGER, Kind.RUPIAH):
            return int(value)
        if column.kind == Kind.PERCENT:
            return round(float(value), 1)
        if column.kind == Kind.DECIMAL:
            return Decimal(value).quantize(Decimal("0.01"))
        return value
    if isinstance(value, datetime.datetime):
        value = local(value)
        return value.date().isoformat() if column.kind == Kind.DATE else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(as_text(value))


class Echo:
    """A pseudo-buffer: csv.writer writes a row, and the row is handed back to be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: ReportTable, *, batch: int = 500) -> Iterator[str]:
    writer = csv.writer(Echo(), quoting=csv.QUOTE_NONNUMERIC)
    yield "\ufeff"  # the BOM tells Excel the file is UTF-8
    yield writer.writerow([str(column.header) for column in table.columns])
    lines = []
    for row in table.rows:
        lines.append(writer.writerow([csv_value(column, row.get(column.key)) for column in table.columns]))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def in_context(chunks: Callable[[], Iterable[str]], language: str, zone) -> Iterator[str]:
    """Run a streaming generator in the request's language and time zone, which are gone once the view returns."""
    with translation.override(language), timezone.override(zone):
        yield from chunks()


def csv_response(table: ReportTable, filename: str) -> StreamingHttpResponse:
    chunks = in_context(lambda: csv_lines(table), translation.get_language(), timezone.get_current_timezone())
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX --------------------------------------------------------------------------------------


def xlsx_cell(ws, column: Column, value):
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
    text = ILLEGAL_CHARACTERS_RE.sub("", as_text(value))[:XLSX_MAX_TEXT]
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
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet_title(table.title))
    rows = iter(table.rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column_width(column, sample)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=str(column.header))
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


WRITERS = {"csv": csv_response, "xlsx": xlsx_response}


def file_name(table: ReportTable, extension: str) -> str:
    return f"diklat-{table.name}-{timezone.localdate():%Y-%m-%d}.{extension}"


def bad_request(text: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def export_view(request, report: str, table: str):
    """Download a report table or a raw list as ``?format=csv`` or ``xlsx``, with the page's filters."""
    try:
        build = table_builder(report, table)
    except LookupError:
        raise Http404(_("There is no such report table.")) from None
    if not may_read(request.user, report):
        raise Http404(_("There is no such report table."))
    extension = request.GET.get("format", "xlsx")
    if len(request.GET.getlist("format")) > 1:
        return bad_request(_("Give the format once: csv or xlsx."))
    if extension not in WRITERS:
        return bad_request(_("Unknown format “%(format)s”: choose csv or xlsx.") % {"format": extension})
    form = report_filters(request.GET, request.user)
    if not form.is_valid():
        lines = []
        for field, messages in form.errors.items():
            label = form.fields[field].label if field in form.fields else _("Filters")
            lines.extend(f"{label}: {message}" for message in messages)
        return bad_request("\n".join(lines))
    report_table = build(form)
    return WRITERS[extension](report_table, file_name(report_table, extension))

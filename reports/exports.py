"""Every report table and raw list as CSV or XLSX (reports.xlsx), both streamed, filtered and scoped.

Cells are typed by their column's kind (reports.cells): in XLSX dates are dates, amounts are
numbers with a rupiah format; text that a spreadsheet would run as a formula is made inert:
prefixed with ``'`` in CSV, stored as a string with a quote prefix in XLSX.

The CSV is written the way Excel set to Indonesian reads it on a double click: fields split by
``;`` (its list separator, since ``,`` is its decimal mark), decimals with a comma, UTF-8 with a
byte-order mark. A file with commas opened there as one column of text.
"""

import csv
import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .cells import FORMULA_STARTS, as_text, is_number, local, month_name, neutralise
from .filters import ReportFilterForm, report_filters
from .permissions import RAW, may_read  # noqa: F401 - RAW stays importable from here
from .streaming import attachment
from .tables import Column, Kind, ReportTable
from .xlsx import xlsx_response

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
    ("budget", "by-source-and-year"): f"{QUERIES}.budget.by_source_and_year",
    ("rollout", "matrix"): f"{QUERIES}.rollout.full_matrix",
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


# --- CSV ---------------------------------------------------------------------------------------


CSV_DELIMITER = ";"
DECIMAL_PLACES = {Kind.PERCENT: Decimal("0.1"), Kind.DECIMAL: Decimal("0.01")}


def decimal_comma(value, kind: Kind) -> str:
    """3.456 → "3,46" for a score: no thousands separator, which Excel would read as a decimal mark."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if places := DECIMAL_PLACES.get(kind):
        number = number.quantize(places)
    return format(number, "f").replace(".", ",")


def csv_value(column: Column, value):
    """A CSV field: whole numbers as they are, decimals with a comma, dates ISO, months named, text inert."""
    if type(value) is str:  # most cells: the shortest way through
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if is_number(value):
        if column.kind in (Kind.INTEGER, Kind.RUPIAH) or (isinstance(value, int) and column.kind not in DECIMAL_PLACES):
            return int(value)
        return decimal_comma(value, column.kind)
    if isinstance(value, datetime.datetime):
        value = local(value)
        return value.date().isoformat() if column.kind == Kind.DATE else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return month_name(value) if column.kind == Kind.MONTH else value.isoformat()
    return neutralise(as_text(value))


class Echo:
    """A pseudo-buffer: csv.writer writes a row, and the row is handed back to be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: ReportTable, *, batch: int = 500) -> Iterator[str]:
    writer = csv.writer(Echo(), delimiter=CSV_DELIMITER)
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


def csv_response(table: ReportTable, filename: str) -> StreamingHttpResponse:
    return attachment(lambda: csv_lines(table), filename, "text/csv; charset=utf-8")


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

"""Report tables made ready for the templates: formatted cells, export links and the filters as a query."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from diklat.formatting import rupiah

from ..cells import month_name
from ..exports import REGISTRY
from ..filters import FILTER_NAMES
from ..permissions import RAW
from ..tables import Kind, ReportTable


def cell_text(value, kind: Kind) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if kind == Kind.RUPIAH:
        return rupiah(value)
    if kind == Kind.PERCENT:
        return f"{formats.number_format(value, 1)} %"
    if kind == Kind.DECIMAL:
        return formats.number_format(value, 2)
    if kind == Kind.INTEGER:
        return str(value)  # counts and years: no thousands dot (2026, not 2.026)
    if kind == Kind.DATE:
        return value.strftime("%d-%m-%Y")
    if kind == Kind.MONTH:
        return month_name(value)
    if kind == Kind.DATETIME:
        return formats.date_format(value, "d-m-Y H:i")
    return str(value)


NUMERIC = {Kind.INTEGER, Kind.RUPIAH, Kind.PERCENT, Kind.DECIMAL}
PAGE_ROWS = 25


def export_slug(report: str, function: str) -> str:
    """The table's name in the export URLs: the one reports.exports registers for this query function."""
    for (registered_report, table), dotted in REGISTRY.items():
        if registered_report == report and dotted.endswith(f".{report}.{function}"):
            return table
    return function.replace("_", "-")


def present(table: ReportTable, report: str, function: str, query: str) -> dict:
    """A table ready for the template: headers, the first ``PAGE_ROWS`` rows formatted, and its export links.

    A national table can hold thousands of rows: a page shows the first ones and says how many
    the download has, so that its size does not grow with the country.
    """
    columns = table.columns
    export = reverse("reports:export", args=[report, export_slug(report, function)])
    rows = list(table.rows)
    total = len(rows) if table.total_rows is None else table.total_rows
    # On a phone the priority columns show and the rest wait behind "all columns" (reports.css).
    secondary = [bool(table.phone) and c.key not in table.phone for c in columns]
    return {
        "title": table.title,
        "name": table.name,
        "note": table.note,
        "as_of": table.as_of,
        "headers": [
            {"text": c.header, "numeric": c.kind in NUMERIC, "secondary": later}
            for c, later in zip(columns, secondary, strict=True)
        ],
        "rows": [
            [
                {"text": cell_text(row.get(c.key), c.kind), "numeric": c.kind in NUMERIC, "secondary": later}
                for c, later in zip(columns, secondary, strict=True)
            ]
            for row in rows[:PAGE_ROWS]
        ],
        "secondary_columns": sum(secondary),
        "column_count": len(columns),
        "hidden_rows": max(total - PAGE_ROWS, 0),
        "total_rows": total,
        **export_links(export, query),
    }


def export_links(export: str, query: str) -> dict:
    """The CSV and XLSX download links of an export path, carrying the filters."""
    return {fmt: f"{export}?{urlencode({'format': fmt})}{'&' + query if query else ''}" for fmt in ("csv", "xlsx")}


def filter_query(form) -> str:
    """The validated filters as a query string, for charts, exports and links to the full reports."""
    chosen = []
    for name in FILTER_NAMES:
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        key = getattr(field, "to_field_name", None) or "pk"
        chosen.append((name, getattr(value, key, value)))
    return urlencode(chosen)


RAW_LISTS = [
    ("participants", _("Participants")),
    ("projects", _("Change projects")),
    ("milestones", _("Milestones")),
    ("scores", _("Seminar scores")),
    ("feedback", _("Feedback items")),
    ("adoptions", _("Adoptions")),
]


def raw_links(query: str) -> list[dict]:
    """The raw lists as CSV and XLSX downloads, with the filters."""
    return [
        {"title": title, **export_links(reverse("reports:export", args=[RAW, name]), query)}
        for name, title in RAW_LISTS
    ]

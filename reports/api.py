"""The report figures as JSON, with the same filters, scoping, tables and access rule as the pages and the exports."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .exports import REGISTRY, WRITERS, filter_errors, is_number, table_builder
from .filters import ReportFilterForm, report_filters
from .permissions import RAW, may_read
from .tables import Column, Kind, ReportTable

REPORTS: dict[str, list[str]] = {}  # the tables served as JSON, per report
RAW_LISTS: list[str] = []  # the raw lists: exports only
for _report, _table in REGISTRY:
    if _report == RAW:
        RAW_LISTS.append(_table)
    else:
        REPORTS.setdefault(_report, []).append(_table)

KINDS = ", ".join(kind.value for kind in Kind)


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    header = serializers.CharField(help_text="Heading in the request's language (Indonesian by default).")
    kind = serializers.CharField(help_text=f"One of: {KINDS}.")


class ReportTableSerializer(serializers.Serializer):
    title = serializers.CharField()
    note = serializers.CharField(help_text="How the table's figures are defined (may be empty).")
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per row, keyed by column key: integers and rupiah as integers, "
        "percents and scores as numbers, dates and times as ISO 8601 strings.",
    )
    filters = serializers.DictField(help_text="The filters applied, by code or id.")


class ExportSerializer(serializers.Serializer):
    table = serializers.CharField()
    csv = serializers.URLField(help_text="The table as CSV, with the filters of the request.")
    xlsx = serializers.URLField(help_text="The table as XLSX, with the filters of the request.")


class ReportIndexSerializer(serializers.Serializer):
    report = serializers.CharField(help_text='A report, or "raw" for the raw lists.')
    tables = serializers.ListField(
        child=serializers.CharField(), help_text="Tables served as JSON at /api/reports/{report}/{table}/."
    )
    exports = ExportSerializer(many=True, help_text="Every table of the report (or raw list) to download.")


FILTER_PARAMETERS = [
    OpenApiParameter("programme", str, description="Programme code, e.g. pkn2."),
    OpenApiParameter("cohort", int, description="Cohort id."),
    OpenApiParameter("year", int, description="Cohort year."),
    OpenApiParameter("province", str, description="Province government code, e.g. 73."),
    OpenApiParameter("government", str, description="Regional government code, e.g. 73.71."),
    OpenApiParameter("agency", int, description="Agency id."),
]


def json_value(column: Column, value):
    if value is None or isinstance(value, bool):
        return value
    if is_number(value):
        if column.kind in (Kind.INTEGER, Kind.RUPIAH):
            return int(value)
        if column.kind == Kind.PERCENT:
            return round(float(value), 1)
        if column.kind == Kind.DECIMAL:
            return round(float(value), 2)
        return value if isinstance(value, int | float) else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def applied_filters(form: ReportFilterForm) -> dict:
    """The chosen filters as they are written in a query string."""
    applied = {}
    for name, value in form.selected().items():
        if hasattr(value, "pk"):
            value = getattr(value, form.fields[name].to_field_name or "pk")
        applied[name] = value
    return applied


def table_json(table: ReportTable, form: ReportFilterForm) -> dict:
    columns = table.columns
    return {
        "title": str(table.title),
        "note": str(table.note),
        "columns": [{"key": c.key, "header": str(c.header), "kind": str(c.kind)} for c in columns],
        "rows": [{c.key: json_value(c, row.get(c.key)) for c in columns} for row in table.rows],
        "filters": applied_filters(form),
    }


class ReportIndexView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reports_list",
        summary="The reports the reader may read, their JSON tables, and every table and raw list to download",
        parameters=FILTER_PARAMETERS,
        responses={
            200: ReportIndexSerializer(many=True),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description='Bad filters: {"field": ["message"]}.'),
        },
        tags=["reports"],
    )
    def get(self, request):
        form = report_filters(request.query_params, request.user)
        if not form.is_valid():
            return Response(filter_errors(form), status=400)
        query = urlencode(applied_filters(form))
        entries = [
            {"report": report, "tables": tables, "exports": self.exports(request, report, tables, query)}
            for report, tables in REPORTS.items()
            if may_read(request.user, report)
        ]
        if may_read(request.user, RAW):
            entries.append({"report": RAW, "tables": [], "exports": self.exports(request, RAW, RAW_LISTS, query)})
        return Response(entries)

    @staticmethod
    def exports(request, report: str, tables: list[str], query: str) -> list[dict]:
        def link(table: str, fmt: str) -> str:
            path = reverse("reports:export", args=[report, table])
            return request.build_absolute_uri(f"{path}?{urlencode({'format': fmt})}{'&' + query if query else ''}")

        return [{"table": table, **{fmt: link(table, fmt) for fmt in WRITERS}} for table in tables]


class ReportTableView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reports_table",
        summary="One report table, filtered and scoped to the reader",
        parameters=[
            OpenApiParameter("report", str, OpenApiParameter.PATH, enum=list(REPORTS)),
            OpenApiParameter(
                "table", str, OpenApiParameter.PATH, enum=sorted({t for tables in REPORTS.values() for t in tables})
            ),
            *FILTER_PARAMETERS,
        ],
        responses={
            200: ReportTableSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description='Bad filters: {"field": ["message"]}.'),
            404: OpenApiResponse(description="No such report table, or not one the reader may read."),
        },
        tags=["reports"],
    )
    def get(self, request, report: str, table: str):
        if report == RAW:
            raise NotFound
        try:
            build = table_builder(report, table)
        except LookupError:
            raise NotFound from None
        if not may_read(request.user, report):
            raise NotFound
        form = report_filters(request.query_params, request.user)
        if not form.is_valid():
            return Response(filter_errors(form), status=400)
        return Response(table_json(build(form), form))

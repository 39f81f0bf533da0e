"""What is read of an event as a whole: the leaderboard, the judges' queue, the funding summary, the reports."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from diklat.api_schema import FORBIDDEN
from events import funding, judging
from events.report_tables import TABLES
from reports.api import ReportTableSerializer, json_value

from .serializers_work import FundingSummarySerializer, LeaderboardRowSerializer, QueueItemSerializer

TABLE = OpenApiParameter("table", str, OpenApiParameter.PATH, enum=list(TABLES), description="The report table.")


def table_json(table) -> dict:
    columns = table.columns
    return {
        "title": str(table.title),
        "note": str(table.note),
        "columns": [{"key": c.key, "header": str(c.header), "kind": str(c.kind)} for c in columns],
        "rows": [{c.key: json_value(c, row.get(c.key)) for c in columns} for row in table.rows],
        "filters": {},
    }


class EventReadsMixin:
    @extend_schema(responses={200: LeaderboardRowSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def leaderboard(self, request, pk=None):
        """The groups by points of their approved work, with their place; ties share a place."""
        event = self.get_object()
        return Response(LeaderboardRowSerializer(judging.leaderboard(event), many=True).data)

    @extend_schema(responses={200: QueueItemSerializer(many=True), 403: FORBIDDEN}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def queue(self, request, pk=None):
        """Submissions waiting for a judge, oldest first, no group or submitter named (judges, staff)."""
        event = self.judged_event()
        return Response(QueueItemSerializer(judging.queue(event), many=True).data)

    @extend_schema(responses={200: FundingSummarySerializer, 403: FORBIDDEN}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def funding(self, request, pk=None):
        """Planned, committed and realised rupiah by source, with the share of companies' CSR funds (staff)."""
        event = self.managed_event()
        summary = funding.summary(event)
        data = FundingSummarySerializer(summary).data
        return Response(data)

    @extend_schema(
        parameters=[TABLE],
        responses={
            200: ReportTableSerializer,
            403: FORBIDDEN,
            404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such event or table."),
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"reports/(?P<table>[a-z-]+)",
        pagination_class=None,
        filterset_class=None,
    )
    def reports(self, request, pk=None, table=None):
        """One of the event's report tables as typed JSON rows, as the CSV and XLSX exports give it (staff)."""
        event = self.managed_event()
        if table not in TABLES:
            raise NotFound
        return Response(table_json(TABLES[table](event)))

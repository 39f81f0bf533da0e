"""The charts: which query feeds which drawing, its alt text, and the view serving it as SVG or PNG."""

import hashlib
import json
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from .. import charts, plotting
from ..filters import report_filters
from ..permissions import may_read
from ..queries import budget, feedback, progress, rollout, seminars
from ..snapshots import report_table
from ..tables import ReportTable
from .presenting import filter_query

CHART_VERSION = "2"  # bump when the drawing changes, so old ETags no longer match
CHART_CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Chart:
    report: str
    table: object  # query function: form -> ReportTable
    draw: object  # charts function: (rows, fmt) -> bytes
    label_key: str
    keys: tuple
    caption: str


CHARTS = {
    "milestones-by-horizon": Chart(
        "progress",
        progress.milestones_by_horizon,
        charts.milestones_by_horizon,
        "horizon",
        ("done_on_time", "done_late", "overdue", "open"),
        _("Milestones per horizon: done on time, done late, overdue and not yet due."),
    ),
    "projects-by-status": Chart(
        "progress",
        progress.projects_by_status,
        charts.projects_by_status,
        "status",
        ("count",),
        _("Change projects by status."),
    ),
    "score-distribution": Chart(
        "seminars",
        seminars.score_distribution,
        charts.score_distribution,
        "kind",
        ("band_60", "band_70", "band_80", "band_90", "band_100"),
        _("Combined seminar scores per score band, per seminar."),
    ),
    "innovation-share": Chart(
        "seminars",
        seminars.innovation_share,
        charts.innovation_share,
        "cohort",
        ("innovation", "routine", "tied", "unclassified"),
        _("Presentations the examiners' majority judged an innovation or routine work, per cohort."),
    ),
    "feedback-by-category": Chart(
        "feedback",
        feedback.by_category_status,
        charts.feedback_by_category,
        "category",
        ("open", "accepted", "in_progress", "implemented", "verified", "rejected"),
        _("Feedback items per category, by status."),
    ),
    "budget-amounts": Chart(
        "feedback",
        feedback.budget_amounts,
        charts.budget_amounts,
        "fiscal_year",
        ("asked", "approved", "realised", "unrealised"),
        _("Budget feedback per fiscal year: asked for, approved and realised."),
    ),
    "budget-lines": Chart(
        "budget",
        budget.by_source_and_year,
        charts.budget_lines,
        "fiscal_year",
        ("planned", "approved", "realised"),
        _("Budget lines per fiscal year: planned, approved with the budget document, realised with evidence."),
    ),
    "coverage-by-innovation": Chart(
        "rollout",
        rollout.coverage_by_innovation,
        charts.coverage_by_innovation,
        "innovation",
        ("covered", "targets", "coverage"),
        _("Share of each innovation's rollout targets reached at the applied stage or beyond."),
    ),
    "adoptions-over-time": Chart(
        "rollout",
        rollout.adoptions_over_time,
        charts.adoptions_over_time,
        "month",
        ("applied", "cumulative"),
        _("Adoptions reaching the applied stage per month, and their running total."),
    ),
}


def chart_context(slug: str, table: ReportTable, query: str, table_url: str = "") -> dict:
    """The chart's URLs (a desktop and a phone drawing, a PNG), its alt text and the link to its figures.

    ``table_url``: where the table of its figures is; by default the table under it on the same page.
    """
    spec = CHARTS[slug]
    url = reverse("reports:chart", kwargs={"chart": slug, "fmt": "svg"})
    return {
        "svg": f"{url}?{query}" if query else url,
        "phone_svg": f"{url}?{query + '&' if query else ''}size=phone",
        "png": reverse("reports:chart", kwargs={"chart": slug, "fmt": "png"}) + (f"?{query}" if query else ""),
        "alt": charts.describe(table, spec.label_key, list(spec.keys)),
        "caption": spec.caption,
        "table_url": table_url or f"#{table.name}-data",
    }


def _chart_state(request, chart: str, fmt: str) -> dict:
    """Compute the chart's rows once per request: the ETag and the drawing both use them."""
    if not hasattr(request, "_report_chart"):
        spec = CHARTS.get(chart)
        state = {"spec": spec, "form": None, "rows": None, "etag": None}
        state["layout"] = plotting.LAYOUTS.get(request.GET.get("size", plotting.DESKTOP.name))
        if spec and fmt in plotting.FORMATS and may_read(request.user, spec.report):
            form = report_filters(request.GET, request.user)
            if state["layout"] is None:
                form.add_error(None, _("Unknown chart size: choose desktop or phone."))
            state["form"] = form
            if form.is_valid():
                rows = list(report_table(form, spec.table, filter_query(form)).rows)
                fingerprint = json.dumps(
                    [CHART_VERSION, chart, fmt, state["layout"].name, get_language(), rows], default=str, sort_keys=True
                ).encode()
                state["rows"], state["etag"] = rows, hashlib.sha256(fingerprint).hexdigest()[:32]
        request._report_chart = state
    return request._report_chart


def _chart_etag(request, chart, fmt):
    if not request.user.is_authenticated:
        return None
    return _chart_state(request, chart, fmt)["etag"]


@login_required
@require_GET
@cache_control(private=True, no_cache=True)
@condition(etag_func=_chart_etag)
def chart(request, chart: str, fmt: str):
    """A chart as SVG or PNG; 304 when the data behind it has not changed (the drawing is then skipped)."""
    state = _chart_state(request, chart, fmt)
    if state["spec"] is None or state["form"] is None:
        raise Http404
    if state["etag"] is None:
        errors = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in state["form"].errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    key = f"reports:chart:{state['etag']}"
    body = cache.get(key)
    if body is None:
        body = state["spec"].draw(state["rows"], fmt, state["layout"])
        cache.set(key, body, CHART_CACHE_SECONDS)
    return HttpResponse(body, content_type=plotting.FORMATS[fmt])

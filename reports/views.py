"""Report pages, the province dashboard and the charts: thin views over reports.queries.

Who reads what is decided in reports.permissions, for the pages, the charts, the exports and
the API alike.
"""

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from diklat.formatting import rupiah
from regions.models import Region

from . import charts
from .exports import REGISTRY
from .filters import FILTER_NAMES, report_filters
from .permissions import RAW, may_read, may_see_province
from .queries import feedback, progress, province, rollout, seminars
from .tables import Kind, ReportTable

CHART_VERSION = "1"  # bump when the drawing changes, so old ETags no longer match
CHART_CACHE_SECONDS = 24 * 60 * 60


# --- charts: which query feeds which drawing, and how its alt text reads ----------------------------


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


# --- presenting tables ---------------------------------------------------------------------------


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
    if kind == Kind.DATETIME:
        return formats.date_format(value, "d-m-Y H:i")
    return str(value)


NUMERIC = {Kind.INTEGER, Kind.RUPIAH, Kind.PERCENT, Kind.DECIMAL}


def export_slug(report: str, function: str) -> str:
    """The table's name in the export URLs: the one reports.exports registers for this query function."""
    for (registered_report, table), dotted in REGISTRY.items():
        if registered_report == report and dotted.endswith(f".{report}.{function}"):
            return table
    return function.replace("_", "-")


def present(table: ReportTable, report: str, function: str, query: str) -> dict:
    """A table ready for the template: headers, formatted cells, and its export links."""
    columns = table.columns
    export = reverse("reports:export", args=[report, export_slug(report, function)])
    return {
        "title": table.title,
        "name": table.name,
        "note": table.note,
        "headers": [{"text": c.header, "numeric": c.kind in NUMERIC} for c in columns],
        "rows": [
            [
                {"text": cell_text(row.get(c.key), c.kind), "numeric": c.kind in NUMERIC, "label": c.header}
                for c in columns
            ]
            for row in table.rows
        ],
        **export_links(export, query),
    }


def export_links(export: str, query: str) -> dict:
    """The CSV and XLSX download links of an export path, carrying the filters."""
    return {fmt: f"{export}?{urlencode({'format': fmt})}{'&' + query if query else ''}" for fmt in ("csv", "xlsx")}


def chart_context(slug: str, table: ReportTable, query: str) -> dict:
    spec = CHARTS[slug]
    url = reverse("reports:chart", kwargs={"chart": slug, "fmt": "svg"})
    return {
        "svg": f"{url}?{query}" if query else url,
        "png": reverse("reports:chart", kwargs={"chart": slug, "fmt": "png"}) + (f"?{query}" if query else ""),
        "alt": charts.describe(table, spec.label_key, list(spec.keys)),
        "caption": spec.caption,
    }


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


# --- pages ---------------------------------------------------------------------------------------

REPORTS = {
    "progress": (
        _("Cohort progress"),
        [("milestones_by_horizon", "milestones-by-horizon"), ("projects_by_status", "projects-by-status")],
    ),
    "seminars": (
        _("Seminar results"),
        [
            ("score_distribution", "score-distribution"),
            ("predicates", None),
            ("innovation_share", "innovation-share"),
            ("by_examiner", None),
        ],
    ),
    "feedback": (
        _("Feedback follow-through"),
        [
            ("by_category_status", "feedback-by-category"),
            ("budget_amounts", "budget-amounts"),
            ("unrealised_budget", None),
            ("overdue_items", None),
            ("time_to_implement", None),
        ],
    ),
    "rollout": (
        _("Rollout of innovations"),
        [
            ("coverage_by_innovation", "coverage-by-innovation"),
            ("matrix", None),
            ("coverage_by_agency", None),
            ("coverage_by_province", None),
            ("adoptions_over_time", "adoptions-over-time"),
        ],
    ),
}
MODULES = {"progress": progress, "seminars": seminars, "feedback": feedback, "rollout": rollout}
NOTES = {
    "rollout": _(
        "Programme, cohort and year choose the innovations by the cohort they come from. Province, "
        "regional government and agency choose the adopting agencies: an adoption counts where the "
        "adopting agency is, wherever the innovation comes from. Provincial staff see their own province."
    ),
}
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


@login_required
@require_GET
def index(request):
    readable = [(name, title) for name, (title, _sections) in REPORTS.items() if may_read(request.user, name)]
    if not readable:
        raise Http404
    user = request.user
    dashboard = user.is_superuser or user.organisers.exists() or Region.objects.reported_on_by(user).exists()
    form = report_filters(request.GET, user)
    context = {"reports": [], "dashboard": dashboard, "form": form, "raw_lists": []}
    if not form.is_valid():
        return render(request, "reports/index.html", context, status=400)
    query = filter_query(form)
    context["reports"] = [
        (title, reverse("reports:report", args=[name]) + (f"?{query}" if query else "")) for name, title in readable
    ]
    if may_read(user, RAW):
        context["raw_lists"] = raw_links(query)
    return render(request, "reports/index.html", context)


@login_required
@require_GET
def report(request, report: str):
    if report not in REPORTS or not may_read(request.user, report):
        raise Http404
    title, sections = REPORTS[report]
    form = report_filters(request.GET, request.user)
    context = {"report": report, "title": title, "note": NOTES.get(report, ""), "form": form, "sections": []}
    if not form.is_valid():
        return render(request, "reports/report.html", context, status=400)
    query = filter_query(form)
    module = MODULES[report]
    for function, chart in sections:
        table = getattr(module, function)(form)
        table.rows = list(table.rows)
        context["sections"].append(
            {
                "table": present(table, report, function, query),
                "chart": chart_context(chart, table, query) if chart else None,
            }
        )
    context["query"] = query
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def my_province(request):
    """Provincial staff go to their province's dashboard; organiser staff and superusers choose one."""
    user = request.user
    provinces = list(Region.objects.reported_on_by(user).order_by("code")) if not user.is_superuser else []
    if len(provinces) == 1 and not user.organisers.exists():
        return redirect("reports:province", code=provinces[0].code)
    if not (user.is_superuser or user.organisers.exists() or provinces):
        raise Http404
    choices = provinces or list(Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"))
    return render(request, "reports/province_choice.html", {"provinces": choices})


@login_required
@require_GET
def province_dashboard(request, code: str):
    region = get_object_or_404(Region, code=code, level=Region.Level.PROVINCE)
    if not may_see_province(request.user, region):
        raise Http404
    data = request.GET.copy()
    data["province"] = region.code
    form = report_filters(data, request.user)
    context = {"region": region, "form": form}
    if not form.is_valid():
        return render(request, "reports/province.html", context, status=400)
    board = province.dashboard(form, region)
    query = filter_query(form)
    context.update(
        board=board,
        query=query,
        figures=[
            {
                "label": figure.label,
                "text": cell_text(figure.value, figure.kind),
                "note": figure.note,
                "url": f"{reverse('reports:report', args=[figure.report])}?{query}",
            }
            for figure in board.figures
        ],
        statuses=present(board.projects_by_status, "progress", "projects_by_status", query),
        predicates=present(board.predicates, "seminars", "predicates", query),
        unrealised=present(board.unrealised, "feedback", "unrealised_budget", query),
        unrealised_url=f"{reverse('reports:report', args=['feedback'])}?{query}#{board.unrealised.name}",
        milestones_chart=chart_context("milestones-by-horizon", board.milestones, query),
        links=[
            (name, title, f"{reverse('reports:report', args=[name])}?{query}") for name, (title, _s) in REPORTS.items()
        ],
    )
    return render(request, "reports/province.html", context)


# --- charts ---------------------------------------------------------------------------------------


def _chart_state(request, chart: str, fmt: str) -> dict:
    """Compute the chart's rows once per request: the ETag and the drawing both use them."""
    if not hasattr(request, "_report_chart"):
        spec = CHARTS.get(chart)
        state = {"spec": spec, "form": None, "rows": None, "etag": None}
        if spec and fmt in charts.FORMATS and may_read(request.user, spec.report):
            form = report_filters(request.GET, request.user)
            state["form"] = form
            if form.is_valid():
                rows = list(spec.table(form).rows)
                fingerprint = json.dumps(
                    [CHART_VERSION, chart, fmt, get_language(), rows], default=str, sort_keys=True
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
        body = state["spec"].draw(state["rows"], fmt)
        cache.set(key, body, CHART_CACHE_SECONDS)
    return HttpResponse(body, content_type=charts.FORMATS[fmt])

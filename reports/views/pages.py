"""The report pages, the index of reports and raw lists, and the province dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from regions.models import Region

from ..filters import report_filters
from ..permissions import RAW, may_read, may_see_province
from ..queries import budget, feedback, progress, province, rollout, seminars
from ..snapshots import report_table
from ..tables import Kind
from .charting import chart_context
from .presenting import PAGE_ROWS, cell_text, filter_query, present, raw_links

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
    "budget": (_("Budget of the change projects"), [("by_source_and_year", "budget-lines")]),
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
MODULES = {"progress": progress, "seminars": seminars, "feedback": feedback, "budget": budget, "rollout": rollout}
NOTES = {
    "rollout": _(
        "Programme, cohort and year choose the innovations by the cohort they come from. Province, "
        "regional government and agency choose the adopting agencies: an adoption counts where the "
        "adopting agency is, wherever the innovation comes from. Provincial staff see their own province."
    ),
}


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
        # A charted table is described in full under its chart; the others show their first rows.
        table = report_table(form, getattr(module, function), query, first=None if chart else PAGE_ROWS)
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
    form.fixed = frozenset({"province"})
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
                "money": figure.kind == Kind.RUPIAH,
                "note": figure.note,
                "url": f"{reverse('reports:report', args=[figure.report])}?{query}",
            }
            for figure in board.figures
        ],
        statuses=present(board.projects_by_status, "progress", "projects_by_status", query),
        predicates=present(board.predicates, "seminars", "predicates", query),
        unrealised=present(board.unrealised, "feedback", "unrealised_budget", query),
        unrealised_url=f"{reverse('reports:report', args=['feedback'])}?{query}#{board.unrealised.name}",
        milestones_chart=chart_context(
            "milestones-by-horizon",
            board.milestones,
            query,
            table_url=f"{reverse('reports:report', args=['progress'])}?{query}#{board.milestones.name}-data",
        ),
        links=[
            (name, title, f"{reverse('reports:report', args=[name])}?{query}") for name, (title, _s) in REPORTS.items()
        ],
    )
    return render(request, "reports/province.html", context)

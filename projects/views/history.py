"""The project's change history: who changed what, when, from which value to which, and why."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ..timeline import describe, project_timeline
from .common import _visible_project

PER_PAGE = 50
ON_PROJECT_PAGE = 10


def latest_changes(project, limit: int = ON_PROJECT_PAGE) -> dict:
    """The newest changes for the project page, and how many there are in all."""
    entries = project_timeline(project)
    latest = entries[:limit]
    describe(latest)
    return {"entries": latest, "total": len(entries)}


@login_required
def history(request, pk):
    project = _visible_project(request.user, pk)
    page = Paginator(project_timeline(project), PER_PAGE).get_page(request.GET.get("page"))
    describe(page.object_list)
    return render(request, "projects/history.html", {"project": project, "page": page})

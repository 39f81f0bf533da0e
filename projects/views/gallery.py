"""Photos of a project's progress: thumbnails, a preview on the page, and the gallery per project and milestone."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from evidence.downloads import download, thumbnail

from ..models import Evidence
from .common import _visible_project

PHOTOS_PER_PAGE = 48


def _visible_evidence(user, pk) -> Evidence:
    return get_object_or_404(Evidence.objects.visible_to(user), pk=pk)


@login_required
def evidence_thumbnail(request, pk):
    return thumbnail(_visible_evidence(request.user, pk))


@login_required
def evidence_preview(request, pk):
    """The photo itself, to be shown on the page (a PDF still comes as a download)."""
    return download(_visible_evidence(request.user, pk), inline=True)


@login_required
def gallery(request, pk):
    project = _visible_project(request.user, pk)
    milestones = list(project.milestones.all())
    chosen = next((m for m in milestones if str(m.pk) == request.GET.get("milestone")), None)
    photos = (
        Evidence.objects.filter(update__project=project, content_type__startswith="image/")
        .select_related("update__milestone")
        .order_by("-update__happened_on", "-pk")
    )
    if chosen is not None:
        photos = photos.filter(update__milestone=chosen)
    page = Paginator(photos, PHOTOS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"project": project, "milestones": milestones, "chosen": chosen, "page": page}
    return render(request, "projects/gallery.html", context)

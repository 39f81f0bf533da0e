"""Judging and its results: the review queue without names, the leaderboard, the gallery, and the files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evidence.downloads import download

from .. import judging
from ..access import event_page
from ..forms.missions import JudgeForm
from ..models import MissionKind, Submission, SubmissionFile

PAGE_SIZE = 50


@event_page(judge=True)
def review_queue(request, event):
    """Pending submissions, oldest first, each under a neutral number: neither the group nor who sent it."""
    return render(
        request,
        "events/review.html",
        {"event": event, "section": "review", "queue": judging.queue(event), "form": JudgeForm()},
    )


@require_POST
@event_page(judge=True)
def review_judge(request, event, submission_pk):
    submission = get_object_or_404(
        Submission.objects.filter(mission__event=event).select_related("mission"), pk=submission_pk
    )
    form = JudgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject."))
        return redirect("events:review", event.pk)
    criterion_points = {}
    if submission.mission.kind == MissionKind.CREATIVE:
        criterion_points = {
            criterion["name"]: request.POST.get(f"criterion-{index}", "")
            for index, criterion in enumerate(submission.mission.criteria)
        }
    try:
        judging.judge(
            submission,
            approve=form.cleaned_data["decision"] == "approve",
            by=request.user,
            points=form.cleaned_data["points"],
            criterion_points=criterion_points,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, f"{submission.reference}: " + " ".join(error.messages))
    else:
        messages.success(request, _("%(reference)s is judged.") % {"reference": submission.reference})
    return redirect("events:judged" if request.POST.get("next") == "judged" else "events:review", event.pk)


@event_page(judge=True)
def judged_list(request, event):
    """What was judged, newest first, with the group's name now shown, to adjust points if needed."""
    judged = (
        Submission.objects.filter(mission__event=event)
        .exclude(status=Submission.Status.PENDING)
        .select_related("mission", "group", "judged_by")
        .prefetch_related("files")
        .order_by("-judged_at", "-pk")
    )
    page = Paginator(judged, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"event": event, "section": "review", "judged": page, "page": page, "form": JudgeForm()}
    return render(request, "events/judged.html", context)


@event_page()
def leaderboard(request, event):
    me = event.invitees.filter(user=request.user).values_list("group_id", flat=True).first()
    context = {"event": event, "section": "leaderboard", "groups": judging.leaderboard(event), "my_group": me}
    if request.may_manage:
        context["tables"] = [("scores", _("Leaderboard")), ("mission-scores", _("Missions"))]
    return render(request, "events/leaderboard.html", context)


@event_page()
def gallery(request, event):
    """Approved evidence: all of it for staff and judges, the own group's for an attendee."""
    group = None
    if not request.may_judge:
        me = event.invitees.select_related("group").filter(user=request.user).first()
        group = me.group if me else None
        if group is None:
            files = SubmissionFile.objects.none()
            return render(request, "events/gallery.html", {"event": event, "section": "gallery", "files": files})
    files = judging.gallery(event, group)
    return render(request, "events/gallery.html", {"event": event, "section": "gallery", "files": files})


@event_page()
def submission_file(request, event, file_pk, thumbnail=False):
    """A mission's photo or video: for staff and judges, and for the members of the group that sent it."""
    stored = get_object_or_404(
        SubmissionFile.objects.filter(submission__mission__event=event).select_related("submission"), pk=file_pk
    )
    if not request.may_judge and not request.may_manage:
        in_group = event.invitees.filter(user=request.user, group_id=stored.submission.group_id).exists()
        if not in_group:
            raise PermissionDenied
    if thumbnail:
        if not stored.thumbnail:
            raise Http404
        return _thumbnail(stored)
    return download(stored)


def _thumbnail(stored: SubmissionFile):
    response = FileResponse(stored.thumbnail.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response

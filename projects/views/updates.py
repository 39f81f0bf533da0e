"""Posting a progress update with its evidence (from the page, or later from the phone's outbox), and
downloading the evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.downloads import download
from offline import outbox

from ..forms import ProgressUpdateForm, add_service_errors
from ..models import Evidence
from ..services.updates import post_update_once, update_delivered
from .common import _owned_project, _refuse


@login_required
def update_create(request, pk):
    project = _owned_project(request.user, pk)
    if (client_id := outbox.asked_delivered(request)) is not None:
        arrived = update_delivered(client_id, by=request.user)
        return outbox.delivered(reverse("projects:dashboard") if arrived else None)
    if not project.accepts_updates:
        message = _("Progress can be reported once the mentor has approved the project.")
        if outbox.from_outbox(request):
            return outbox.refused_with(message)
        return _refuse(request, project, message)
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES, project=project)
    else:
        initial = {"happened_on": timezone.localdate(), "milestone": request.GET.get("milestone")}
        form = ProgressUpdateForm(project=project, initial=initial)
    if form.is_valid():
        try:
            created = post_update_once(project, by=request.user, **form.cleaned_data).created
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.success(request, _("Your progress update has been posted."))
            else:
                messages.info(request, _("This update had arrived already: it is posted once."))
            if outbox.from_outbox(request):
                return outbox.sent(reverse("projects:dashboard"), created=created)
            return redirect("projects:dashboard")
    if outbox.from_outbox(request) and request.method == "POST":
        return outbox.refused(form)
    return render(request, "projects/update_form.html", {"form": form, "project": project})


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    return download(evidence)

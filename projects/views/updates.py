"""Posting a progress update with its evidence, and downloading the evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.downloads import download

from ..forms import ProgressUpdateForm, add_service_errors
from ..models import Evidence
from ..services.updates import post_update
from .common import _owned_project, _refuse


@login_required
def update_create(request, pk):
    project = _owned_project(request.user, pk)
    if not project.accepts_updates:
        return _refuse(request, project, _("Progress can be reported once the mentor has approved the project."))
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES, project=project)
    else:
        initial = {"happened_on": timezone.localdate(), "milestone": request.GET.get("milestone")}
        form = ProgressUpdateForm(project=project, initial=initial)
    if form.is_valid():
        try:
            post_update(project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your progress update has been posted."))
            return redirect("projects:dashboard")
    return render(request, "projects/update_form.html", {"form": form, "project": project})


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    return download(evidence)

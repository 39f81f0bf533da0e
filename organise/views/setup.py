"""Setting up a cohort: a new one, its edit, and a copy of a previous cohort's set-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from diklat import cohort_setup
from projects.forms import add_service_errors

from ..access import cohort_page, organiser_staff_required, organisers_of
from ..forms.setup import CopyCohortForm, EditCohortForm, NewCohortForm
from ..setup import copy_cohort_setup


def _render(request, form, *, title, cohort=None, status=200):
    context = {"form": form, "title": title, "cohort": cohort}
    return render(request, "organise/cohort_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_staff_required
def cohort_new(request):
    """A new cohort of a programme under a rule set, for the user's organiser, with its stages' dates."""
    organisers = organisers_of(request.user).select_related("region")
    title = _("New cohort")
    if request.method != "POST":
        initial = {"year": timezone.localdate().year}
        return _render(request, NewCohortForm(initial=initial, organisers=organisers), title=title)
    form = NewCohortForm(request.POST, organisers=organisers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cohort = cohort_setup.create_cohort(
                by=request.user,
                programme=data["programme"],
                rule_set=data["rule_set"],
                organiser=form.organiser(),
                number=data["number"],
                year=data["year"],
                dates=form.dates(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort is set up."))
            return redirect("organise:cohort", cohort.pk)
    return _render(request, form, title=title, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def cohort_edit(request, cohort):
    """The cohort's rule set, number, year and the dates of its stages."""
    title = _("Edit the cohort")
    if request.method != "POST":
        initial = {**EditCohortForm.initial_of(cohort), "rule_set": cohort.rule_set_id}
        return _render(request, EditCohortForm(initial=initial, cohort=cohort), title=title, cohort=cohort)
    form = EditCohortForm(request.POST, cohort=cohort)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cohort_setup.update_cohort(
                cohort,
                by=request.user,
                rule_set=data["rule_set"],
                number=data["number"],
                year=data["year"],
                dates=form.dates(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort's set-up is saved."))
            return redirect("organise:cohort", cohort.pk)
    return _render(request, form, title=title, cohort=cohort, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def cohort_copy(request, cohort):
    """A new cohort like this one, every date moved so that it starts on the day chosen."""
    title = _("Copy the cohort's set-up")
    if request.method != "POST":
        return _render(request, CopyCohortForm(), title=title, cohort=cohort)
    form = CopyCohortForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            copy, shift = copy_cohort_setup(
                cohort, by=request.user, start_date=data["start_date"], number=data["number"], year=data["year"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(cohort)s is set up from %(source)s, every date moved by %(days)s days.")
                % {"cohort": copy, "source": cohort, "days": shift},
            )
            return redirect("organise:cohort", copy.pk)
    return _render(request, form, title=title, cohort=cohort, status=400)

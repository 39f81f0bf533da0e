"""The list of the cohorts an organiser runs, and each cohort's start page."""

from django.db.models import Count, Q
from django.shortcuts import render

from diklat.models import Enrolment

from ..access import cohort_page, organised_cohorts, organiser_staff_required


@organiser_staff_required
def cohort_list(request):
    """The cohorts the user organises, the newest first, with how many participants each has."""
    cohorts = (
        organised_cohorts(request.user)
        .select_related("programme", "organiser")
        .annotate(active=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ACTIVE)))
    )
    return render(request, "organise/cohort_list.html", {"cohorts": cohorts})


@cohort_page
def cohort_home(request, cohort):
    """One cohort: its dates and stages, and the workspace's pages for it."""
    context = {
        "cohort": cohort,
        "stages": cohort.stages.all(),
        "active": cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).count(),
    }
    return render(request, "organise/cohort_home.html", context)

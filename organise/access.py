"""Who may use the organiser's workspace: the staff of an organiser, on that organiser's cohorts only."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from diklat.models import Cohort, Organiser


def organisers_of(user):
    """The organisers whose cohorts the user runs: those they are staff of, or every one for a superuser."""
    if user.is_superuser:
        return Organiser.objects.all()
    return Organiser.objects.filter(staff=user)


def organised_cohorts(user):
    """The cohorts the user may set up and run."""
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(organiser__staff=user)


def is_organiser_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.organisers.exists())


def organiser_staff_required(view):
    """A page of the workspace: logged in, and on an organiser's staff (403 otherwise)."""

    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_organiser_staff(request.user):
            raise PermissionDenied(_("Only the staff of an organiser may use this page."))
        return view(request, *args, **kwargs)

    return guarded


def cohort_page(view):
    """A page about one cohort (``cohort_pk`` in the URL): 404 unless the user organises it."""

    @organiser_staff_required
    @wraps(view)
    def guarded(request, cohort_pk, *args, **kwargs):
        cohort = get_object_or_404(
            organised_cohorts(request.user).select_related("programme", "rule_set", "organiser__region"),
            pk=cohort_pk,
        )
        return view(request, cohort, *args, **kwargs)

    return guarded

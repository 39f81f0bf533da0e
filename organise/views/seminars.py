"""A cohort's seminars: the list with their sessions and panels, a new seminar, and splitting its participants."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import scheduling
from assessments.models import Seminar, SeminarKind, SeminarSession
from assessments.scheduling.split import unplaced
from diklat.models import Enrolment
from projects.forms import add_service_errors

from ..access import cohort_page
from ..forms.scheduling import SeminarForm, SplitForm


def _seminars(cohort):
    """The cohort's seminars with their sessions, each session's chair, examiners and participant count."""
    sessions = (
        SeminarSession.objects.select_related("chair")
        .prefetch_related("examiners")
        .annotate(participant_count=Count("presentations"))
        .order_by("starts_at", "name")
    )
    return (
        Seminar.objects.filter(cohort=cohort)
        .select_related("rubric")
        .annotate(placed=Count("sessions__presentations"))
        .prefetch_related(Prefetch("sessions", queryset=sessions))
        .order_by("starts_at")
    )


def _missing_kinds(seminars) -> list[str]:
    have = {seminar.kind for seminar in seminars}
    return [kind for kind in SeminarKind.values if kind not in have]


def _seminar_form_initial(cohort, kind: str | None) -> dict:
    day = cohort.design_seminar_date if kind == SeminarKind.DESIGN else cohort.results_seminar_date
    return {"kind": kind, "day": day, "time": "08:00"}


def _render_list(request, cohort, form=None, status=200):
    seminars = list(_seminars(cohort))
    missing = _missing_kinds(seminars)
    active = cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).count()
    for seminar in seminars:  # one query each: a cohort has two seminars at most, one per kind
        seminar.unplaced = unplaced(seminar).count()
    if form is None and missing:
        form = SeminarForm(initial=_seminar_form_initial(cohort, missing[0]), missing_kinds=missing)
    context = {"cohort": cohort, "seminars": seminars, "form": form, "active": active}
    return render(request, "organise/seminars.html", context, status=status)


@cohort_page
def seminar_list(request, cohort):
    """The cohort's design and results seminars: their sessions, dates, rooms, panels and participant counts."""
    return _render_list(request, cohort)


@require_POST
@cohort_page
def seminar_new(request, cohort):
    """Create the cohort's design or results seminar."""
    missing = _missing_kinds(Seminar.objects.filter(cohort=cohort))
    form = SeminarForm(request.POST, missing_kinds=missing)
    if form.is_valid():
        data = form.cleaned_data
        try:
            seminar = scheduling.create_seminar(
                cohort,
                kind=data["kind"],
                starts_at=form.starts_at(cohort.time_zone),
                place=data["place"],
                online_link=data["online_link"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(seminar)s is scheduled.") % {"seminar": seminar.get_kind_display()})
            return redirect("organise:seminar", cohort.pk, seminar.pk)
    return _render_list(request, cohort, form=form, status=400)


def _render_seminar(request, cohort, seminar, form=None, status=200):
    candidates = scheduling.panel_candidates(cohort)
    context = {
        "cohort": cohort,
        "seminar": seminar,
        "sessions": list(_seminars(cohort).get(pk=seminar.pk).sessions.all()),
        "unplaced": list(unplaced(seminar)),
        "form": form or SplitForm(candidates=candidates, initial={"chair": request.user.pk}),
    }
    return render(request, "organise/seminar.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def seminar_detail(request, cohort, seminar_pk):
    """One seminar: its sessions, the participants without one, and the form that splits them into sessions."""
    seminar = get_object_or_404(Seminar.objects.select_related("cohort"), cohort=cohort, pk=seminar_pk)
    if request.method != "POST":
        return _render_seminar(request, cohort, seminar)
    form = SplitForm(request.POST, candidates=scheduling.panel_candidates(cohort))
    if form.is_valid():
        data = form.cleaned_data
        try:
            sessions = scheduling.split_participants(
                seminar, method=data["method"], chair=data["chair"], count=data["count"], rooms=data["rooms"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(participants)s participants are placed in %(sessions)s new sessions.")
                % {"participants": sum(s.presentations.count() for s in sessions), "sessions": len(sessions)},
            )
            return redirect("organise:seminar", cohort.pk, seminar.pk)
    return _render_seminar(request, cohort, seminar, form=form, status=400)

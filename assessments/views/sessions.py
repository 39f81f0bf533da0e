"""The panel's pages: the seminar day, a session with its running results, finalising, printouts."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentors.models import Assignment
from mentors.roles import GUIDES
from projects.forms import add_service_errors

from .. import access, services
from ..completeness import IncompleteSession, missing_for_finalise, panel_of
from ..forms import AbsenceForm, FinaliseForm, ReopenForm
from ..models import Classification, FeedbackItem, PanelRole, Presentation, SeminarSession
from ..results import Result, session_results
from .common import Refusal, host_time, refusal_of, session_start, sessions_for

# --- the seminar day ---------------------------------------------------------------------------


@login_required
def seminar_day(request):
    """The sessions the user sits on (or, as organiser staff, runs), today's first, by the host's local time."""
    user = request.user
    examining = SeminarSession.examiners.through.objects.filter(seminarsession=OuterRef("pk"), user=user)
    own = (
        Presentation.objects.filter(
            session=OuterRef("pk"),
            enrolment__in=Assignment.objects.filter(user=user, role__in=GUIDES).values("enrolment"),
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    sessions = sessions_for(user).annotate(
        participant_count=Count("presentations", distinct=True),
        is_examiner=Exists(examining),
        own_count=Coalesce(Subquery(own, output_field=IntegerField()), 0),
    )
    today, upcoming, earlier = [], [], []
    for session in sessions:
        session.local_start = start = session_start(session)
        session.my_roles = _roles_on_day(session, user)
        host_today = host_time(timezone.now(), session.seminar.cohort.organiser).date
        if start.date == host_today:
            today.append(session)
        elif start.date > host_today:
            upcoming.append(session)
        else:
            earlier.append(session)
    key = lambda s: (s.local_start.instant, s.name)  # noqa: E731
    return render(
        request,
        "assessments/seminar_day.html",
        {
            "today": sorted(today, key=key),
            "upcoming": sorted(upcoming, key=key),
            "earlier": sorted(earlier, key=key, reverse=True),
        },
    )


def _roles_on_day(session, user) -> list[str]:
    roles = []
    if session.chair_id == user.pk:
        roles.append(_("Chair"))
    if session.is_examiner:
        roles.append(_("Examiner"))
    if session.own_count:
        roles.append(_("Mentor/coach of %(count)s") % {"count": session.own_count})
    return roles or [_("Organiser")]


# --- one session -------------------------------------------------------------------------------


@dataclass
class Row:
    presentation: Presentation
    result: Result
    project: object
    mentors: list = field(default_factory=list)
    coaches: list = field(default_factory=list)
    verdicts: list = field(default_factory=list)
    can_score: bool = False
    can_give_feedback: bool = False
    my_status: str = ""
    my_status_label: str = ""
    my_scored: int = 0
    no_show: object = None
    my_absence: object = None


MY_STATUS = {
    "none": gettext_lazy("Not started"),
    "partial": gettext_lazy("Partial"),
    "complete": gettext_lazy("Complete"),
    "absent": gettext_lazy("Absent"),
}


def label_roles(result: Result) -> Result:
    for scorer in result.scorers:
        scorer.role_label = PanelRole(scorer.role).label
    return result


def _project_of(presentation):
    try:
        return presentation.enrolment.project
    except ObjectDoesNotExist:
        return None


def session_context(session: SeminarSession, user) -> dict:
    """What the session page and its printouts show, in a fixed number of queries."""
    pairs = session_results(session)
    visible = set(Presentation.objects.visible_to(user).filter(session=session).values_list("pk", flat=True))
    examiners = list(session.examiners.all())
    is_examiner = any(e.pk == user.pk for e in examiners)
    assignments = list(
        Assignment.objects.filter(enrolment_id__in=[p.enrolment_id for p, _r in pairs]).select_related("user")
    )
    verdicts: dict[int, list] = {}
    for verdict in Classification.objects.filter(presentation__session=session).select_related("examiner"):
        verdicts.setdefault(verdict.presentation_id, []).append(verdict)
    panel = panel_of(session)
    no_shows = {a.presentation_id: a for a in panel.absences if a.kind == a.Kind.PARTICIPANT}
    my_absences = [a for a in panel.absences if a.kind == a.Kind.MEMBER and a.member_id == user.pk]
    rows, mentors, coaches = [], {}, {}
    for presentation, result in pairs:
        if presentation.pk not in visible:
            continue
        own = [a for a in assignments if a.enrolment_id == presentation.enrolment_id]
        row = Row(
            presentation=presentation,
            result=result,
            project=_project_of(presentation),
            mentors=[a.user for a in own if a.role == Assignment.Role.MENTOR],
            coaches=[a.user for a in own if a.role == Assignment.Role.COACH],
            verdicts=verdicts.get(presentation.pk, []),
            can_score=is_examiner or any(a.user_id == user.pk and a.role in GUIDES for a in own),
            can_give_feedback=is_examiner or any(a.user_id == user.pk for a in own),
            no_show=no_shows.get(presentation.pk),
        )
        mine = next((s for s in result.scorers if s.scorer_id == user.pk), None)
        row.my_status = "none" if mine is None else ("complete" if mine.complete else "partial")
        row.my_absence = next((a for a in my_absences if a.presentation_id in (None, presentation.pk)), None)
        if row.my_absence:
            row.my_status = "absent"
        row.my_status_label = MY_STATUS[row.my_status]
        label_roles(result)
        row.my_scored = mine.scored if mine else 0
        mentors.update({u.pk: u for u in row.mentors})
        coaches.update({u.pk: u for u in row.coaches})
        rows.append(row)
    events = list(session.events.select_related("by"))
    for event in events:
        event.local_at = host_time(event.at, session.seminar.cohort.organiser)
    return {
        "session": session,
        "seminar": session.seminar,
        "local_start": session_start(session),
        "finalised_local": host_time(session.finalised_at, session.seminar.cohort.organiser),
        "examiners": examiners,
        "panel_mentors": list(mentors.values()),
        "panel_coaches": list(coaches.values()),
        "rows": rows,
        "any_flagged": any(result.flagged for _p, result in pairs),
        "can_chair": access.can_chair(user, session),
        "is_examiner": is_examiner,
        "events": events,
        "released_before": any(e.kind == e.Kind.FINALISED for e in events),
        "panel": panel,
        "missing": missing_for_finalise(session, panel) if session.is_open else [],
        "absences": [a for a in panel.absences if a.presentation_id is None or a.presentation_id in visible],
    }


def _session(user, pk) -> SeminarSession:
    return get_object_or_404(sessions_for(user), pk=pk)


def _render_session(
    request, session, finalise_form=None, reopen_form=None, absence_form=None, refusal=None, status=200
):
    context = session_context(session, request.user)
    context["refusal"] = refusal
    context["finalise_form"] = finalise_form or FinaliseForm(flagged=context["any_flagged"])
    context["reopen_form"] = reopen_form or ReopenForm()
    if context["can_chair"] and session.is_open:
        context["absence_form"] = absence_form or AbsenceForm(panel=context["panel"])
    return render(request, "assessments/session.html", context, status=status)


def _chaired_session(user, pk) -> SeminarSession:
    session = _session(user, pk)
    if not access.can_chair(user, session):
        raise PermissionDenied(_("Only the chair of the session can finalise or reopen it."))
    return session


@login_required
def session_detail(request, pk):
    return _render_session(request, _session(request.user, pk))


@login_required
@require_POST
def finalise(request, pk):
    """The chair locks the scores and releases the results (PermissionDenied → 403 for anyone else)."""
    session = _chaired_session(request.user, pk)
    pairs = session_results(session)
    form = FinaliseForm(request.POST, flagged=any(result.flagged for _p, result in pairs))
    if form.is_valid():
        try:
            services.finalise_session(
                session, by=request.user, acknowledge_flags=form.cleaned_data.get("acknowledge_flags", False)
            )
        except IncompleteSession as refused:
            form.add_error(
                None,
                _("Not finalised: %(count)s things are missing, listed at the top.") % {"count": len(refused.gaps)},
            )
            # The list of gaps at the top says what is missing; the notice only says the click was refused.
            refusal = Refusal(_("Finalising refused: the session still lacks what is listed below."), anchor="missing")
            return _render_session(request, session, finalise_form=form, refusal=refusal, status=400)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session is finalised and the results are released."))
            return redirect(session)
    refusal = refusal_of(_("Finalising refused:"), form, anchor="chair")
    return _render_session(request, session, finalise_form=form, refusal=refusal, status=400)


@login_required
@require_POST
def reopen(request, pk):
    session = _chaired_session(request.user, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_session(session, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session is open again; its results are withdrawn until finalised."))
            return redirect(session)
    return _render_session(request, session, reopen_form=form, status=400)


# --- printouts ---------------------------------------------------------------------------------


def _printout(request, pk, template):
    session = _session(request.user, pk)
    context = session_context(session, request.user)
    context["feedback"] = list(
        FeedbackItem.objects.filter(presentation__in=[row.presentation.pk for row in context["rows"]])
        .select_related("given_by", "milestone", "budget", "presentation__enrolment__participant__user")
        .order_by("presentation__order", "pk")
    )
    context["printed_at"] = host_time(timezone.now(), session.seminar.cohort.organiser)
    return render(request, template, context)


@login_required
def score_sheet(request, pk):
    return _printout(request, pk, "assessments/score_sheet.html")


@login_required
def minutes(request, pk):
    return _printout(request, pk, "assessments/minutes.html")

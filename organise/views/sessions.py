"""One seminar session as the organiser schedules it: its panel, its order, and moving participants."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import scheduling
from assessments.models import Presentation, SeminarSession
from projects.forms import add_service_errors

from ..access import cohort_page
from ..forms.scheduling import MoveForm, OrderForm, PanelForm, SessionDetailsForm


def _session(cohort, pk) -> SeminarSession:
    return get_object_or_404(
        SeminarSession.objects.select_related("seminar__cohort", "chair"), seminar__cohort=cohort, pk=pk
    )


def _presentations(session):
    return list(
        Presentation.objects.filter(session=session)
        .select_related("enrolment__participant__user", "enrolment__participant__agency")
        .order_by("order")
    )


def _render(
    request, cohort, session, *, panel_form=None, order_form=None, move_form=None, details_form=None, status=200
):
    candidates = scheduling.panel_candidates(cohort)
    locked = scheduling.session_lock_reason(session)
    order_form = order_form or OrderForm(presentations=_presentations(session))
    for presentation in order_form.presentations:
        presentation.order_field = order_form[f"order_{presentation.pk}"]
        presentation.order_field.field.disabled = bool(locked)
    initial_panel = {"chair": session.chair_id, "examiners": [e.pk for e in session.examiners.all()]}
    context = {
        "cohort": cohort,
        "seminar": session.seminar,
        "session": session,
        "presentations": order_form.presentations,
        "locked": locked,
        "panel_form": panel_form or PanelForm(candidates=candidates, initial=initial_panel),
        "order_form": order_form,
        "details_form": details_form
        or SessionDetailsForm(initial=SessionDetailsForm.initial_of(session, cohort.time_zone)),
        "move_form": move_form or MoveForm(seminar=session.seminar, initial={"session": session.pk}),
    }
    return render(request, "organise/session.html", context, status=status)


@cohort_page
def session_detail(request, cohort, session_pk):
    """The session's participants in order, its panel, and the forms that change them."""
    return _render(request, cohort, _session(cohort, session_pk))


@require_POST
@cohort_page
def session_panel(request, cohort, session_pk):
    """Seat the session's chair and examiners: they see it in their seminar schedule at once."""
    session = _session(cohort, session_pk)
    form = PanelForm(request.POST, candidates=scheduling.panel_candidates(cohort))
    if form.is_valid():
        try:
            data = form.cleaned_data
            scheduling.set_panel(session, chair=data["chair"], examiners=data["examiners"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return _render(request, cohort, session, panel_form=form, status=400)
        messages.success(request, _("The panel of %(session)s is saved.") % {"session": session.name})
        return redirect("organise:session", cohort.pk, session.pk)
    return _render(request, cohort, session, panel_form=form, status=400)


@require_POST
@cohort_page
def session_order(request, cohort, session_pk):
    """Put the presentations in the order typed, or move one up or down a place."""
    session = _session(cohort, session_pk)
    presentations = _presentations(session)
    form = OrderForm(request.POST, presentations=presentations)
    step = request.POST.get("up") or request.POST.get("down")
    try:
        if step:
            presentation = next((p for p in presentations if str(p.pk) == step), None)
            if presentation is None:
                raise ValidationError(_("This participant no longer presents in this session."))
            move = scheduling.move_up if "up" in request.POST else scheduling.move_down
            move(presentation, by=request.user)
        elif form.is_valid():
            scheduling.set_order(session, form.ordered_ids(), by=request.user)
        else:
            return _render(request, cohort, session, order_form=form, status=400)
    except ValidationError as error:
        current = {f"order_{p.pk}": p.order for p in presentations}
        form = OrderForm(current, presentations=presentations)
        form.is_valid()
        add_service_errors(form, error)
        return _render(request, cohort, session, order_form=form, status=400)
    messages.success(request, _("The order of %(session)s is saved.") % {"session": session.name})
    return redirect("organise:session", cohort.pk, session.pk)


@require_POST
@cohort_page
def session_move(request, cohort, session_pk):
    """Move a participant into another session of the seminar (or into this one)."""
    session = _session(cohort, session_pk)
    form = MoveForm(request.POST, seminar=session.seminar)
    if form.is_valid():
        target = form.cleaned_data["session"]
        try:
            scheduling.move_participant(form.cleaned_data["enrolment"], target, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return _render(request, cohort, session, move_form=form, status=400)
        messages.success(
            request,
            _("%(participant)s now presents in %(session)s.")
            % {"participant": form.cleaned_data["enrolment"].participant, "session": target.name},
        )
        return redirect("organise:session", cohort.pk, session.pk)
    return _render(request, cohort, session, move_form=form, status=400)


@require_POST
@cohort_page
def session_details(request, cohort, session_pk):
    """Rename the session, give it its own start and its room."""
    session = _session(cohort, session_pk)
    form = SessionDetailsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            scheduling.set_session_details(
                session,
                name=data["name"],
                starts_at=form.starts_at(cohort.time_zone),
                place=data["place"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return _render(request, cohort, session, details_form=form, status=400)
        messages.success(request, _("%(session)s is saved.") % {"session": data["name"].strip()})
        return redirect("organise:session", cohort.pk, session.pk)
    return _render(request, cohort, session, details_form=form, status=400)

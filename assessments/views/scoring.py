"""The scoring form of one presentation: every indicator of the rubric, on a tablet during the seminar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects.forms import add_service_errors

from .. import access, services
from ..absences import absence_barring, barred_message
from ..forms import ScoreForm
from ..models import Classification, PanelRole, Presentation, RubricIndicator, Score, ScoreChange, SessionEvent
from .common import as_error_dict, host_time, merge_errors, session_start


class _Rollback(Exception):
    """Undo the scores saved when the verdict beside them is refused: nothing is half-saved."""


@login_required
def score(request, pk):
    """Score a presentation (scorers on its panel only); read-only once the session is finalised."""
    user = request.user
    presentation = get_object_or_404(
        Presentation.objects.visible_to(user).select_related(
            "session__seminar__rubric",
            "session__seminar__cohort__organiser__region",
            "enrolment__participant__user",
            "enrolment__project",
        ),
        pk=pk,
    )
    role = access.panel_role(user, presentation)
    if role is None:
        raise PermissionDenied(_("You are not on the panel for this participant."))
    session = presentation.session
    rubric = session.seminar.rubric
    examiner = role == "examiner"
    indicators = list(
        RubricIndicator.objects.filter(component__rubric=rubric).select_related("component").prefetch_related("levels")
    )
    barred = absence_barring(presentation, user)
    barred = barred_message(barred, presentation) if barred else ""
    read_only = not session.is_open or bool(barred)
    released_before = session.events.filter(kind=SessionEvent.Kind.FINALISED).exists()
    form = ScoreForm(
        request.POST or None,
        rubric=rubric,
        indicators=indicators,
        examiner=examiner,
        ask_reason=released_before and not read_only,
        read_only=read_only,
        initial=_initial(presentation, user, examiner),
    )
    if request.method == "POST":
        if read_only:
            messages.error(
                request, barred or _("This session is finalised: scores are locked. The chair can reopen it.")
            )
            return redirect("assessments:score", pk=presentation.pk)
        if form.is_valid():
            complete = request.POST.get("action") == "submit"
            try:
                _save(presentation, form, user, examiner=examiner, complete=complete)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if complete:
                    messages.success(
                        request,
                        _("Your scores for %(name)s are submitted.") % {"name": _participant_name(presentation)},
                    )
                    return redirect(session)
                messages.success(request, _("Draft saved."))
                return redirect("assessments:score", pk=presentation.pk)
    return render(
        request,
        "assessments/score.html",
        {**_context(presentation, form, indicators, role=role, read_only=read_only, user=user), "barred": barred},
        status=400 if form.errors else 200,
    )


def _initial(presentation, user, examiner: bool) -> dict:
    initial = {}
    for score_row in Score.objects.filter(presentation=presentation, scorer=user):
        initial[f"indicator_{score_row.indicator_id}"] = f"{score_row.value.normalize():f}"
        initial[f"remark_{score_row.indicator_id}"] = score_row.remark
    if examiner:
        verdict = Classification.objects.filter(presentation=presentation, examiner=user).first()
        if verdict:
            initial.update(verdict=verdict.verdict, verdict_reason=verdict.reason)
    return initial


def _save(presentation, form, user, *, examiner: bool, complete: bool) -> None:
    """Save scores and verdict together: both are checked, and neither is kept if either is refused."""
    errors: dict[str, list[str]] = {}
    data = form.cleaned_data
    try:
        with transaction.atomic():
            try:
                services.score_presentation(
                    presentation,
                    by=user,
                    scores=form.scores(),
                    remarks=form.remarks(),
                    reason=data.get("reason", ""),
                    complete=complete,
                )
            except ValidationError as error:
                merge_errors(errors, as_error_dict(error))
            if examiner and (data.get("verdict") or data.get("verdict_reason", "").strip()):
                try:
                    services.classify_presentation(
                        presentation, by=user, verdict=data["verdict"], reason=data["verdict_reason"]
                    )
                except ValidationError as error:
                    merge_errors(errors, as_error_dict(error, rename={"reason": "verdict_reason"}))
            if errors:
                raise _Rollback
    except _Rollback:
        raise ValidationError(errors) from None


def _participant_name(presentation) -> str:
    return presentation.enrolment.participant.user.get_full_name()


def _context(presentation, form, indicators, *, role, read_only, user) -> dict:
    groups = []
    for indicator in indicators:
        if not groups or groups[-1]["component"].pk != indicator.component_id:
            groups.append({"component": indicator.component, "rows": []})
        groups[-1]["rows"].append(
            {
                "indicator": indicator,
                "field": form[f"indicator_{indicator.pk}"],
                "remark": form[f"remark_{indicator.pk}"],
                "levels": list(indicator.levels.all()),
            }
        )
    session = presentation.session
    siblings = list(
        Presentation.objects.scorable_by(user).filter(session=session).order_by("order").values_list("pk", flat=True)
    )
    position = siblings.index(presentation.pk) if presentation.pk in siblings else None
    changes = list(
        ScoreChange.objects.filter(presentation=presentation).select_related("indicator", "scorer", "changed_by")
    )
    organiser = session.seminar.cohort.organiser
    for change in changes:
        change.local_at = host_time(change.at, organiser)
    try:
        project = presentation.enrolment.project
    except ObjectDoesNotExist:
        project = None
    return {
        "presentation": presentation,
        "session": session,
        "rubric": session.seminar.rubric,
        "project": project,
        "participant_name": _participant_name(presentation),
        "local_start": session_start(session),
        "form": form,
        "groups": groups,
        "role": role,
        "role_label": PanelRole(role).label,
        "read_only": read_only,
        "previous_pk": siblings[position - 1] if position else None,
        "next_pk": siblings[position + 1] if position is not None and position + 1 < len(siblings) else None,
        "changes": changes,
    }

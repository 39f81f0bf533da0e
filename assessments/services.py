"""Every change in seminars: rubrics, scoring, verdicts, finalising and reopening sessions."""

from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat.history import attribute, save_all
from people.models import User

from . import access, hooks
from .absences import refuse_if_barred
from .completeness import IncompleteSession, missing_for_finalise, panel_of
from .models import (
    Classification,
    Presentation,
    Rubric,
    RubricIndicator,
    Score,
    ScoreChange,
    SeminarSession,
    SessionEvent,
)
from .models.rubrics import plain_number
from .results import results_for
from .tasks import notify_results_released

# --- scoring -----------------------------------------------------------------------------------

REMARK_MAX_LENGTH = Score._meta.get_field("remark").max_length


def _as_score(raw, rubric: Rubric) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite() or not rubric.score_min <= value <= rubric.score_max:
        raise ValidationError(
            _("A score must be between %(low)s and %(high)s.")
            % {"low": plain_number(rubric.score_min), "high": plain_number(rubric.score_max)}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Use at most two decimals."))
    return value


def _as_id(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _was_released(session: SeminarSession) -> bool:
    return session.events.filter(kind=SessionEvent.Kind.FINALISED).exists()


@transaction.atomic
def score_presentation(
    presentation: Presentation,
    *,
    by: User,
    scores: dict[int, object],
    remarks: dict[int, str] | None = None,
    reason: str = "",
    complete: bool = True,
) -> list[Score]:
    """Save one scorer's scores (indicator id → value) for a presentation, keeping the audit trail.

    With ``complete`` every indicator of the rubric must be scored. A second save updates the
    scorer's scores in place; each change is recorded with the old and new value.
    """
    # Locking the session serialises scoring with finalising: no score slips in after release.
    # of=("self",): lock the session row only, not the seminar and rubric it is joined with.
    session = (
        SeminarSession.objects.select_for_update(of=("self",))
        .select_related("seminar__rubric")
        .get(pk=presentation.session_id)
    )
    presentation = Presentation.objects.select_related("enrolment").get(pk=presentation.pk)
    presentation.session = session
    role = access.panel_role(by, presentation)
    if role is None:
        raise PermissionDenied(_("You are not on the panel for this participant."))
    if not session.is_open:
        raise ValidationError(_("This session is finalised: scores are locked. The chair can reopen it."))
    refuse_if_barred(presentation, by)  # after the session lock: an absence recorded meanwhile is seen
    rubric = session.seminar.rubric
    if rubric.weight_errors():
        raise ValidationError(
            [_("The seminar's rubric cannot be used until its weights add up:"), *rubric.weight_errors()]
        )
    indicators = {i.pk: i for i in RubricIndicator.objects.filter(component__rubric=rubric)}
    errors: dict[str, list[str]] = {}
    values: dict[int, Decimal] = {}
    for indicator_id, raw in scores.items():
        key = f"indicator_{indicator_id}"
        if _as_id(indicator_id) not in indicators:
            errors[key] = [_("This indicator is not part of the seminar's rubric.")]
            continue
        if raw in (None, ""):
            continue
        try:
            values[int(indicator_id)] = _as_score(raw, rubric)
        except ValidationError as error:
            errors[key] = error.messages
    # A remark not given keeps the one saved before; keys may come as text from a form or JSON.
    remarks = {_as_id(i): (text or "").strip() for i, text in (remarks or {}).items()}
    for indicator_id, text in remarks.items():
        if len(text) > REMARK_MAX_LENGTH:
            errors[f"remark_{indicator_id}"] = [
                _("Keep the remark to %(limit)s characters.") % {"limit": REMARK_MAX_LENGTH}
            ]
    if complete:
        for indicator_id, indicator in indicators.items():
            if indicator_id not in values and f"indicator_{indicator_id}" not in errors:
                errors[f"indicator_{indicator_id}"] = [_("Score “%(name)s”.") % {"name": indicator.name}]
    released_before = _was_released(session)
    reason = reason.strip()
    existing = {
        s.indicator_id: s for s in Score.objects.select_for_update().filter(presentation=presentation, scorer=by)
    }
    changes_existing = any(
        i in existing and (existing[i].value != v or existing[i].remark != remarks.get(i, existing[i].remark))
        for i, v in values.items()
    )
    if released_before and changes_existing and not reason:
        errors["reason"] = [_("This session was released before: say why the score changes.")]
    if errors:
        raise ValidationError(errors)

    saved = []
    for indicator_id, value in values.items():
        score = existing.get(indicator_id)
        old_value, old_remark = (score.value, score.remark) if score else (None, "")
        remark = remarks.get(indicator_id, old_remark)
        if score is None:
            try:
                with transaction.atomic():
                    score = Score.objects.create(
                        presentation=presentation,
                        indicator_id=indicator_id,
                        scorer=by,
                        role=role,
                        value=value,
                        remark=remark,
                    )
            except IntegrityError:
                # The same scorer saved from a second device at the same moment: update, never duplicate.
                score = Score.objects.select_for_update().get(
                    presentation=presentation, indicator_id=indicator_id, scorer=by
                )
                old_value, old_remark = score.value, score.remark
                remark = remarks.get(indicator_id, old_remark)
        if score.pk and (old_value != value or old_remark != remark):
            if old_value is not None:
                score.value, score.remark, score.role = value, remark, role
                score.save(update_fields=["value", "remark", "role", "updated_at"])
            ScoreChange.objects.create(
                presentation=presentation,
                indicator_id=indicator_id,
                scorer=by,
                changed_by=by,
                old_value=old_value,
                new_value=value,
                old_remark=old_remark,
                new_remark=remark,
                reason=reason,
                after_release=released_before,
            )
        saved.append(score)
    return saved


@transaction.atomic
def classify_presentation(presentation: Presentation, *, by: User, verdict: str, reason: str) -> Classification:
    """Record an examiner's verdict: innovation or routine work, with a reason."""
    session = SeminarSession.objects.select_for_update().get(pk=presentation.session_id)
    presentation.session = session
    if access.panel_role(by, presentation) != "examiner":
        raise PermissionDenied(_("Only the session's examiners classify projects."))
    if not session.is_open:
        raise ValidationError(_("This session is finalised: scores are locked. The chair can reopen it."))
    refuse_if_barred(presentation, by)
    errors = {}
    if verdict not in Classification.Verdict.values:
        errors["verdict"] = [_("Choose innovation or routine work.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for your verdict.")]
    if errors:
        raise ValidationError(errors)
    classification, _created = Classification.objects.update_or_create(
        presentation=presentation, examiner=by, defaults={"verdict": verdict, "reason": reason.strip()}
    )
    return classification


# --- finalising and reopening -------------------------------------------------------------------


@transaction.atomic
def finalise_session(session: SeminarSession, *, by: User, acknowledge_flags: bool = False) -> SeminarSession:
    """Lock the session's scores and release each result, once every expected sheet is complete (completeness)."""
    session = (
        SeminarSession.objects.select_for_update(of=("self",))
        .select_related("seminar__rubric", "seminar__cohort__organiser__region")
        .get(pk=session.pk)
    )
    if not access.can_chair(by, session):
        raise PermissionDenied(_("Only the chair of the session can finalise it."))
    if not session.is_open:
        raise ValidationError(_("This session is already finalised."))
    panel = panel_of(session)
    gaps = missing_for_finalise(session, panel)
    if gaps:
        raise IncompleteSession(gaps)
    no_shows = panel.no_shows()
    presentations = [p for p in panel.presentations if p.pk not in no_shows]
    results = results_for(presentations)
    unscored = [str(p.enrolment.participant) for p in presentations if results[p.pk].final is None]
    if unscored:
        raise ValidationError(
            _("These participants have no complete result yet: %(names)s.") % {"names": ", ".join(unscored)}
        )
    flagged = [str(p.enrolment.participant) for p in presentations if results[p.pk].flagged]
    if flagged and not acknowledge_flags:
        raise ValidationError(
            {
                "acknowledge_flags": [
                    _("Scorers disagree widely on: %(names)s. Review them and confirm before releasing.")
                    % {"names": ", ".join(flagged)}
                ]
            }
        )
    now = timezone.now()
    session.status, session.finalised_at, session.finalised_by = SeminarSession.Status.FINALISED, now, by
    attribute(session, by=by)
    session.save(update_fields=["status", "finalised_at", "finalised_by"])
    for presentation in presentations:  # without the no-shows: who did not present has no result to release
        presentation.released_at = now
    save_all(presentations, ["released_at"], by=by)
    SessionEvent.objects.create(session=session, kind=SessionEvent.Kind.FINALISED, by=by)
    hooks.run_after_finalise(session, by=by)
    transaction.on_commit(partial(notify_results_released.enqueue, session.pk))
    return session


@transaction.atomic
def reopen_session(session: SeminarSession, *, by: User, reason: str) -> SeminarSession:
    """Unlock a finalised session for corrections; its results are withdrawn until finalised again."""
    session = SeminarSession.objects.select_for_update().get(pk=session.pk)
    if not access.can_chair(by, session):
        raise PermissionDenied(_("Only the chair of the session can reopen it."))
    if session.is_open:
        raise ValidationError(_("This session is open already."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the session is reopened.")]})
    session.status, session.finalised_at, session.finalised_by = SeminarSession.Status.OPEN, None, None
    attribute(session, by=by, reason=reason.strip())
    session.save(update_fields=["status", "finalised_at", "finalised_by"])
    presentations = list(session.presentations.all())
    for presentation in presentations:
        presentation.released_at = None
    save_all(presentations, ["released_at"], by=by, reason=reason.strip())
    SessionEvent.objects.create(session=session, kind=SessionEvent.Kind.REOPENED, by=by, reason=reason.strip())
    hooks.run_after_reopen(session, by=by, reason=reason.strip())
    return session

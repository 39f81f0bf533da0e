"""The chair records who could not score and who did not present, and may withdraw a record while the session is open.

An absence and a score sheet never both stand for the same member and participant: an absence is
refused when the member has already scored, and scoring is refused once the absence is recorded
(services.score_presentation). Reopening keeps every record.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from diklat.history import attribute
from people.models import User

from . import access
from .completeness import panel_of
from .models import Presentation, Score, SeminarSession, SessionAbsence

REASON_MAX_LENGTH = 1000


@transaction.atomic
def record_absence(
    session: SeminarSession,
    *,
    by: User,
    kind: str,
    reason: str,
    member: User | None = None,
    presentation: Presentation | None = None,
) -> SessionAbsence:
    """Record, with a reason, a panel member absent (from a presentation or all) or a participant not presenting."""
    session = (
        SeminarSession.objects.select_for_update(of=("self",))
        .select_related("seminar__rubric", "seminar__cohort__organiser__region")
        .get(pk=session.pk)
    )
    if not access.can_chair(by, session):
        raise PermissionDenied(_("Only the chair of the session records absences."))
    if not session.is_open:
        raise ValidationError(_("This session is finalised: reopen it to record an absence."))
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Give the reason for the absence.")]
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [_("Keep the reason to %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}]
    panel = panel_of(session)
    presentations = {p.pk: p for p in panel.presentations}
    if presentation is not None and presentation.pk not in presentations:
        errors["presentation"] = [_("This participant does not present in this session.")]
    if kind == SessionAbsence.Kind.PARTICIPANT:
        if presentation is None:
            errors.setdefault("presentation", [_("Choose the participant who did not present.")])
        member = None
    elif kind == SessionAbsence.Kind.MEMBER:
        if member is None:
            errors["member"] = [_("Choose the panel member who was absent.")]
        elif presentation is not None and presentation.pk in presentations:
            if member.pk not in {u.pk for u, _r in panel.expected[presentation.pk]}:
                errors["member"] = [_("%(member)s does not score this participant.") % {"member": member}]
        elif presentation is None and member.pk == session.chair_id:
            errors["member"] = [_("The chair chairs the whole session and cannot be recorded absent from it.")]
        elif member.pk not in {u.pk for u in panel.members()}:
            errors["member"] = [_("%(member)s is not an expected scorer in this session.") % {"member": member}]
    else:
        errors["kind"] = [_("Choose a panel member's absence or a participant who did not present.")]
    if not errors:
        errors = _contradicted_by_scores(session, kind, member, presentation)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            absence = SessionAbsence(
                session=session, kind=kind, member=member, presentation=presentation, reason=reason, by=by
            )
            attribute(absence, by=by)
            absence.save()
            return absence
    except IntegrityError:
        raise ValidationError(_("This absence is recorded already.")) from None


def _names(presentations) -> str:
    return ", ".join(str(p.enrolment.participant) for p in presentations)


def _contradicted_by_scores(session, kind, member, presentation) -> dict[str, list[str]]:
    """The scores on record that the absence would contradict: an absent member or a no-show has no sheet."""
    scores = Score.objects.filter(presentation__session=session)
    if presentation is not None:
        scores = scores.filter(presentation=presentation)
    if kind == SessionAbsence.Kind.MEMBER:
        scores = scores.filter(scorer=member)
    scored = list(
        Presentation.objects.filter(pk__in=scores.values("presentation_id"))
        .select_related("enrolment__participant__user")
        .order_by("order")
    )
    if not scored:
        return {}
    if kind == SessionAbsence.Kind.PARTICIPANT:
        scorers = sorted({str(s.scorer) for s in scores.select_related("scorer")})
        message = _(
            "%(participant)s has already been scored by %(scorers)s: a participant who did not present has no sheet."
        )
        return {"presentation": [message % {"participant": _names(scored), "scorers": ", ".join(scorers)}]}
    message = _("%(member)s has already scored %(participants)s: an absent member has no sheet.")
    return {"member": [message % {"member": member, "participants": _names(scored)}]}


@transaction.atomic
def withdraw_absence(absence: SessionAbsence, *, by: User, reason: str = "") -> None:
    """Withdraw a recorded absence while the session is open; its history keeps what it said, who and why."""
    session = SeminarSession.objects.select_for_update(of=("self",)).get(pk=absence.session_id)
    if not access.can_chair(by, session):
        raise PermissionDenied(_("Only the chair of the session withdraws a recorded absence."))
    if not session.is_open:
        raise ValidationError(_("This session is finalised: reopen it to withdraw an absence."))
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": [_("Keep the reason to %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}]}
        )
    absence = SessionAbsence.objects.filter(pk=absence.pk, session=session).first()
    if absence is None:
        raise ValidationError(_("This absence is no longer on record."))
    attribute(absence, by=by, reason=reason)
    absence.delete()


def absence_barring(presentation: Presentation, user: User) -> SessionAbsence | None:
    """What the chair recorded that leaves this user no sheet for this presentation: a no-show, or their absence."""
    return (
        SessionAbsence.objects.no_show(presentation).first()
        or SessionAbsence.objects.of_member(user.pk, presentation).first()
    )


def barred_message(absence: SessionAbsence, presentation: Presentation) -> str:
    """Why the user may not score or classify this presentation, with the recorded reason."""
    names = {"participant": presentation.enrolment.participant, "reason": absence.reason}
    if absence.kind == SessionAbsence.Kind.PARTICIPANT:
        return (
            _("%(participant)s is recorded as not presenting (%(reason)s): there is nothing to score.") % names
            + " "
            + _("The chair can withdraw the record while the session is open.")
        )
    if absence.whole_session:
        message = _("You are recorded absent from this session (%(reason)s): an absent member has no sheet.")
    else:
        message = _("You are recorded absent for %(participant)s (%(reason)s): an absent member has no sheet.")
    return message % names + " " + _("The chair can withdraw the record while the session is open.")


def refuse_if_barred(presentation: Presentation, user: User) -> None:
    """Refuse a score or verdict that a recorded absence contradicts."""
    absence = absence_barring(presentation, user)
    if absence is not None:
        raise ValidationError(barred_message(absence, presentation))

"""The chair records who could not score and who did not present; a record is never removed, not even on reopening."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from people.models import User

from . import access
from .completeness import panel_of
from .models import Presentation, SeminarSession, SessionAbsence

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
        elif member.pk not in {u.pk for u in panel.members()}:
            errors["member"] = [_("%(member)s is not an expected scorer in this session.") % {"member": member}]
    else:
        errors["kind"] = [_("Choose a panel member's absence or a participant who did not present.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return SessionAbsence.objects.create(
                session=session, kind=kind, member=member, presentation=presentation, reason=reason, by=by
            )
    except IntegrityError:
        raise ValidationError(_("This absence is recorded already.")) from None

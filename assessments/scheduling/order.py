"""The order of presentations in a session, and moving a participant to another session of the seminar.

Orders stay 1, 2, 3... without gaps. Renumbering goes through numbers above the current ones first:
the (session, order) pair is unique, and the database checks it row by row.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from diklat.history import save_all
from diklat.models import Enrolment
from people.models import User

from ..models import Presentation, Seminar, SeminarSession
from .announce import announce
from .locks import locked_sessions, refuse_if_locked


def _renumber(session: SeminarSession, presentations: list[Presentation], *, by: User | None) -> None:
    rows = Presentation.objects.filter(session=session)
    top = rows.aggregate(top=Max("order"))["top"] or 0
    rows.update(order=F("order") + top)
    for order, presentation in enumerate(presentations, start=1):
        presentation.order = order
    save_all(presentations, ["order"], by=by)


@transaction.atomic
def set_order(session: SeminarSession, presentation_ids: list[int], *, by: User | None = None) -> list[Presentation]:
    """Put the session's presentations in the order given (every one of them, each once)."""
    (session,) = locked_sessions(session.pk)
    refuse_if_locked(session)
    current = {p.pk: p for p in session.presentations.all()}
    if sorted(presentation_ids) != sorted(current):
        raise ValidationError(_("Give every participant of the session one place in the order."))
    ordered = [current[pk] for pk in presentation_ids]
    _renumber(session, ordered, by=by)
    return ordered


def _step(presentation: Presentation, step: int, by) -> list[Presentation]:
    ids = list(Presentation.objects.filter(session_id=presentation.session_id).values_list("pk", flat=True))
    index = ids.index(presentation.pk)
    other = index + step
    if not 0 <= other < len(ids):
        raise ValidationError(_("This participant is first or last already."))
    ids[index], ids[other] = ids[other], ids[index]
    return set_order(presentation.session, ids, by=by)


def move_up(presentation: Presentation, *, by: User | None = None) -> list[Presentation]:
    return _step(presentation, -1, by)


def move_down(presentation: Presentation, *, by: User | None = None) -> list[Presentation]:
    return _step(presentation, 1, by)


@transaction.atomic
def move_participant(enrolment: Enrolment, to: SeminarSession, *, by: User | None = None) -> Presentation:
    """Present ``enrolment`` in session ``to`` (last in its order), closing the gap left in the session it
    leaves; a participant without a session in the seminar yet is added."""
    if enrolment.cohort_id != to.seminar.cohort_id:
        raise ValidationError({"enrolment": _("This participant is not in the seminar's cohort.")})
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError({"enrolment": _("Only an active participant can be placed in a session.")})
    Seminar.objects.select_for_update().filter(pk=to.seminar_id).first()  # one move of a participant at a time
    presentation = (
        Presentation.objects.filter(enrolment=enrolment, session__seminar_id=to.seminar_id)
        .select_related("session")
        .first()
    )
    if presentation and presentation.session_id == to.pk:
        raise ValidationError({"session": _("The participant presents in this session already.")})
    pks = sorted({to.pk, presentation.session_id} if presentation else {to.pk})
    sessions = {s.pk: s for s in locked_sessions(*pks)}
    to = sessions[to.pk]
    refuse_if_locked(*sessions.values())
    if presentation and presentation.absences.exists():
        raise ValidationError(
            _("The chair recorded an absence for this participant in “%(session)s”: withdraw it first.")
            % {"session": presentation.session.name}
        )
    last = Presentation.objects.filter(session=to).aggregate(last=Max("order"))["last"] or 0
    announce(to.pk)
    if presentation is None:
        return Presentation.objects.create(session=to, enrolment=enrolment, order=last + 1)
    source = sessions[presentation.session_id]
    presentation.session, presentation.order = to, last + 1
    save_all([presentation], ["session", "order"], by=by)
    _renumber(source, list(Presentation.objects.filter(session=source).order_by("order")), by=by)
    return presentation

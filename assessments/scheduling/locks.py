"""When a session's schedule may no longer change: once it is finalised or anyone has scored in it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Score, SeminarSession


def session_lock_reason(session: SeminarSession) -> str | None:
    """Why the session's participants, order and panel are fixed, or None while they may change."""
    if not session.is_open or session.presentations.filter(released_at__isnull=False).exists():
        return _("“%(session)s” is finalised: its schedule and panel can no longer change.") % {"session": session.name}
    if Score.objects.filter(presentation__session=session).exists():
        return _("“%(session)s” has scores already: its schedule and panel can no longer change.") % {
            "session": session.name
        }
    return None


def refuse_if_locked(*sessions: SeminarSession) -> None:
    for session in sessions:
        reason = session_lock_reason(session)
        if reason:
            raise ValidationError(reason)


def locked_sessions(*pks: int) -> list[SeminarSession]:
    """The sessions locked for the change, in id order (two changes never wait on each other crosswise)."""
    rows = SeminarSession.objects.select_for_update(of=("self",)).select_related("seminar").filter(pk__in=pks)
    by_pk = {s.pk: s for s in rows.order_by("pk")}
    return [by_pk[pk] for pk in pks]

"""Who sits or presents in a session is told, once the schedule's change is committed."""

from functools import partial

from django.db import transaction

from ..tasks import notify_session_scheduled


def announce(*session_pks: int) -> None:
    for pk in session_pks:
        transaction.on_commit(partial(notify_session_scheduled.enqueue, pk))

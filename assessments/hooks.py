"""What other apps do when a session is finalised or reopened, registered by name and run in the same transaction.

Not signals: the list is explicit (an app adds its function in its AppConfig.ready), it runs at one
known point of the service, and an error in a hook rolls the whole change back. The official
records (records/) use it to freeze the documents of a finalised session, so that assessments
never imports the app that sits above it.
"""

from collections.abc import Callable

SessionHook = Callable[..., None]

_after_finalise: list[SessionHook] = []
_after_reopen: list[SessionHook] = []


def after_finalise(hook: SessionHook) -> SessionHook:
    """Register ``hook(session, by=user)`` to run at the end of finalise_session, inside its transaction."""
    if hook not in _after_finalise:
        _after_finalise.append(hook)
    return hook


def after_reopen(hook: SessionHook) -> SessionHook:
    """Register ``hook(session, by=user, reason=text)`` to run at the end of reopen_session, inside its transaction."""
    if hook not in _after_reopen:
        _after_reopen.append(hook)
    return hook


def run_after_finalise(session, *, by) -> None:
    for hook in _after_finalise:
        hook(session, by=by)


def run_after_reopen(session, *, by, reason: str) -> None:
    for hook in _after_reopen:
        hook(session, by=by, reason=reason)

"""End a browser session after SESSION_IDLE_TIMEOUT seconds unused, or SESSION_COOKIE_AGE after login.

Django's SESSION_COOKIE_AGE alone would slide: the session is saved here when the activity stamp
moves, and each save restarts Django's expiry. So the login time is kept too and checked here.
"""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LAST_SEEN_KEY = "diklat_last_seen"
STARTED_KEY = "diklat_session_started"
# Saving the session on every request would cost a database write per page; a minute is precise enough.
STAMP_EVERY = 60

logger = logging.getLogger("diklat.security")


def stamp_session(session, now: int | None = None) -> None:
    now = int(time.time()) if now is None else now
    session[STARTED_KEY] = session[LAST_SEEN_KEY] = now


@receiver(user_logged_in, dispatch_uid="diklat.session_timeout.start")
def start_the_clock(sender, request, user, **kwargs):
    """Stamp a browser login at once, so that its first page saves no session (API logins have none)."""
    session = getattr(request, "session", None)
    if session is not None and SESSION_KEY in session:
        stamp_session(session)


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request) -> None:
        session, now = request.session, int(time.time())
        last_seen, started = session.get(LAST_SEEN_KEY), session.get(STARTED_KEY)
        if last_seen is None or started is None:
            stamp_session(session, now)  # a session from before this rule: its clock starts now
        elif now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            minutes = max(1, settings.SESSION_IDLE_TIMEOUT // 60)
            message = ngettext(
                "You were logged out after %(minutes)d minute without activity.",
                "You were logged out after %(minutes)d minutes without activity.",
                minutes,
            )
            self.end(request, "idle", message % {"minutes": minutes})
        elif now - started > settings.SESSION_COOKIE_AGE:
            self.end(request, "too old", _("Your session reached its longest allowed time. Log in again."))
        elif now - last_seen >= STAMP_EVERY:
            session[LAST_SEEN_KEY] = now

    def end(self, request, reason: str, message: str) -> None:
        logger.info("session expired (%s) user=%s", reason, request.user.get_username())
        logout(request)
        messages.info(request, message)

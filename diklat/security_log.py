"""Write logins, logouts, failed logins and lockouts to the "diklat.security" logger.

Django's own auth signals are the one place that sees every login (pages, admin, API token,
tests' force_login alike); these receivers only write a line and change nothing. The line names
the user (or the username that was tried), the address and the path; the time is the record's
(LOGGING prints it). A password never reaches here: Django replaces it in the credentials.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from diklat.client_ip import client_ip

logger = logging.getLogger("diklat.security")
# A username field can hold anything a client sends: cut it, and keep it on one line.
MAX_NAME = 150


def _name(value) -> str:
    return str(value or "-")[:MAX_NAME].replace("\n", " ").replace("\r", " ")


def _where(request) -> tuple[str, str]:
    if request is None:
        return "-", "-"
    return client_ip(request) or "-", getattr(request, "path", "") or "-"


@receiver(user_logged_in, dispatch_uid="diklat.security_log.login")
def log_login(sender, request, user, **kwargs):
    ip, path = _where(request)
    logger.info("login user=%s ip=%s path=%s", _name(user.get_username()), ip, path)


@receiver(user_logged_out, dispatch_uid="diklat.security_log.logout")
def log_logout(sender, request, user, **kwargs):
    ip, path = _where(request)
    logger.info("logout user=%s ip=%s path=%s", _name(user and user.get_username()), ip, path)


@receiver(user_login_failed, dispatch_uid="diklat.security_log.failure")
def log_login_failure(sender, credentials, request=None, **kwargs):
    ip, path = _where(request)
    logger.warning("login failed user=%s ip=%s path=%s", _name(credentials.get("username")), ip, path)


@receiver(user_locked_out, dispatch_uid="diklat.security_log.lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("locked out user=%s ip=%s path=%s", _name(username), ip_address or "-", _where(request)[1])


def log_event(event: str, request, user) -> None:
    """A security event of an account that no auth signal announces (a password changed or reset)."""
    ip, path = _where(request)
    logger.info("%s user=%s ip=%s path=%s", event, _name(user.get_username()), ip, path)

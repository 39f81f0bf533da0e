"""Settings of login protection, API tokens, sessions and e-mail, read from the environment.

diklat/settings.py imports every name of this module; they live apart so that the settings module
stays readable. Each default suits a development machine and a small production alike.
"""

import os
from datetime import timedelta


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# --- login protection (django-axes) -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked (django-axes).
    "people.auth_backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = _int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_int("LOGIN_COOLOFF_MINUTES", 15))
# Two separate counts: one account tried from many addresses, and one address trying many accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success does not wipe the count: otherwise an attacker who owns one account could interleave its
# login with guesses at others from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "people.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "diklat.client_ip.client_ip"
# A successful login is written to the security log (diklat.security_log) instead of a table per login.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Reverse proxies in front of the app (nginx: 1): the client's address is then read from X-Forwarded-For,
# which only a proxy we trust may set. 0 reads the socket's address.
NUM_PROXIES = _int("DJANGO_NUM_PROXIES", 0)

# --- API tokens (django-rest-knox) --------------------------------------------------------------------
REST_KNOX = {
    # 12 hours: one morning login covers a whole capacity-building day (tasks from 07:00 to 17:00 local
    # time, with the trip there), and a token copied from a phone is dead by the next morning.
    "TOKEN_TTL": timedelta(hours=_int("API_TOKEN_TTL_HOURS", 12)),
    # No sliding expiry: a stolen token in constant use must still die.
    "AUTO_REFRESH": False,
    # Phone, laptop and a script at once; past that a client is leaking tokens.
    "TOKEN_LIMIT_PER_USER": _int("API_TOKEN_LIMIT_PER_USER", 10),
}
API_THROTTLE_RATES = {
    # Per address. The token endpoint's limit also bounds how many token rows one address can create.
    "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
    "auth_token": os.environ.get("API_THROTTLE_TOKEN", "10/minute"),
}

# --- sessions -----------------------------------------------------------------------------------------
# Absolute: however active, a browser logs in again after this (12 hours: one working day).
SESSION_COOKIE_AGE = _int("DJANGO_SESSION_MAX_AGE", 12 * 3600)
# Idle: a session unused this long ends (diklat.session_timeout), e.g. on a shared office computer.
SESSION_IDLE_TIMEOUT = _int("DJANGO_SESSION_IDLE_TIMEOUT", 30 * 60)

# --- e-mail (password reset) --------------------------------------------------------------------------
# Django 6.1's MAILERS (the EMAIL_* settings are deprecated). EMAIL_HOST names the SMTP server; without it
# a development machine prints mail to the console, and production (DJANGO_DEBUG=0, read as settings.py
# reads it) hands it to the local mail server on port 25, as Django always did: `check --deploy` refuses
# the console there. Port 587 with STARTTLS for a named host; EMAIL_USE_SSL=1 (port 465) for implicit TLS.
_debug = os.environ.get("DJANGO_DEBUG", "1").strip().lower() in {"1", "true", "yes", "on"}
_email_host = os.environ.get("EMAIL_HOST", "" if _debug else "localhost")
_email_local = _email_host == "localhost" and "EMAIL_HOST" not in os.environ
_email_ssl = os.environ.get("EMAIL_USE_SSL", "0") == "1"
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _int("EMAIL_PORT", 25 if _email_local else 465 if _email_ssl else 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_ssl": _email_ssl,
                "use_tls": not _email_ssl and os.environ.get("EMAIL_USE_TLS", "0" if _email_local else "1") == "1",
                "timeout": _int("EMAIL_TIMEOUT", 10),
            },
        }
        if _email_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Diklat Tracker <noreply@localhost>")
# A reset link is as good as the password while it lives: one hour.
PASSWORD_RESET_TIMEOUT = _int("PASSWORD_RESET_TIMEOUT", 3600)
# An invitation (organise.invitations) reaches people who may open their mail days later: two weeks.
INVITATION_VALID_DAYS = _int("INVITATION_VALID_DAYS", 14)

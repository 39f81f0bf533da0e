"""The lockout check in front of the password check (AUTHENTICATION_BACKENDS' first entry)."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check of every login that comes with a request.

    A call without one (a management command, a script, the test client's login()) has no client
    whose failures could be counted, and django-axes would raise on it. Every login a client can
    reach passes its request: the login page, the admin login and the token endpoint
    (tests/accounts/test_lockout.py locks out each one).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

"""The invitation link's token: a password-reset token with its own salt and a lifetime in days."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


def lifetime() -> timedelta:
    return timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Valid for INVITATION_VALID_DAYS, and once: setting the password changes the hash the token signs.

    Its own salt keeps an invitation from serving as a password-reset link, and a reset link (valid an
    hour) from serving as an invitation. The address is signed too: a link mailed to an address that
    staff have since corrected stops working.
    """

    key_salt = "organise.invitations.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.email}"

    def check_token(self, user, token):
        # The base class measures the age against PASSWORD_RESET_TIMEOUT; an invitation lives for days.
        if not (user and token):
            return False
        try:
            stamp, _hash = token.split("-")
            issued = base36_to_int(stamp)
        except ValueError:
            return False
        if self._num_seconds(self._now()) - issued > lifetime().total_seconds():
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, issued, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()

"""Every change to a user's API tokens: issue one per login, revoke one or all."""

from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from .models import User


@transaction.atomic
def issue_api_token(user: User) -> tuple[AuthToken, str]:
    """Create a new token for a login (expiring after REST_KNOX TOKEN_TTL); return it and its secret.

    Past TOKEN_LIMIT_PER_USER live tokens the oldest are revoked, so a client that never logs out
    cannot pile them up; expired ones are removed on the way.
    """
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    instance, secret = AuthToken.objects.create(user=user)
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit:
        keep = AuthToken.objects.filter(user=user).order_by("-created", "-pk").values_list("pk", flat=True)[:limit]
        AuthToken.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
    return instance, secret


def revoke_api_token(token: AuthToken) -> None:
    """End one token (the API logout)."""
    token.delete()


def revoke_api_tokens(user: User) -> int:
    """End every token of the user (logout everywhere, a changed or reset password); return how many."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    return count

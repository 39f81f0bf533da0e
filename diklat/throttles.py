"""API rate limits for requests without a user, and a stricter one for the token endpoint."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class RateFromSettingsMixin:
    """Read the rate on each request: DRF binds THROTTLE_RATES at import, so a changed setting (a test's
    `settings` fixture, for one) would otherwise never be seen. A scope without a rate is not throttled."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(RateFromSettingsMixin, AnonRateThrottle):
    """Requests without a user, per address (REST_FRAMEWORK DEFAULT_THROTTLE_RATES["anon"])."""


class TokenEndpointThrottle(RateFromSettingsMixin, AnonRateThrottle):
    """Username-and-password exchanges for a token, per address (DEFAULT_THROTTLE_RATES["auth_token"])."""

    scope = "auth_token"

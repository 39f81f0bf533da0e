"""DRF throttling: the token endpoint and requests without a user have a rate; signed-in users do not."""

import pytest

from .conftest import PASSWORD, ask_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    return set_rates


def test_the_default_rates_come_from_the_settings(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"anon": "60/minute", "auth_token": "10/minute"}


def test_the_token_endpoint_refuses_requests_past_its_rate(api_client, user, rates):
    rates(anon=None, auth_token="2/minute")
    assert ask_token(api_client, user.username, PASSWORD).status_code == 200
    assert ask_token(api_client, user.username, PASSWORD).status_code == 200
    refused = ask_token(api_client, user.username, PASSWORD)
    assert refused.status_code == 429
    assert "Request was throttled" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0


def test_the_token_rate_counts_per_address(api_client, user, rates):
    rates(anon=None, auth_token="1/minute")
    assert ask_token(api_client, user.username, PASSWORD, address="10.0.0.1").status_code == 200
    assert ask_token(api_client, user.username, PASSWORD, address="10.0.0.2").status_code == 200
    assert ask_token(api_client, user.username, PASSWORD, address="10.0.0.1").status_code == 429


def test_anonymous_requests_are_throttled(api_client, rates):
    rates(anon="1/minute", auth_token=None)
    assert api_client.get("/api/schema/").status_code == 200
    assert api_client.get("/api/schema/").status_code == 429


def test_a_signed_in_user_is_not_throttled_by_the_anonymous_rate(api_client, participant, rates):
    rates(anon="1/minute", auth_token=None)
    api_client.force_authenticate(participant.user)
    assert {api_client.get("/api/projects/").status_code for _ in range(3)} == {200}


def test_behind_a_proxy_the_forwarded_address_is_the_clients(api_client, user, rates, settings):
    settings.NUM_PROXIES = 1
    rates(anon=None, auth_token="1/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def ask(forwarded_for):
        return api_client.post(
            "/api/auth/token/",
            {"username": user.username, "password": PASSWORD},
            format="json",
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    assert ask("203.0.113.7").status_code == 200
    assert ask("203.0.113.8").status_code == 200
    # A client cannot choose its address: only the entry our proxy appended counts.
    assert ask("198.51.100.1, 203.0.113.7").status_code == 429

"""Fixtures for the account tests: a user with an e-mail address, and a few ways to log in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F

from tests import factories

PASSWORD = "rahasia-uji-123"  # the factories' password
LOGIN_URL = "/accounts/login/"
TOKEN_URL = "/api/auth/token/"


@pytest.fixture
def user(db):
    return factories.UserFactory(username="siti", email="siti@bpsdm.example.go.id", full_name="Siti Rahayu")


@pytest.fixture(autouse=True)
def _english_api(api_client):
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def ask_token(api_client, username, password, address="127.0.0.1"):
    return api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address)


def move_failures_back(minutes: int) -> None:
    """Let time pass for django-axes: its attempts look `minutes` older."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))

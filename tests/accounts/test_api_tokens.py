"""API tokens (django-rest-knox): one per login, they expire, and logging out revokes them."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.models import AuthToken

from .conftest import PASSWORD, ask_token

pytestmark = pytest.mark.django_db


def issued(api_client, user) -> str:
    response = ask_token(api_client, user.username, PASSWORD)
    assert response.status_code == 200
    return response.json()["token"]


def projects_with(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api_client.get("/api/projects/")


def test_a_token_expires_twelve_hours_after_login(api_client, user):
    response = ask_token(api_client, user.username, PASSWORD)
    expiry = parse_datetime(response.json()["expiry"])
    assert timedelta(hours=11, minutes=59) < expiry - timezone.now() <= timedelta(hours=12)


def test_the_token_is_stored_only_as_a_hash(api_client, user):
    token = issued(api_client, user)
    stored = AuthToken.objects.get(user=user)
    assert token != stored.digest and token not in stored.digest


def test_a_fresh_token_opens_the_api(api_client, user):
    assert projects_with(api_client, issued(api_client, user)).status_code == 200


def test_an_expired_token_is_refused(api_client, user):
    token = issued(api_client, user)
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    response = projects_with(api_client, token)
    assert response.status_code in (401, 403)
    assert response.json()["detail"] == "Invalid token."
    assert not AuthToken.objects.filter(user=user).exists()  # knox removes it on sight


def test_logging_out_revokes_the_token(api_client, user):
    token = issued(api_client, user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.post("/api/auth/logout/").status_code == 204
    assert projects_with(api_client, token).status_code in (401, 403)


def test_logging_out_ends_only_that_device_and_logout_all_ends_every_one(api_client, user):
    phone, laptop, tablet = issued(api_client, user), issued(api_client, user), issued(api_client, user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {phone}")
    api_client.post("/api/auth/logout/")
    assert projects_with(api_client, laptop).status_code == 200
    api_client.post("/api/auth/logout-all/")
    assert projects_with(api_client, laptop).status_code in (401, 403)
    assert projects_with(api_client, tablet).status_code in (401, 403)


def test_logging_out_needs_a_token(api_client, participant):
    api_client.force_login(participant.user)
    assert api_client.post("/api/auth/logout/").status_code in (401, 403)


def test_logging_in_again_issues_a_new_token(api_client, user):
    first = issued(api_client, user)
    second = issued(api_client, user)
    assert first != second
    assert AuthToken.objects.filter(user=user).count() == 2


def test_a_revoked_token_stays_revoked_after_logging_in_again(api_client, user):
    old = issued(api_client, user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    api_client.post("/api/auth/logout/")
    new = issued(api_client, user)
    assert projects_with(api_client, new).status_code == 200
    assert projects_with(api_client, old).status_code in (401, 403)


def test_the_oldest_tokens_are_revoked_past_the_limit_per_user(api_client, user, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    oldest = issued(api_client, user)
    issued(api_client, user)
    newest = issued(api_client, user)
    assert AuthToken.objects.filter(user=user).count() == 2
    assert projects_with(api_client, oldest).status_code in (401, 403)
    assert projects_with(api_client, newest).status_code == 200


def test_an_inactive_user_gets_no_token(api_client, user):
    user.is_active = False
    user.save()
    assert ask_token(api_client, user.username, PASSWORD).status_code == 400
    assert not AuthToken.objects.exists()


def test_a_presented_token_does_not_replace_the_password(api_client, user):
    token = issued(api_client, user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.post("/api/auth/token/", {"username": user.username}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_an_old_style_token_without_expiry_no_longer_works(api_client, user):
    assert projects_with(api_client, "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b").status_code in (401, 403)


def test_the_schema_documents_login_and_logout(api_client):
    paths = yaml.safe_load(api_client.get("/api/schema/").content)["paths"]
    token = paths["/api/auth/token/"]["post"]
    assert {"200", "400", "429"} <= set(token["responses"])
    assert "/api/auth/logout/" in paths and "/api/auth/logout-all/" in paths

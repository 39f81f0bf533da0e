"""Headers on every response: a Permissions-Policy; no-store on what a signed-in user is shown."""

import pytest
from django.test import Client
from knox.models import AuthToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(participant):
    client = Client()
    client.force_login(participant.user)
    return client


def test_every_response_carries_a_permissions_policy_that_turns_off_unused_features(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_a_signed_in_page_is_not_stored(signed_in, project):
    response = signed_in.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_session_api_response_is_not_stored(signed_in):
    response = signed_in.get("/api/projects/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_token_api_response_is_not_stored(participant):
    _instance, token = AuthToken.objects.create(user=participant.user)
    response = Client().get("/api/projects/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_error_answered_to_a_signed_in_user_is_not_stored_either(signed_in):
    assert "no-store" in signed_in.get("/api/no-such-thing/")["Cache-Control"]


def test_the_public_verify_page_for_an_anonymous_visitor_is_not_marked_no_store(client):
    response = client.get("/verify/ABCDEFGHJKLM/")
    assert response.status_code == 404
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_view_that_chose_its_own_caching_keeps_it(rf, participant):
    """Charts are private and revalidated by ETag: their 304s need the browser to keep a copy."""
    from django.http import HttpResponse
    from django.views.decorators.cache import cache_control

    from diklat.security_headers import PrivateResponsesMiddleware

    request = rf.get("/reports/charts/projects-by-status.svg")
    request.user = participant.user
    view = cache_control(private=True, no_cache=True)(lambda request: HttpResponse())
    response = PrivateResponsesMiddleware(view)(request)
    assert response["Cache-Control"] in {"private, no-cache", "no-cache, private"}


@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
def test_static_files_are_not_marked_no_store(request, settings, who):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client() if who == "anonymous" else request.getfixturevalue("signed_in")
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

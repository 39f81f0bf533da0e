"""A browser session ends after SESSION_IDLE_TIMEOUT unused, and SESSION_COOKIE_AGE after login at the latest."""

import time

import pytest

from diklat.session_timeout import LAST_SEEN_KEY, STARTED_KEY

pytestmark = pytest.mark.django_db


def age_session(client, *, idle: int = 0, since_login: int = 0) -> None:
    """Make the session look as if it was last used `idle` seconds ago and began `since_login` ago."""
    session = client.session
    session[LAST_SEEN_KEY] -= idle
    session[STARTED_KEY] -= max(since_login, idle)
    session.save()


def test_the_defaults_are_thirty_minutes_idle_and_twelve_hours_in_all(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_login_starts_the_clock(client, user):
    client.force_login(user)
    assert abs(client.session[LAST_SEEN_KEY] - time.time()) < 5
    assert client.session[STARTED_KEY] == client.session[LAST_SEEN_KEY]


def test_a_session_used_within_the_idle_time_stays(client, user):
    client.force_login(user)
    age_session(client, idle=29 * 60)
    assert client.get("/profile/").status_code == 200


def test_a_session_idle_too_long_is_logged_out_with_a_message(client, user):
    client.force_login(user)
    age_session(client, idle=31 * 60)
    response = client.get("/profile/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "You were logged out after 30 minutes without activity." in response.text
    assert "_auth_user_id" not in client.session


def test_each_use_moves_the_idle_clock(client, user):
    client.force_login(user)
    age_session(client, idle=20 * 60)
    client.get("/profile/")
    age_session(client, idle=20 * 60)  # 40 minutes since login, 20 since the last page
    assert client.get("/profile/").status_code == 200


def test_the_stamp_is_not_written_on_every_request(client, user):
    client.force_login(user)
    stamp = client.session[LAST_SEEN_KEY]
    client.get("/profile/")
    assert client.session[LAST_SEEN_KEY] == stamp


def test_a_busy_session_still_ends_at_the_absolute_age(client, user):
    client.force_login(user)
    age_session(client, idle=60, since_login=12 * 3600 + 1)
    response = client.get("/profile/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Your session reached its longest allowed time." in response.text


def test_the_idle_time_is_a_setting(client, user, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(user)
    age_session(client, idle=61)
    response = client.get("/profile/", follow=True)
    assert "You were logged out after 1 minute without activity." in response.text


def test_the_idle_message_is_in_indonesian_by_default(client, user, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(user)
    age_session(client, idle=31 * 60)
    assert "Anda dikeluarkan setelah 30 menit tanpa aktivitas." in client.get("/profile/", follow=True).text


def test_an_idle_session_no_longer_opens_the_api(api_client, user):
    api_client.force_login(user)
    age_session(api_client, idle=31 * 60)
    assert api_client.get("/api/projects/").status_code in (401, 403)


def test_a_session_from_before_the_rule_gets_its_clock_on_the_next_request(client, user):
    client.force_login(user)
    session = client.session
    del session[LAST_SEEN_KEY], session[STARTED_KEY]
    session.save()
    assert client.get("/profile/").status_code == 200
    assert LAST_SEEN_KEY in client.session and STARTED_KEY in client.session

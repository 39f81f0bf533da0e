"""Logins, logouts, failures and lockouts reach the "diklat.security" logger: user and address, never a password."""

import logging

import pytest

from diklat.session_timeout import LAST_SEEN_KEY

from .conftest import PASSWORD, ask_token, log_in

pytestmark = pytest.mark.django_db

SECRET = "salah-Rahasia-99"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="diklat.security")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "diklat.security"]


def test_a_login_is_logged_with_user_and_address(client, user, security_log):
    log_in(client, user.username, PASSWORD, address="10.3.3.3")
    assert "login user=siti ip=10.3.3.3 path=/accounts/login/" in security_log()


def test_a_failed_login_is_logged_without_the_password(client, user, security_log, caplog):
    log_in(client, user.username, SECRET, address="10.3.3.3")
    assert "login failed user=siti ip=10.3.3.3 path=/accounts/login/" in security_log()
    assert SECRET not in caplog.text


def test_a_logout_is_logged(client, user, security_log):
    log_in(client, user.username, PASSWORD)
    client.post("/accounts/logout/")
    assert "logout user=siti ip=127.0.0.1 path=/accounts/logout/" in security_log()


def test_a_lockout_is_logged(client, user, security_log, caplog):
    for _ in range(5):
        log_in(client, user.username, SECRET, address="10.4.4.4")
    assert "locked out user=siti ip=10.4.4.4 path=/accounts/login/" in security_log()
    assert SECRET not in caplog.text


def test_the_token_endpoint_logs_success_and_failure(api_client, user, security_log, caplog):
    ask_token(api_client, user.username, SECRET)
    ask_token(api_client, user.username, PASSWORD)
    lines = security_log()
    assert "login failed user=siti ip=127.0.0.1 path=/api/auth/token/" in lines
    assert "login user=siti ip=127.0.0.1 path=/api/auth/token/" in lines
    assert SECRET not in caplog.text and PASSWORD not in caplog.text


def test_an_idle_timeout_is_logged(client, user, security_log):
    client.force_login(user)
    session = client.session
    session[LAST_SEEN_KEY] -= 3600
    session.save()
    client.get("/profile/")
    assert "session expired (idle) user=siti" in security_log()


def test_a_username_cannot_forge_a_log_line(client, security_log):
    log_in(client, "siti\nlogin user=admin", SECRET)
    assert not any(line.startswith("login user=admin") for line in security_log())
    assert all("\n" not in line for line in security_log())


def test_the_log_lines_carry_their_time(settings):
    assert "%(asctime)s" in settings.LOGGING["formatters"]["timed"]["format"]
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "timed"


def test_a_password_change_is_logged(client, user, security_log):
    client.force_login(user)
    new = "Sandi-Baru-Makassar-2027"
    client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert "password changed user=siti ip=127.0.0.1 path=/accounts/password/" in security_log()


def test_a_reset_request_is_logged_without_the_address(client, user, security_log, caplog):
    client.post("/accounts/password/reset/", {"email": user.email})
    assert "password reset requested user=- ip=127.0.0.1 path=/accounts/password/reset/" in security_log()
    assert user.email not in caplog.text

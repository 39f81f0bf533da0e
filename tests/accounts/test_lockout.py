"""django-axes: the login page, the admin login and the token endpoint lock out after N failures, and let in again."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core.management import call_command

from tests import factories

from .conftest import PASSWORD, ask_token, log_in, move_failures_back

pytestmark = pytest.mark.django_db


def fail(client, username, times, address="127.0.0.1"):
    return [log_in(client, username, "salah", address) for _ in range(times)]


def test_the_defaults_are_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_failures_below_the_limit_only_show_the_form_again(client, user):
    responses = fail(client, user.username, 4)
    assert {response.status_code for response in responses} == {200}
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_the_fifth_failure_locks_the_account_with_a_clear_message(client, user):
    *_, fifth = fail(client, user.username, 5)
    assert fifth.status_code == 429
    assert "Too many failed login attempts. Wait 15 minutes" in fifth.text
    assert fifth["Retry-After"] == "900"
    assert 'href="/accounts/password/reset/"' in fifth.text


def test_the_lockout_message_is_in_indonesian_by_default(client, user, settings):
    settings.LANGUAGE_CODE = "id"
    *_, fifth = fail(client, user.username, 5)
    assert "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit" in fifth.text


def test_a_locked_account_refuses_even_the_right_password(client, user):
    fail(client, user.username, 5)
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_every_address(client, user):
    for n in range(5):
        log_in(client, user.username, "salah", address=f"10.0.0.{n}")
    assert log_in(client, user.username, PASSWORD, address="10.9.9.9").status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(client, user):
    for n in range(5):
        log_in(client, f"tebakan{n}", "salah", address="10.1.1.1")
    assert log_in(client, user.username, PASSWORD, address="10.1.1.1").status_code == 429
    assert log_in(client, user.username, PASSWORD, address="10.2.2.2").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, user):
    fail(client, user.username, 5)
    move_failures_back(minutes=16)
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_the_lockout_has_not_ended_before_the_cool_off(client, user):
    fail(client, user.username, 5)
    move_failures_back(minutes=14)
    assert log_in(client, user.username, PASSWORD).status_code == 429


def test_the_limit_and_the_cool_off_are_settings(client, user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    *_, second = fail(client, user.username, 2)
    assert second.status_code == 429


def test_the_admin_login_is_locked_out_too(client, db):
    admin = factories.UserFactory(username="admin-bpsdm", is_staff=True, is_superuser=True)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": admin.username, "password": "salah"})
    assert response.status_code == 429
    response = client.post("/admin/login/?next=/admin/", {"username": admin.username, "password": PASSWORD})
    assert response.status_code == 429


def test_staff_unlock_an_account_with_a_management_command(client, user):
    fail(client, user.username, 5)
    call_command("axes_reset_username", user.username)
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_staff_unlock_an_account_by_deleting_its_attempts_in_the_admin(client, admin_client, user):
    fail(client, user.username, 5)
    attempt = AccessAttempt.objects.get(username=user.username)
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_no_password_is_stored_with_the_attempts(client, user):
    fail(client, user.username, 2)
    attempt = AccessAttempt.objects.get(username=user.username)
    assert "salah" not in attempt.post_data


# --- the token endpoint -----------------------------------------------------------------------------


def test_the_token_endpoint_refuses_wrong_passwords_with_400_below_the_limit(api_client, user):
    assert [ask_token(api_client, user.username, "salah").status_code for _ in range(4)] == [400] * 4


def test_the_token_endpoint_locks_out_with_a_429_json_message(api_client, user):
    *_, fifth = [ask_token(api_client, user.username, "salah") for _ in range(5)]
    assert fifth.status_code == 429
    assert fifth.json()["detail"].startswith("Too many failed login attempts. Wait 15 minutes")
    assert fifth["Retry-After"] == "900"
    assert ask_token(api_client, user.username, PASSWORD).status_code == 429


def test_failures_on_the_page_and_the_api_add_up(client, api_client, user):
    fail(client, user.username, 3)
    ask_token(api_client, user.username, "salah")
    assert ask_token(api_client, user.username, "salah").status_code == 429
    assert log_in(client, user.username, PASSWORD).status_code == 429


def test_the_token_endpoint_lets_in_again_after_the_cool_off(api_client, user):
    for _ in range(5):
        ask_token(api_client, user.username, "salah")
    move_failures_back(minutes=16)
    response = ask_token(api_client, user.username, PASSWORD)
    assert response.status_code == 200
    assert response.json()["token"]


def test_code_that_logs_in_without_a_request_is_not_counted_nor_refused(user):
    for _ in range(6):
        assert authenticate(username=user.username, password="salah") is None
    assert authenticate(username=user.username, password=PASSWORD) == user
    assert not AccessAttempt.objects.exists()


def test_a_locked_account_is_still_refused_to_a_request(client, user, rf):
    fail(client, user.username, 5)
    assert authenticate(rf.post("/accounts/login/"), username=user.username, password=PASSWORD) is None

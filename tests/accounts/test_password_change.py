"""Every user changes their own password from the profile page; the old one and its API tokens stop working."""

import pytest
from django.test import Client
from knox.models import AuthToken

from tests import factories

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

CHANGE_URL = "/accounts/password/"
NEW_PASSWORD = "Sandi-Baru-Makassar-2027"


def change(client, old, new1, new2=None):
    return client.post(CHANGE_URL, {"old_password": old, "new_password1": new1, "new_password2": new2 or new1})


def test_the_profile_page_links_to_the_password_change(client, user):
    client.force_login(user)
    assert f'href="{CHANGE_URL}"' in client.get("/profile/").text


@pytest.mark.parametrize("role", ["participant", "mentor", "organiser_staff", "stranger"])
def test_every_role_can_open_the_password_change_page(client, role, request):
    person = request.getfixturevalue(role)
    client.force_login(getattr(person, "user", person))
    response = client.get(CHANGE_URL)
    assert response.status_code == 200
    assert 'name="viewport"' in response.text and 'name="old_password"' in response.text


def test_the_page_is_indonesian_by_default(client, user, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(user)
    assert "Ubah sandi" in client.get(CHANGE_URL).text


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(CHANGE_URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_password_change_end_to_end(client, user):
    log_in(client, user.username, PASSWORD)
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/accounts/password/done/"
    assert "Your password has been changed" in client.get(response["Location"]).text
    assert client.get("/profile/").status_code == 200  # this browser stays logged in
    client.logout()
    assert log_in(client, user.username, PASSWORD).status_code == 200  # the old one is refused
    assert log_in(client, user.username, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_is_refused(client, user):
    client.force_login(user)
    response = change(client, "salah", NEW_PASSWORD)
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_two_different_new_passwords_are_refused(client, user):
    client.force_login(user)
    response = change(client, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert "new_password2" in response.context["form"].errors


def test_a_weak_new_password_is_refused(client, user):
    client.force_login(user)
    response = change(client, PASSWORD, "12345678")
    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_change_revokes_the_users_api_tokens_only(client, user):
    AuthToken.objects.create(user=user)
    other = factories.UserFactory()
    AuthToken.objects.create(user=other)
    client.force_login(user)
    change(client, PASSWORD, NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=user).exists()
    assert AuthToken.objects.filter(user=other).exists()


def test_other_browsers_of_the_user_are_logged_out(client, user):
    other_browser = Client()
    other_browser.force_login(user)
    client.force_login(user)
    change(client, PASSWORD, NEW_PASSWORD)
    assert other_browser.get("/profile/").status_code == 302

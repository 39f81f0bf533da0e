"""A forgotten password is reset through a link mailed to the account's address (Django's views)."""

import re
import smtplib

import pytest
from django.core.mail.backends import locmem
from knox.models import AuthToken

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

RESET_URL = "/accounts/password/reset/"
NEW_PASSWORD = "Sandi-Baru-Makassar-2027"


def mailed_link(mail) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.body).group(1)


def test_the_login_page_offers_forgot_your_password(client, settings):
    settings.LANGUAGE_CODE = "id"
    page = client.get("/accounts/login/").text
    assert f'<a href="{RESET_URL}">Lupa sandi?</a>' in page


def test_a_password_reset_end_to_end(client, user, mailoutbox):
    response = client.post(RESET_URL, {"email": user.email})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert mail.subject == "Reset your Diklat Tracker password"
    assert "Siti Rahayu" in mail.body and "Your username: siti" in mail.body and "60 minutes" in mail.body
    form = client.get(mailed_link(mail), follow=True)
    assert form.context["validlink"]
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    assert log_in(client, user.username, NEW_PASSWORD).status_code == 302


def test_the_mail_is_in_indonesian_by_default(client, user, mailoutbox, settings):
    settings.LANGUAGE_CODE = "id"
    client.post(RESET_URL, {"email": user.email})
    assert mailoutbox[0].subject == "Atur ulang sandi Diklat Tracker Anda"
    assert "Nama pengguna Anda: siti" in mailoutbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, user, mailoutbox):
    response = client.post(RESET_URL, {"email": "bukan-siapa-siapa@example.go.id"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert mailoutbox == []


def test_an_inactive_account_gets_no_mail(client, user, mailoutbox):
    user.is_active = False
    user.save()
    client.post(RESET_URL, {"email": user.email})
    assert mailoutbox == []


def test_a_link_works_only_once(client, user, mailoutbox):
    client.post(RESET_URL, {"email": user.email})
    link = mailed_link(mailoutbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert "This link is no longer valid" in again.text


def test_a_forged_link_is_refused(client, user):
    response = client.get("/accounts/password/reset/MQ/abc-123/", follow=True)
    assert not response.context["validlink"]


def test_an_expired_link_is_refused(client, user, mailoutbox, settings):
    client.post(RESET_URL, {"email": user.email})
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert not client.get(mailed_link(mailoutbox[0]), follow=True).context["validlink"]


def test_mismatched_new_passwords_are_refused_and_the_old_one_stays(client, user, mailoutbox):
    client.post(RESET_URL, {"email": user.email})
    form = client.get(mailed_link(mailoutbox[0]), follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": "lain"})
    assert response.status_code == 200 and "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_reset_revokes_the_api_tokens(client, user, mailoutbox):
    AuthToken.objects.create(user=user)
    client.post(RESET_URL, {"email": user.email})
    form = client.get(mailed_link(mailoutbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not AuthToken.objects.filter(user=user).exists()


def test_a_mail_server_that_fails_gets_the_usual_answer_and_a_logged_error(client, user, monkeypatch, caplog):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    response = client.post(RESET_URL, {"email": user.email})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert f"Failed to send password reset email to {user.pk}" in caplog.text

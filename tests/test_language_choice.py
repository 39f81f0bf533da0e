"""English only for whoever picks it: on the switch, on the profile, remembered on the account."""

import pytest
from django.test import Client
from django.utils import translation

from people.models import User
from tests import factories
from tests.untranslated import recording_misses, untranslated_on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian_by_default(settings):
    settings.LANGUAGE_CODE = "id"


def test_the_switch_keeps_the_choice_on_the_account_for_the_next_device(client):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/profile/"})
    assert response.status_code == 302 and response["Location"] == "/profile/"
    user.refresh_from_db()
    assert user.language == "en"

    another_phone = Client()
    another_phone.force_login(user)
    assert 'lang="en"' in another_phone.get("/profile/").text


def test_the_switch_before_logging_in_holds_on_this_browser_only(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").text
    assert "Masuk" in Client().get("/accounts/login/").text


def test_a_language_not_offered_changes_nothing(client):
    user = factories.UserFactory()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""
    assert 'lang="id"' in client.get("/profile/").text


def test_the_switch_only_answers_a_post(client):
    assert client.get("/i18n/setlang/?language=en").status_code == 405


def test_the_account_choice_wins_over_the_cookie_of_an_earlier_visitor(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(factories.UserFactory(language="id"))
    assert 'lang="id"' in client.get("/profile/").text


def test_picking_indonesian_on_the_profile_undoes_an_english_cookie(client, settings):
    user = factories.UserFactory(language="en")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/profile/", {"time_zone": "", "language": ""}, follow=True)
    user.refresh_from_db()
    assert user.language == ""
    assert 'lang="id"' in response.text
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"


def test_the_profile_refuses_a_language_not_offered(client):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post("/profile/", {"time_zone": "", "language": "fr"})
    assert response.status_code == 400
    assert "fr" in response.text and 'name="language"' in response.text
    user.refresh_from_db()
    assert user.language == ""


def test_the_database_refuses_a_language_not_offered():
    user = factories.UserFactory()
    with pytest.raises(Exception, match="user_language_is_offered"):
        User.objects.filter(pk=user.pk).update(language="fr")


def test_the_api_still_follows_accept_language(api_client, project):
    api_client.force_authenticate(project.participant.user)
    response = api_client.post(f"/api/projects/{project.pk}/approve/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You may not do this to this project." in str(response.json())
    assert "Accept-Language" in response["Vary"]


def test_a_message_missing_from_the_catalogue_is_caught_and_only_where_it_is_shown():
    with recording_misses() as misses, translation.override("id"):
        translation.gettext("A sentence nobody translated")
        translation.gettext("Log in")
        translation.ngettext("%(n)s stray apple", "%(n)s stray apples", 2)
    assert misses == {"A sentence nobody translated", "%(n)s stray apple", "%(n)s stray apples"}
    page = "<p>A sentence nobody translated</p><p>3 stray apples</p>"
    assert untranslated_on(page, misses) == {"A sentence nobody translated", "%(n)s stray apples"}

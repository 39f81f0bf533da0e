"""Indonesian is the default language, English is available, and every message is translated."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests import factories

PO_FILE = Path(django_settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def po_entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, first msgstr) of every entry but the header; enough of the PO grammar for our file."""
    entries, msgid, msgstr, current = [], None, None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            msgid, current = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            current = "plural"
        elif re.match(r"msgstr(\[0\])? ", line):
            msgstr, current = ast.literal_eval(line.split(" ", 1)[1]), "str"
        elif re.match(r"msgstr\[\d+\] ", line):
            current = "other"
        elif line.startswith('"'):
            if current == "id":
                msgid += ast.literal_eval(line)
            elif current == "str":
                msgstr += ast.literal_eval(line)
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((msgid, msgstr))
            msgid = msgstr = current = None
    return entries


def test_the_configured_default_language_is_indonesian_with_english_available():
    source = (Path(django_settings.BASE_DIR) / "diklat" / "settings.py").read_text()
    assert 'LANGUAGE_CODE = "id"' in source
    assert [code for code, _ in django_settings.LANGUAGES] == ["id", "en"]


def test_every_message_has_an_indonesian_translation():
    entries = po_entries(PO_FILE)
    assert len(entries) > 500
    untranslated = [msgid for msgid, msgstr in entries if not msgstr]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_translation_file():
    with translation.override("id"):
        mismatched = [
            msgid
            for msgid, msgstr in po_entries(PO_FILE)
            if "\x04" not in msgid and translation.gettext(msgid) != msgstr
        ]
    assert mismatched == []


@pytest.mark.django_db
def test_pages_are_in_indonesian_by_default(client, settings):
    settings.LANGUAGE_CODE = "id"
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'lang="id"' in page.text
    assert "Masuk" in page.text


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_indonesian(client, settings):
    settings.LANGUAGE_CODE = "id"
    page = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="id"' in page.text and "Masuk" in page.text
    assert page["Content-Language"] == "id"


@pytest.mark.django_db
def test_service_errors_reach_the_api_in_indonesian_by_default(api_client, settings, project):
    settings.LANGUAGE_CODE = "id"
    api_client.force_authenticate(project.participant.user)
    response = api_client.post(f"/api/projects/{project.pk}/approve/", {}, format="json")
    assert response.status_code == 403
    with translation.override("id"):
        assert translation.gettext("You may not do this to this project.") in str(response.json())


@pytest.mark.django_db
def test_the_language_switch_remembers_english(client, settings):
    settings.LANGUAGE_CODE = "id"
    user = factories.UserFactory()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").text

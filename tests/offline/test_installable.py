"""What makes the site an app on a phone: the manifest, the service worker, and the two pages it keeps
from its install on (the offline page and the outbox), which show nobody's data."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_manifest_installs_the_app_in_indonesian_with_its_icons(client):
    client.cookies["django_language"] = "id"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/" and manifest["lang"] == "id"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    assert manifest["name"] == "Diklat Tracker" and manifest["description"].startswith("Aksi perubahan")
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_links_the_manifest_and_its_scripts(client, participant):
    client.force_login(participant.user)
    page = client.get(reverse("projects:dashboard")).text
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "js/outbox-store.js" in page and "js/outbox.js" in page
    assert f'data-user="{participant.user.pk}"' in page


def test_the_service_worker_is_served_from_the_root_uncached_with_what_it_keeps(client):
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    script = response.text
    shell = json.loads(re.search(r"var SHELL_URLS = (\[.*?\]);", script).group(1))
    assert "/offline/" in shell and "/outbox/" in shell and "/static/css/app.css" in shell
    for url in shell:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert client.get(url).status_code == 200, url
    assert 'importScripts("/static/js/outbox-store.js")' in script
    # Never the API, the admin or the login pages: a copy of those has no place on a phone.
    assert '"/api/", "/admin/", "/accounts/"' in script


def test_a_new_static_file_gives_a_new_worker(client, settings, monkeypatch):
    first = re.search(r'var VERSION = "(\w+)"', client.get("/service-worker.js").text).group(1)
    monkeypatch.setattr("offline.views.SHELL_ASSETS", ["css/app.css"])
    second = re.search(r'var VERSION = "(\w+)"', client.get("/service-worker.js").text).group(1)
    assert first != second


@pytest.mark.parametrize("path", ["/offline/", "/outbox/"])
def test_the_kept_pages_show_nobodys_name_and_leave_the_messages_for_the_next_page(approved_project, path):
    user = approved_project.enrolment.participant.user
    client = factories.logged_in(user)
    client.post(reverse("projects:update_create", args=[approved_project.pk]), {"note": "Rapat."})
    page = client.get(path)
    assert page.status_code == 200
    assert user.get_full_name() not in page.text
    assert 'data-user=""' in page.text and "data-shell" in page.text
    assert "Your progress update has been posted." not in page.text
    assert "Your progress update has been posted." in client.get(reverse("projects:dashboard")).text

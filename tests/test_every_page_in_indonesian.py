"""Every page each demo role reaches is in Indonesian: no English message left untranslated.

Each demo login walks the site from its home page by the links it is shown (a page of each kind
twice at most), the way the walk in the issue went through 141 pages; a message no catalogue
translates fails the test with the page it was on.
"""

import re
from collections import deque

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from people.models import User
from tests.demo_loaded import demo_loaded
from tests.untranslated import recording_misses, untranslated_on

LINK = re.compile(r'href="(/[^"#]*)')
NOT_PAGES = ("/static/", "/media/", "/api/", "/i18n/", "/accounts/logout/")
FILE_VIEWS = re.compile(r"download|export|file|thumbnail|material|xlsx|csv|chart|svg|png|code$")
PAGES_PER_ROLE, PAGES_PER_VIEW, ADMIN_PAGES = 80, 2, 30


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded(django_db_blocker, tmp_path_factory.mktemp("demo-i18n-media")) as output:
        yield output


def demo_logins(output: str) -> dict[str, str]:
    listed = output.split("Demo logins", 1)[1]
    return dict(re.findall(r"^  (\S.*?\S)\s{2,}(\S+) ", listed, re.MULTILINE))


def view_of(path: str) -> str | None:
    try:
        return resolve(path.split("?", 1)[0]).view_name
    except Resolver404:
        return None


def walk(client: Client) -> tuple[int, dict[str, set[str]]]:
    """The number of pages visited from the home page, and the untranslated messages by page."""
    queue, seen, per_view, found = deque(["/"]), {"/"}, {}, {}
    admin_pages = visited = 0
    while queue and visited < PAGES_PER_ROLE:
        path = queue.popleft()
        view = view_of(path)
        if view is None or FILE_VIEWS.search(view) or per_view.get(view, 0) >= PAGES_PER_VIEW:
            continue
        if view.startswith("admin:"):
            if admin_pages >= ADMIN_PAGES:
                continue
            admin_pages += 1
        per_view[view] = per_view.get(view, 0) + 1
        with recording_misses() as misses:
            response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.appendleft(response["Location"])
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        visited += 1
        page = response.content.decode()
        if untranslated := untranslated_on(page, misses):
            found[path] = untranslated
        for link in LINK.findall(page):
            link = link.replace("&amp;", "&")
            if link not in seen and not link.startswith(NOT_PAGES):
                seen.add(link)
                queue.append(link)
    return visited, found


@pytest.fixture
def logins(demo_output, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "id"  # the product's own default, which the other tests set to English
    return demo_logins(demo_output)


def test_the_demo_prints_a_login_for_each_role(logins):
    assert {"participant", "mentor", "examiner", "organiser staff", "provincial staff", "event judge"} <= set(logins)


@pytest.mark.parametrize(
    "role",
    [
        "participant",
        "mentor",
        "coach",
        "examiner",
        "organiser staff",
        "admin",
        "provincial staff",
        "event attendee",
        "event judge",
        "event staff",
    ],
)
def test_no_page_of_the_role_shows_an_untranslated_message(logins, role):
    client = Client()
    client.force_login(User.objects.get(username=logins[role]))
    visited, untranslated = walk(client)
    assert visited >= 8
    assert untranslated == {}


def test_the_login_page_and_its_error_are_in_indonesian(logins):
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    with recording_misses() as misses:
        response = client.post("/accounts/login/", {"username": logins["participant"], "password": "wrong"})
    page = response.content.decode()
    assert "Masukkan nama pengguna dan sandi yang benar." in page
    assert "nama pengguna nama pengguna" not in page
    assert untranslated_on(page, misses) == set()

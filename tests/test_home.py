"""The landing page: a superuser gets a start page; every other role is sent to the page of their role."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import logged_in

pytestmark = pytest.mark.django_db


def start_links() -> list[str]:
    return [
        reverse(name)
        for name in (
            "organise:cohorts",
            "admin:index",
            "reports:index",
            "reports:my-province",
            "admin:projects_changeproject_changelist",
            "assessments:day",
            "assessments:feedback-list",
            "admin:rollout_innovation_changelist",
        )
    ] + ["/api/docs/"]


def test_a_superuser_gets_a_start_page_not_the_admin(superuser):
    response = logged_in(superuser).get("/")
    assert response.status_code == 200
    assert "home.html" in [template.name for template in response.templates]
    assert "base.html" in [template.name for template in response.templates]
    page = response.content.decode()
    for url in start_links():
        assert f'href="{url}"' in page, url
    assert 'name="viewport"' in page


def test_every_link_of_the_start_page_opens_for_a_superuser(superuser):
    client = logged_in(superuser)
    for url in start_links():
        assert client.get(url).status_code == 200, url


def test_the_start_page_is_in_indonesian_by_default(superuser, settings):
    settings.LANGUAGE_CODE = "id"
    page = logged_in(superuser).get("/").content.decode()
    assert "Halaman awal" in page
    assert "Dokumentasi API" in page
    assert "Start page" not in page


def test_the_admins_view_site_link_leads_to_the_start_page(superuser):
    client = logged_in(superuser)
    assert client.get(reverse("admin:index")).context["site_url"] == "/"
    assert client.get("/").status_code == 200  # not a redirect back into the admin


def test_other_staff_still_go_to_the_admin():
    staff = factories.UserFactory(is_staff=True)
    assert logged_in(staff).get("/").url == reverse("admin:index")


def test_other_roles_keep_their_pages(participant, mentor, organiser_staff, stranger):
    assert logged_in(participant.user).get("/").url == reverse("projects:dashboard")
    assert logged_in(mentor).get("/").url == reverse("mentors:participants")
    assert logged_in(organiser_staff).get("/").url == reverse("organise:cohorts")
    assert logged_in(stranger).get("/").url == reverse("projects:dashboard")


def test_an_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

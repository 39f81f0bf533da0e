"""A superuser, on a phone in a real headless Chromium, lands on the start page and goes on to the admin."""

import pytest

from diklat.views import START_LINKS
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PHONE = {"width": 375, "height": 740}


def test_a_superuser_on_a_phone_lands_on_the_start_page_and_opens_the_admin(live_server, page):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", root.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    cards = page.locator(".start-links .card")
    assert cards.count() == len(START_LINKS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    lefts = {round(cards.nth(i).bounding_box()["x"]) for i in range(cards.count())}
    assert len(lefts) == 1  # one column on a phone
    assert all(cards.nth(i).bounding_box()["height"] >= 44 for i in range(cards.count()))

    page.locator(".start-links a[href='/admin/']").click()
    page.wait_for_url(f"{live_server.url}/admin/")

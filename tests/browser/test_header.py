"""The header in a real headless Chromium: one row on a phone with the rest behind a menu, one row on a wide screen."""

import pytest

from people.models import ProvincialStaff
from regions.models import Region
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ONE_ROW = 72  # px: a 44 px tap target and the header's padding


@pytest.fixture
def organiser_staff():
    """Staff with most of the header's links: seminars, feedback, cohorts, events, reports."""
    user = factories.UserFactory(username="staf", full_name="Hasnawati Makkasau Binti Abdullah")
    factories.CohortFactory().organiser.staff.add(user)
    ProvincialStaff.objects.create(user=user, province=Region.objects.get(code="73"))
    return user


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_selector(".site-header a.bell", state="attached")


def test_on_a_phone_the_header_is_one_row_and_the_menu_opens_and_closes(live_server, page, organiser_staff):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, organiser_staff)
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= ONE_ROW
    assert page.locator("a.bell").is_visible() and page.locator("a.search-link").is_visible()
    cohorts = page.locator(".main-nav a[href='/organise/']")
    assert not cohorts.is_visible()

    button = page.locator(".menu-button")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert cohorts.is_visible() and page.locator(".lang-switch").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not cohorts.is_visible()

    button.click()
    cohorts.click()
    page.wait_for_url(f"{live_server.url}/organise/")
    assert header.bounding_box()["height"] <= ONE_ROW  # closed again on the next page


def test_on_a_wide_screen_the_links_stay_in_the_row_and_the_account_opens_under_the_name(
    live_server, page, organiser_staff
):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, organiser_staff)
    assert page.locator(".site-header").bounding_box()["height"] <= ONE_ROW
    assert page.locator(".main-nav a[href='/organise/']").is_visible()
    button = page.locator(".menu-button")
    assert button.inner_text().strip() == "Hasnawati"
    logout = page.locator(".header-tools button.link-button")
    assert not logout.is_visible()
    button.click()
    logout.click()
    page.wait_for_load_state()
    assert page.locator("#id_username").is_visible()  # logged out


def test_without_javascript_every_link_shows(live_server, browser, organiser_staff):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, organiser_staff)
    assert page.locator(".main-nav a[href='/organise/']").is_visible()
    assert not page.locator(".menu-button").is_visible()
    context.close()

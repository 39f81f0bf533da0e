"""Organiser staff, on a 390 px phone in a real headless Chromium, set up a cohort, split its participants
into sessions and reorder one, without a page scrolling sideways."""

import pytest

from tests.organise.setup_fixtures import scheduling_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PHONE = {"width": 390, "height": 844}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_organiser_staff_schedule_a_seminar_on_a_phone(live_server, page):
    world = scheduling_world(participants=7)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", world.staff.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/**")

    page.goto(f"{live_server.url}/organise/cohorts/new/")
    assert fits(page)
    page.goto(f"{live_server.url}/organise/cohorts/{world.cohort.pk}/seminars/")
    assert fits(page)
    page.locator(".seminar-card h2 a").first.click()
    page.check("input[name=method][value=evenly]")
    page.fill("#id_count", "3")
    page.select_option("#id_chair", str(world.coach.pk))
    page.click(".split-form button[type=submit]")
    page.wait_for_selector("text=7 participants are placed in 3 new sessions.")
    assert fits(page)

    page.locator("table.stack a", has_text="Session 1").click()
    page.wait_for_selector(".presentation-order")
    assert fits(page)
    names = page.locator(".presentation-order .order-name strong")
    assert names.all_inner_texts() == ["Peserta 01", "Peserta 04", "Peserta 07"]
    page.locator(".presentation-order li").nth(2).locator("button", has_text="↑").click()
    page.wait_for_selector("text=The order of Session 1 is saved.")
    assert names.all_inner_texts() == ["Peserta 01", "Peserta 07", "Peserta 04"]
    page.fill("#id_order_" + page.locator(".presentation-order input").first.get_attribute("id").split("_")[-1], "3")
    page.locator(".presentation-order input").nth(2).fill("1")
    page.locator(".presentation-order input").nth(2).press("Enter")  # Enter saves the places typed
    page.wait_for_selector("text=The order of Session 1 is saved.")
    assert names.all_inner_texts() == ["Peserta 04", "Peserta 07", "Peserta 01"]

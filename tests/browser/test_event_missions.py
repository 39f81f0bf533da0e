"""A phone at 390 × 844, real headless Chromium: check in with the code on the organiser's screen, hand in a
photo mission for the group, a judge approves it, and the leaderboard changes."""

import datetime

import pytest
from django.utils import timezone
from PIL import Image

from events.models import CheckIn, Submission
from tests import factories
from tests.events.factories import EventFactory, GroupFactory, MissionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PHONE = {"width": 390, "height": 844}
# The thumbnails load lazily, so the check waits for the load (or the error) instead of racing it.
LOADED_IMAGE = """img => img.complete ? img.naturalWidth > 0 : new Promise(done => {
    img.addEventListener("load", () => done(img.naturalWidth > 0));
    img.addEventListener("error", () => done(false));
})"""


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_in(browser, live_server, user, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    return page


def test_an_attendee_checks_in_hands_in_a_photo_and_the_leaderboard_moves(live_server, browser, tmp_path):
    now = timezone.now()
    event = EventFactory(time_zone="Asia/Makassar")
    local_today = event.local_today(now)
    event.starts_on, event.ends_on = local_today - datetime.timedelta(days=1), local_today + datetime.timedelta(days=1)
    event.save()
    staff, judge = factories.UserFactory(), factories.UserFactory(full_name="Juri Kegiatan")
    event.organiser.staff.add(staff)
    event.judges.add(judge)
    group = GroupFactory(event=event, name="Kelompok Elang")
    GroupFactory(event=event, name="Kelompok Rajawali")
    attendee = member(group).user
    MissionFactory(
        event=event,
        title="Foto di depan kantor camat",
        points=15,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=2),
    )
    picture = tmp_path / "kantor-camat.jpg"
    Image.new("RGB", (800, 600), (20, 120, 60)).save(picture, format="JPEG")

    screen = log_in(browser, live_server, staff, {"width": 1366, "height": 900})
    screen.goto(f"{live_server.url}/events/{event.pk}/check-in/screen/")
    assert screen.locator("[data-qr] svg").count() == 1
    code = screen.locator("[data-code]").inner_text().strip()

    phone = log_in(browser, live_server, attendee, PHONE)
    phone.goto(f"{live_server.url}/events/{event.pk}/check-in/")
    assert fits(phone)
    phone.fill("#id_code", code.lower())
    phone.get_by_role("button", name="Check in").click()
    phone.wait_for_url(f"{live_server.url}/events/{event.pk}/")
    assert "You are checked in for today" in phone.locator(".messages").inner_text()
    assert CheckIn.objects.filter(invitee__user=attendee).count() == 1

    phone.goto(f"{live_server.url}/events/{event.pk}/leaderboard/")
    assert phone.locator(".leaderboard .mine [data-score]").inner_text() == "0"
    phone.goto(f"{live_server.url}/events/{event.pk}/missions/")
    assert fits(phone)
    phone.get_by_role("link", name="Foto di depan kantor camat").click()
    phone.set_input_files("#id_files", str(picture))
    phone.get_by_role("button", name="Send").click()
    phone.wait_for_load_state()
    assert "Handed in" in phone.locator(".messages").inner_text()
    assert phone.locator(".thumbs img").count() == 1 and fits(phone)
    submission = Submission.objects.get()
    assert submission.group == group and submission.files.get().thumbnail

    judging = log_in(browser, live_server, judge, PHONE)
    judging.goto(f"{live_server.url}/events/{event.pk}/review/")
    assert fits(judging)
    item = judging.locator(f"#s{submission.pk}")
    assert "Kelompok Elang" not in item.inner_text()  # the queue judges the work, not the group
    assert item.locator("img").evaluate(LOADED_IMAGE)
    item.get_by_role("button", name="Approve").click()
    judging.wait_for_load_state()
    assert "Nothing is waiting for a judge" in judging.content()

    phone.goto(f"{live_server.url}/events/{event.pk}/leaderboard/")
    mine = phone.locator(".leaderboard .mine")
    assert mine.locator("[data-score]").inner_text() == "15" and mine.locator(".rank").inner_text() == "1"
    assert fits(phone)

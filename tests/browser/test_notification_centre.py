"""A 390 px phone, real headless Chromium: the bell's count, a notification opened lands on its milestone."""

import pytest
from django.urls import reverse

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import Message, notify
from projects.models import ChangeProject
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PHONE = {"width": 390, "height": 844}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_participant_sees_the_unread_count_opens_the_notification_and_lands_on_the_milestone(live_server, page):
    project = factories.ChangeProjectFactory(status=ChangeProject.Status.IN_IMPLEMENTATION)
    milestone = factories.MilestoneFactory(project=project, horizon="short", activity="Sosialisasi aplikasi")
    user = project.enrolment.participant.user
    user.full_name = "Dr. Andi Muhammad Fadhlurrahman Mattalatta, S.STP., M.Si."
    user.save()
    link = reverse("projects:detail", args=[project.pk]) + f"#milestone-{milestone.pk}"
    notify(
        [
            Message(
                user.pk, Kind.MILESTONE_DUE, "browser:due", "Milestone due in 3 days: Sosialisasi aplikasi", link=link
            ),
            Message(user.pk, Kind.PROJECT_STATUS, "browser:approved", "Your project is approved", link="/projects/"),
        ]
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/projects/")

    bell = page.locator("a.bell")
    assert bell.locator(".bell-count").inner_text().split()[0] == "2"
    assert fits(page)  # the header with the bell and a long name stays inside the phone's width
    box = bell.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]

    bell.click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    assert fits(page)
    assert page.locator(".notification.unread").count() == 2
    page.get_by_role("link", name="Milestone due in 3 days: Sosialisasi").click()
    page.wait_for_url(f"{live_server.url}{link}")
    assert page.locator(f"#milestone-{milestone.pk}").is_visible()
    assert page.locator("a.bell .bell-count").inner_text().split()[0] == "1"
    assert Notification.objects.get(key="browser:due").read_at is not None


def test_the_preferences_table_fits_a_phone_and_saves(live_server, page):
    user = factories.ParticipantFactory().user
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/notifications/preferences/")
    assert fits(page)
    last_box = page.locator(f"#id_whatsapp__{Kind.SESSION_SCHEDULED}").bounding_box()
    assert last_box["x"] + last_box["width"] <= PHONE["width"]
    page.fill("#id_mobile_phone", "0812-3456-7890")
    page.locator(f"#id_email__{Kind.SCORE_SHEET}").uncheck()
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/notifications/preferences/")
    assert page.locator(".message.success").is_visible()
    assert not page.locator(f"#id_email__{Kind.SCORE_SHEET}").is_checked()
    user.refresh_from_db()
    assert user.mobile_phone == "+6281234567890"

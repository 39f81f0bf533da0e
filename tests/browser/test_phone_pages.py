"""Every role's main pages on the demo data in a real Chromium at 390 x 844: nothing wider than the screen.

One demo load serves the whole walk (it takes seconds); each role logs in, opens its start page,
every link of its main menu and the deep pages it works in, and each must fit the phone's width.
The report pages must also show their phone charts (no text under 10 px, drawn at the card's
width) and fold their filters; the score sheet must fit an A4 page when printed.
"""

import io
import re

import pytest
from django.core.management import call_command

from assessments.models import SeminarSession
from diklat.models import Cohort
from events.models import Event
from projects.models import ChangeProject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
A4_CONTENT_PX = 680  # 210 mm less the 14 mm margins of assessments.css, at 96 px to the inch
PASSWORD = "demo12345"


def deep_pages() -> dict[str, list[str]]:
    project = ChangeProject.objects.get(enrolment__participant__user__username="peserta")
    session = SeminarSession.objects.filter(chair__username="penguji", status="finalised").first()
    event = Event.objects.filter(invitees__user__username="kepala.gowa01").first()
    cohort = Cohort.objects.filter(organiser__staff__username="penyelenggara").first()
    return {
        "peserta": [f"/projects/{project.pk}/", f"/projects/{project.pk}/updates/new/", "/outbox/"],
        "mentor": [f"/projects/{project.pk}/", f"/rollout/projects/{project.pk}/", "/seminars/feedback/"],
        "coach": [f"/projects/{project.pk}/"],
        "penguji": [f"/seminars/sessions/{session.pk}/", f"/seminars/sessions/{session.pk}/sheet/"],
        "penyelenggara": [f"/organise/cohorts/{cohort.pk}/", f"/seminars/sessions/{session.pk}/"],
        "pelapor": [
            "/reports/province/73/",
            "/reports/feedback/",
            "/reports/rollout/",
            f"/rollout/projects/{project.pk}/",
        ],
        "admin": ["/reports/rollout/", "/reports/seminars/", "/reports/budget/", "/search/?q=dinas"],
        "kepala.gowa01": [f"/events/{event.pk}/"],
        "juri": ["/events/"],
        "panitia": ["/events/", f"/events/{event.pk}/"],
    }


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_selector(".site-header a.bell", state="attached")


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def widest(page) -> list[str]:
    """The elements reaching past the screen's right edge, to say which in a failure."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5).map(el => el.tagName + '.' + el.className)"""
    )


def menu_links(page, live_server) -> list[str]:
    hrefs = page.eval_on_selector_all(".main-nav a[href]", "links => links.map(a => a.getAttribute('href'))")
    return [href for href in hrefs if href.startswith("/") and not href.startswith("/admin/")]


def test_every_roles_main_pages_fit_a_phone(live_server, page):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size(PHONE)
    wide, visited = [], 0
    for username, deep in deep_pages().items():
        log_in(page, live_server, username)
        for path in dict.fromkeys(["/", *menu_links(page, live_server), *deep]):
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (username, path, response.status)
            page.wait_for_load_state("networkidle")
            visited += 1
            if overflow(page) > 0:
                wide.append((username, path, overflow(page), widest(page)))
    assert not wide
    assert visited >= 40


def test_report_pages_on_a_small_phone_draw_readable_charts_and_fold_the_filters(live_server, page):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, live_server, "pelapor")
    page.goto(f"{live_server.url}/reports/feedback/")
    page.wait_for_load_state("networkidle")
    assert overflow(page) <= 0
    assert not page.locator(".report-filters select").first.is_visible()  # folded under the summary
    page.locator(".filters-fold summary").click()
    assert page.locator(".report-filters select").first.is_visible()

    charts = page.locator(".report-chart img")
    assert charts.count() >= 2
    for index in range(charts.count()):
        image = charts.nth(index)
        source = image.evaluate("img => img.currentSrc")
        assert "size=phone" in source
        width = image.bounding_box()["width"]
        assert width >= 280  # the card's width, which the chart's type sizes assume (test_charts_on_a_phone)
        svg = page.request.get(source).text()
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        sizes = [float(size) * width / view_width for size in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= 10, (source, min(sizes))

    # A wide table shows its priority columns; one tap shows the rest, scrolled inside the card.
    table = page.locator("#feedback-unrealised-budget")
    secondary = table.locator("th.secondary").first
    assert not secondary.is_visible()
    table.locator(".columns-toggle").click()
    assert secondary.is_visible()
    assert overflow(page) <= 0

    # The dashboard's key figures, money among them, stay inside their cards.
    page.goto(f"{live_server.url}/reports/province/73/")
    spilling = page.eval_on_selector_all(
        ".key-figures .card",
        """cards => cards.filter(card => [...card.querySelectorAll('*')].some(el =>
            el.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5))
            .map(card => card.innerText)""",
    )
    assert not spilling
    assert page.locator(".figure-value.money").first.inner_text().startswith("Rp")

    page.goto(f"{live_server.url}/reports/feedback/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator(".report-filters select").first.is_visible()  # open on a wide screen
    assert "size=phone" not in page.locator(".report-chart img").first.evaluate("img => img.currentSrc")


def test_the_score_sheet_fits_an_a4_page_and_a_phone(live_server, page):
    call_command("load_demo", stdout=io.StringIO())
    session = SeminarSession.objects.filter(chair__username="penguji", status="finalised").first()
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "penguji")
    for document in ("sheet", "minutes"):
        page.goto(f"{live_server.url}/seminars/sessions/{session.pk}/{document}/")
        page.emulate_media(media="screen")
        page.set_viewport_size(PHONE)
        assert overflow(page) <= 0, widest(page)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_CONTENT_PX, "height": 960})
        assert overflow(page) <= 0, widest(page)
        widths = page.eval_on_selector_all("table.printout", "tables => tables.map(t => t.scrollWidth)")
        assert widths and max(widths) <= A4_CONTENT_PX

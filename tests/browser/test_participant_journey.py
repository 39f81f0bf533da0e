"""A participant, in a real headless Chromium, keeps their project up to date."""

import datetime
import io

import pytest
from PIL import Image

from projects.models import ChangeProject, Evidence, Milestone
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def png_file(tmp_path) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    path = tmp_path / "rapat-koordinasi.png"
    path.write_bytes(buffer.getvalue())
    return str(path)


def overall_progress(page) -> str:
    return page.locator("#content [role=progressbar]").first.get_attribute("aria-valuenow")


def test_a_participant_adds_a_milestone_posts_evidence_and_sees_progress_move(live_server, page, tmp_path):
    project = factories.ChangeProjectFactory(status=ChangeProject.Status.IN_IMPLEMENTATION)
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon, weight=1, progress=0)
    user = project.enrolment.participant.user
    seminar = project.enrolment.cohort.results_seminar_date

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/projects/")
    assert overall_progress(page) == "0"

    page.click(f"a[href='/projects/{project.pk}/milestones/new/']")
    page.select_option("#id_horizon", "short")
    page.fill("#id_activity", "Uji coba dasbor pemantauan berita")
    page.fill("#id_responsible", "Kepala Subbagian Media")
    page.fill("#id_start_date", (seminar - datetime.timedelta(days=20)).isoformat())
    page.fill("#id_target_date", (seminar - datetime.timedelta(days=5)).isoformat())
    page.fill("#id_weight", "3")
    page.click("#content form button[type=submit]")
    page.wait_for_load_state()
    milestone = Milestone.objects.get(project=project, activity="Uji coba dasbor pemantauan berita")
    assert milestone.weight == 3

    page.goto(f"{live_server.url}/projects/{project.pk}/updates/new/")
    page.fill("#id_note", "Dasbor pemantauan berita negatif diuji coba bersama Biro Humas.")
    page.select_option("#id_milestone", str(milestone.pk))
    page.fill("#id_progress", "100")
    page.set_input_files("#id_files", png_file(tmp_path))
    page.click("#content form button[type=submit]")
    # Sent through the outbox (static/js/outbox.js): the project page opens once the server has it.
    page.wait_for_url(lambda url: "/updates/new/" not in url)

    page.goto(f"{live_server.url}/projects/")
    # Weighted roll-up: short, medium and long weigh 1 each at 0 %, the new one 3 at 100 %: 300 / 6.
    assert overall_progress(page) == "50"
    evidence = Evidence.objects.get(update__project=project)
    assert evidence.original_name == "rapat-koordinasi.png"
    assert "rapat-koordinasi" not in evidence.file.name
    with page.expect_download() as download_info:
        page.click(f"a[href='{evidence.get_absolute_url()}']")
    assert download_info.value.suggested_filename == "rapat-koordinasi.png"
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DONE

    # The photo is shown, not only downloadable: a thumbnail on the dashboard opens it on the page.
    page.goto(f"{live_server.url}/projects/")
    thumbnail = page.locator(f"a.photo[href='{evidence.get_preview_url()}'] img")
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    thumbnail.click()
    preview = page.locator("dialog.lightbox[open] img")
    page.wait_for_function("img => img.complete && img.naturalWidth === 40", arg=preview.element_handle())
    assert page.locator("dialog.lightbox .lightbox-caption").inner_text() == "rapat-koordinasi.png"
    page.keyboard.press("Escape")
    assert page.locator("dialog.lightbox[open]").count() == 0
    assert page.url == f"{live_server.url}/projects/"

    # The milestone's photos are a tap away from the project page.
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.click(f"#milestone-{milestone.pk} a[href$='?milestone={milestone.pk}']")
    page.wait_for_url(f"**/projects/{project.pk}/gallery/?milestone={milestone.pk}")
    assert page.locator(".gallery a.photo").count() == 1

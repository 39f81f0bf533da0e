"""Organiser staff, in a real headless Chromium, upload a participant file with bad rows, read the errors,
upload the corrected file, commit, and find the participants in the cohort overview — also on a phone."""

import pytest

from tests.organise.import_fixtures import csv_file, import_cohort, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["import_cohort"]

PASSWORD = "rahasia-uji-123"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_organiser_staff_fix_a_file_and_commit_it(live_server, page, import_cohort, tmp_path, viewport):
    page.set_viewport_size(viewport)
    bad = tmp_path / "peserta.csv"
    bad.write_bytes(
        csv_file(
            [
                person(1),
                person(2, NIP="1.97804E+17"),
                person(3, Instansi="Dinas Pendidkn", **{"Pemerintah Daerah": "Kota Makassar"}),
                person(4),
            ]
        )
    )
    good = tmp_path / "peserta-perbaikan.csv"
    good.write_bytes(csv_file([person(1), person(2), person(4)]))

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", import_cohort.staff_member.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/organise/")
    page.goto(f"{live_server.url}/organise/cohorts/{import_cohort.pk}/")
    page.click(".cohort-nav a[href$='/imports/']")
    page.set_input_files("#id_file", str(bad))
    page.click("form[data-busy-form] button[type=submit]")

    page.wait_for_selector("text=2 rows have errors")
    problems = page.locator("table.import-rows tr.failing")
    assert problems.count() == 2
    assert "Excel stored this NIP as a number" in problems.nth(0).inner_text()
    assert "Closest: Dinas Pendidikan" in problems.nth(1).inner_text()  # a misspelt agency of Makassar
    assert page.locator("text=Commit: enrol").count() == 0
    assert fits(page)

    page.set_input_files("section:has(h2:text('Upload the corrected file')) input[type=file]", str(good))
    page.click("section:has(h2:text('Upload the corrected file')) button[type=submit]")
    page.wait_for_selector("text=every row was checked again")
    page.click("text=Commit: enrol 3 participants")
    page.wait_for_selector("text=3 participants were enrolled")
    assert page.locator(".status", has_text="Committed").count() == 1
    assert fits(page)

    page.click("text=See the participants in the overview")
    page.wait_for_selector("table.overview")
    names = page.locator("table.overview tbody td:first-child strong").all_inner_texts()
    assert names == ["Peserta Impor 1", "Peserta Impor 2", "Peserta Impor 4"]
    assert fits(page)

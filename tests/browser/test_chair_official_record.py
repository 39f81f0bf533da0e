"""The chair, in a real headless Chromium: sees what is missing, completes it, finalises, downloads
the official PDF and checks it on the public verification page.

Two participants, two examiners (mean of examiners): examiner B has scored participant 1 only
three of four indicators and participant 2 not at all. The chair sees both gaps at the top of the
session page, examiner B completes participant 1's sheet, the chair records examiner B as absent
for participant 2, and finalising issues the minutes, the recapitulation and two result sheets.
"""

import datetime
import hashlib

import pytest
from django.utils.timezone import now

from assessments import services
from assessments.models import RubricIndicator, SeminarSession, SessionAbsence
from records.models import Letterhead, OfficialDocument
from tests import factories
from tests.assessments.factories import PresentationFactory, SeminarFactory, SessionFactory
from tests.browser.test_seminar_day import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sees_the_gaps_closes_them_finalises_and_verifies_the_downloaded_minutes(live_server, page, tmp_path):
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": live_server.url}])
    cohort = factories.CohortFactory()
    Letterhead.objects.create(
        organiser=cohort.organiser,
        government="Pemerintah Provinsi Sulawesi Selatan",
        name="Badan Pengembangan Sumber Daya Manusia",
        address="Jl. Urip Sumoharjo No. 269, Makassar",
        city="Makassar",
    )
    seminar = SeminarFactory(cohort=cohort, starts_at=now() - datetime.timedelta(hours=2))
    chair = factories.UserFactory(full_name="Ketua Sidang")
    examiner_a = factories.UserFactory(full_name="Penguji Satu")
    examiner_b = factories.UserFactory(full_name="Penguji Dua")
    session = SessionFactory(seminar=seminar, name="Ruang A", chair=chair, examiners=[examiner_a, examiner_b])
    first, second = (
        PresentationFactory(session=session, enrolment=factories.EnrolmentFactory(cohort=cohort), order=order)
        for order in (1, 2)
    )
    indicators = list(RubricIndicator.objects.filter(component__rubric=seminar.rubric))
    every = {i.pk: "80" for i in indicators}
    for presentation in (first, second):
        services.score_presentation(presentation, by=examiner_a, scores=every)
    services.score_presentation(first, by=examiner_b, scores={i.pk: "90" for i in indicators[:3]}, complete=False)
    session_url = f"{live_server.url}{session.get_absolute_url()}"
    name_one, name_two = (str(p.enrolment.participant) for p in (first, second))

    # 1. The chair opens the session: both gaps are listed at the top, before any result.
    log_in(page, session_url, chair)
    gaps = page.locator("#missing .gaps li")
    assert gaps.count() == 2
    assert "Penguji Dua" in gaps.nth(0).inner_text() and name_one in gaps.nth(0).inner_text()
    assert "3" in gaps.nth(0).inner_text() and "4" in gaps.nth(0).inner_text()
    assert page.locator("#missing .gap-no_sheet").inner_text().count(name_two) == 1
    missing_top = page.locator("#missing").bounding_box()["y"]
    assert missing_top < page.locator("#chair").bounding_box()["y"]
    assert missing_top < page.viewport_size["height"]

    # Finalising now is refused, with the same list, and nothing is locked or issued.
    with page.expect_navigation():
        page.click("#chair form button[type=submit]")
    assert "2" in page.locator("#chair .errorlist, #chair [role=alert]").first.inner_text()
    assert page.locator("#missing .gaps li").count() == 2
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.OPEN
    assert not OfficialDocument.objects.filter(session=session).exists()

    # 2. Examiner B completes participant 1's sheet; the chair records B absent for participant 2.
    services.score_presentation(first, by=examiner_b, scores={i.pk: "90" for i in indicators})
    page.goto(session_url)
    assert page.locator("#missing .gaps li").count() == 1
    page.click("#missing details summary")
    page.select_option("#id_subject", f"member:{examiner_b.pk}:{second.pk}")
    page.fill("#id_reason", "Bertugas ke luar daerah.")
    with page.expect_navigation():
        page.click("#missing form button[type=submit]")
    assert page.locator("#missing .gaps").count() == 0
    assert page.locator("#missing .alert.success").is_visible()
    assert "Bertugas ke luar daerah." in page.locator("#missing .absences").inner_text()
    assert SessionAbsence.objects.get(session=session).member == examiner_b

    # 3. The chair finalises: the official record is listed on the page.
    with page.expect_navigation():
        page.click("#chair form button[type=submit]")
    assert page.locator(".card-head .status-finalised").count() == 1
    documents = OfficialDocument.objects.filter(session=session)
    assert sorted(documents.values_list("kind", flat=True)) == ["minutes", "recap", "sheet", "sheet"]
    minutes = documents.get(kind="minutes")
    links = page.locator(".official-documents li")
    assert links.count() == 4

    # 4. The chair downloads the minutes: the bytes are those issued.
    with page.expect_download() as download_info:
        page.click(f".official-documents a[href='{minutes.get_absolute_url()}']")
    pdf_path = tmp_path / "berita-acara.pdf"
    download_info.value.save_as(pdf_path)
    downloaded = pdf_path.read_bytes()
    assert downloaded.startswith(b"%PDF-")
    assert hashlib.sha256(downloaded).hexdigest() == minutes.sha256

    # 5. Logged out, anyone checks it on the verification page the code points to.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{minutes.get_verify_url()}")
    facts = page.locator("dl.facts").inner_text()
    assert minutes.sha256 in facts and minutes.verification_code in facts
    assert "Berlaku" in facts or "Valid" in facts
    page.set_input_files("#id_file", str(pdf_path))
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    assert page.locator(".alert.success").is_visible()

    # A copy changed by one byte is not genuine.
    changed = tmp_path / "diubah.pdf"
    changed.write_bytes(downloaded[:-2] + b"X" + downloaded[-1:])
    page.set_input_files("#id_file", str(changed))
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    assert page.locator(".alert.error").is_visible()
    assert hashlib.sha256(changed.read_bytes()).hexdigest() in page.locator(".alert.error").inner_text()

"""Provincial staff, in a real headless Chromium, open their province dashboard and take an export away."""

import datetime

import pytest
from openpyxl import load_workbook

from people.models import ProvincialStaff
from regions.models import Region
from rollout.models import Adoption, Innovation
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def build_province():
    south_sulawesi, jakarta = Region.objects.get(code="73"), Region.objects.get(code="31")
    cohort = factories.CohortFactory()
    home_agency = factories.AgencyFactory(name="Biro Administrasi Pimpinan", government=south_sulawesi)
    projects = {}
    for status, agency in (
        ("in_implementation", home_agency),
        ("approved", factories.AgencyFactory(name="Dinas Kesehatan", government=south_sulawesi)),
        ("draft", factories.AgencyFactory(name="Dinas Jakarta", government=jakarta)),
    ):
        enrolment = factories.EnrolmentFactory(cohort=cohort, participant=factories.ParticipantFactory(agency=agency))
        projects[status] = factories.ChangeProjectFactory(enrolment=enrolment, status=status, title=f"Proyek {status}")
    innovation = Innovation.objects.create(
        project=projects["in_implementation"], name="SIGAP HUMAS", form="governance", stage="applied"
    )
    Adoption.objects.create(
        innovation=innovation,
        agency=factories.AgencyFactory(name="Dinas Kominfo", government=south_sulawesi),
        stage="applied",
        planned_on=datetime.date(2026, 1, 10),
        piloting_on=datetime.date(2026, 2, 1),
        applied_on=datetime.date(2026, 3, 1),
    )
    staff = factories.UserFactory(username="pelapor-sulsel")
    ProvincialStaff.objects.create(user=staff, province=south_sulawesi)
    return staff


def test_provincial_staff_open_their_dashboard_see_a_chart_and_download_an_export(live_server, page, tmp_path):
    staff = build_province()

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/reports/province/73/")

    assert page.locator(".key-figures li").count() >= 5
    chart = page.locator("#content img").first
    chart.wait_for()
    assert chart.get_attribute("alt")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", chart.element_handle())

    status_table = page.locator("#content section.report-table").first
    with page.expect_download() as download_info:
        status_table.locator("a[href*='format=xlsx']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    sheet = load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.freeze_panes == "A2"
    counted = {row[0]: row[1] for row in rows[1:] if row and row[0]}
    # Two projects in the province (the Jakarta draft is not theirs to report on).
    assert sum(value for value in counted.values() if isinstance(value, int)) == 2

"""The import pages: upload, the rows' errors by column, skip, choose or add an agency, re-upload, commit, revert."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from diklat.models import Enrolment
from organise.imports.batches import create_batch
from organise.models import ImportBatch
from regions.models import Agency, AgencyKind, Region
from tests import factories
from tests.organise.import_fixtures import csv_file, import_cohort, person

pytestmark = pytest.mark.django_db
__all__ = ["import_cohort"]


@pytest.fixture
def staff_client(client, import_cohort):
    client.force_login(import_cohort.staff_member)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def batch_url(batch, action=""):
    name = f"organise:import_{action}" if action else "organise:import"
    return reverse(name, args=[batch.cohort_id, batch.pk])


def test_an_upload_stores_a_checked_batch_and_shows_its_rows_with_errors(staff_client, import_cohort):
    content = csv_file([person(1), person(2, NIP="19780412 200312 1 00"), person(3, Instansi="Dinas Pendidkan")])
    response = staff_client.post(
        reverse("organise:imports", args=[import_cohort.pk]), {"file": upload("a.csv", content)}
    )
    batch = ImportBatch.objects.get(cohort=import_cohort)
    assert response.status_code == 302 and response["Location"] == batch_url(batch)
    assert batch.created_by == import_cohort.staff_member and batch.rows.count() == 3
    page = staff_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 rows have errors" in html
    assert "Peserta Impor 2" in html and "19780412 200312 1 00" in html  # the cell as typed, beside its message
    assert "Peserta Impor 1" not in html  # the problem rows are shown first
    assert "Commit: enrol" not in html
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(staff_client, import_cohort):
    url = reverse("organise:imports", args=[import_cohort.pk])
    response = staff_client.post(url, {"file": upload("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()
    missing = staff_client.post(url, {"file": upload("a.csv", b"Nama;Email\nAndi;a@b.id\n")})
    assert missing.status_code == 400
    assert "Jabatan" in " ".join(missing.context["form"].errors["file"])  # the message names the missing columns
    assert staff_client.post(url, {}).status_code == 400


def test_skipping_the_bad_row_lets_the_rest_commit_and_shows_them_in_the_overview(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1), person(2, Email="bukan-email")]))
    skipped = staff_client.post(batch_url(batch, "rows"), {"lines": ["3"], "skip": "1"})
    assert skipped.status_code == 302
    assert batch.rows.get(line=3).skipped
    page = staff_client.get(batch_url(batch)).content.decode()
    assert "Commit: enrol 1 participant<" in page
    committed = staff_client.post(batch_url(batch, "commit"))
    assert committed.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED and batch.committed_by == import_cohort.staff_member
    assert Enrolment.objects.filter(cohort=import_cohort).count() == 1
    overview = staff_client.get(reverse("organise:overview", args=[import_cohort.pk])).content.decode()
    assert "Peserta Impor 1" in overview and "Peserta Impor 2" not in overview


def test_a_commit_with_rows_in_error_is_refused_with_the_count(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1), person(2, Email="bukan-email")]))
    response = staff_client.post(batch_url(batch, "commit"), follow=True)
    assert "Rows with errors: 1." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()


def test_a_corrected_file_replaces_the_rows_and_a_bad_one_keeps_them(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1, Email="bukan-email")]))
    bad = staff_client.post(batch_url(batch, "replace"), {"file": upload("b.xls", b"\xd0\xcf\x11\xe0old excel")})
    assert bad.status_code == 400 and ".xlsx" in " ".join(bad.context["file_form"].errors["file"])
    assert batch.rows.get().errors  # the old rows stay
    good = staff_client.post(batch_url(batch, "replace"), {"file": upload("b.csv", csv_file([person(1)]))})
    assert good.status_code == 302
    batch.refresh_from_db()
    assert batch.file_name == "b.csv" and batch.rows.get().errors == {}


def test_choosing_a_closest_agency_fixes_the_row(staff_client, import_cohort):
    row = person(1, Instansi="Dinas Pendidkan", **{"Pemerintah Daerah": "Kota Makassar"})
    batch = create_batch(import_cohort, "a.csv", csv_file([row]))
    match = batch.rows.get().agency_matches[0]
    assert match["name"] == "Dinas Pendidikan"
    page = staff_client.get(batch_url(batch)).content.decode()
    assert f'<option value="{match["id"]}">Dinas Pendidikan</option>' in page
    staff_client.post(batch_url(batch, "agency"), {"line": "2", "agency": str(match["id"])})
    assert batch.rows.get().errors == {}
    other = factories.AgencyFactory(name="Dinas Lain")
    response = staff_client.post(batch_url(batch, "agency"), {"line": "2", "agency": str(other.pk)}, follow=True)
    assert "Choose one of the agencies offered" in response.content.decode()


def test_staff_add_an_agency_the_file_names(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1, Instansi="Dinas Pariwisata")]))
    unknown = staff_client.get(batch_url(batch)).context["unknown"]
    assert [(agency.name, agency.government.code) for agency, _form in unknown] == [("Dinas Pariwisata", "73.06")]
    gowa, dinas = Region.objects.get(code="73.06"), AgencyKind.objects.get(code="dinas")
    refused = staff_client.post(batch_url(batch, "new_agency"), {"prefix": "new0", "new0-name": "Dinas Pariwisata"})
    assert refused.status_code == 400
    form = refused.context["unknown"][0][1]
    assert form.errors["kind"]
    added = staff_client.post(
        batch_url(batch, "new_agency"),
        {"prefix": "new0", "new0-name": "Dinas Pariwisata", "new0-government": gowa.pk, "new0-kind": dinas.pk},
    )
    assert added.status_code == 302
    assert Agency.objects.filter(name="Dinas Pariwisata", government=gowa).exists()
    assert batch.rows.get().errors == {}


def test_a_committed_batch_reverts_from_its_page(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1)]))
    staff_client.post(batch_url(batch, "commit"))
    page = staff_client.get(batch_url(batch)).content.decode()
    assert "Revert the batch" in page
    staff_client.post(batch_url(batch, "revert"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REVERTED
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()
    again = staff_client.post(batch_url(batch, "revert"), follow=True)
    assert "Only a committed batch can be reverted." in again.content.decode()


def test_the_template_downloads_as_xlsx_with_the_headings(staff_client, import_cohort):
    import io

    from openpyxl import load_workbook

    response = staff_client.get(reverse("organise:import_template", args=[import_cohort.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Nama", "NIP", "NI PPPK"]


def test_a_batch_is_visible_only_to_its_organiser(client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1)]))
    other_cohort = factories.CohortFactory()
    other_staff = factories.UserFactory()
    other_cohort.organiser.staff.add(other_staff)
    client.force_login(other_staff)
    assert client.get(batch_url(batch)).status_code == 404
    assert client.post(batch_url(batch, "commit")).status_code == 404
    assert client.get(reverse("organise:imports", args=[import_cohort.pk])).status_code == 404
    # the batch is looked up within the cohort in the URL: another cohort's URL does not reach it
    assert client.get(reverse("organise:import", args=[other_cohort.pk, batch.pk])).status_code == 404
    client.force_login(factories.ParticipantFactory().user)
    assert client.get(batch_url(batch)).status_code == 403
    assert client.post(batch_url(batch, "commit")).status_code == 403
    client.logout()
    assert client.get(batch_url(batch)).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED


def test_the_actions_refuse_get(staff_client, import_cohort):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1)]))
    for action in ("commit", "revert", "rows", "agency", "new_agency", "replace"):
        assert staff_client.get(batch_url(batch, action)).status_code == 405


def test_the_batch_page_needs_a_fixed_number_of_queries(staff_client, import_cohort, django_assert_max_num_queries):
    rows = [person(n, Email="salah") if n % 2 else person(n) for n in range(1, 61)]
    batch = create_batch(import_cohort, "a.csv", csv_file(rows))
    with django_assert_max_num_queries(14):
        response = staff_client.get(batch_url(batch) + "?show=all")
    assert response.status_code == 200 and len(response.context["rows"]) == 60
    with django_assert_max_num_queries(8):
        staff_client.get(reverse("organise:imports", args=[import_cohort.pk]))

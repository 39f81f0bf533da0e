"""A PKA cohort with two known agencies, and spreadsheets of participants built in the test, as CSV or XLSX."""

import csv
import io

import pytest

from diklat.models import Programme
from organise.imports.columns import COLUMNS
from regions.models import AgencyKind, Region
from tests import factories

HEADINGS = [column.heading for column in COLUMNS]


def person(n: int, **cells) -> dict:
    """A row that passes every check: an administrator of the Bappeda of Gowa, with a mentor."""
    return {
        "Nama": f"Peserta Impor {n}",
        "NIP": factories.valid_nip(500 + n),
        "Pangkat/Golongan": "III/d",
        "Jabatan": "Kepala Bidang Perencanaan",
        "Jenis Jabatan": "Administrator",
        "Eselon": "III.b",
        "Instansi": "Bappeda",
        "Pemerintah Daerah": "Kabupaten Gowa",
        "Email": f"peserta{n}@gowa.example.go.id",
        "Telepon": "0812 3456 7890",
        "Nama Mentor": "Ir. Hasanuddin",
        "Email Mentor": "hasanuddin@gowa.example.go.id",
        **cells,
    }


def csv_file(rows: list[dict], *, headings=HEADINGS, delimiter=";") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headings, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_file(rows: list[list], *, headings=HEADINGS) -> bytes:
    """An XLSX whose cells keep their Python type: an int stays a number, a string starting with = a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_list(row: dict) -> list:
    return [row.get(heading, "") for heading in HEADINGS]


@pytest.fixture
def import_cohort():
    """A PKA cohort, its organiser's staff member, and the agencies the rows name."""
    cohort = factories.CohortFactory(programme=Programme.objects.get(code="pka"))
    gowa, makassar = Region.objects.get(code="73.06"), Region.objects.get(code="73.71")
    dinas = AgencyKind.objects.get(code="dinas")
    bappeda = AgencyKind.objects.filter(code__startswith="bappeda").first() or dinas
    factories.AgencyFactory(
        name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda", government=gowa, kind=bappeda
    )
    factories.AgencyFactory(name="Dinas Pendidikan", government=makassar, kind=dinas)
    factories.AgencyFactory(name="Dinas Kesehatan", government=makassar, kind=dinas)
    staff = factories.UserFactory(username="staf-penyelenggara")
    cohort.organiser.staff.add(staff)
    cohort.staff_member = staff
    return cohort

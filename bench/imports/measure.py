"""Time the import of one file: read only, read and store unchecked (the floor), read-check-store, commit."""

import argparse
import csv
import io
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.exports.data import nip, prepare_database
from diklat.models import Cohort, Organiser, Programme
from organise.imports.batches import create_batch
from organise.imports.columns import COLUMNS
from organise.imports.commit import commit_batch
from organise.imports.reading import read_spreadsheet
from organise.models import ImportBatch, ImportRow
from people.models import User
from regions.models import Agency, AgencyKind, Region

HEADINGS = [column.heading for column in COLUMNS]
GOVERNMENTS = ["73.06", "73.71", "73.08", "73.72"]
AGENCIES = ["Dinas Pendidikan", "Dinas Kesehatan", "Badan Perencanaan Pembangunan Daerah", "Dinas Pertanian"]


class Rollback(Exception):
    pass


def set_up() -> tuple[Cohort, User]:
    dinas = AgencyKind.objects.get(code="dinas")
    for code in GOVERNMENTS:
        for name in AGENCIES:
            Agency.objects.get_or_create(government=Region.objects.get(code=code), name=name, defaults={"kind": dinas})
    region = Region.objects.get(code="73")
    organiser = Organiser.objects.create(name="BPSDM Bench", region=region)
    programme = Programme.objects.get(code="pka")
    cohort = Cohort.objects.create(
        programme=programme,
        rule_set=programme.rule_sets.order_by("-effective_from").first(),
        organiser=organiser,
        number=1,
        year=2027,
        start_date="2027-02-01",
        design_seminar_date="2027-03-15",
        results_seminar_date="2027-06-15",
        end_date="2027-06-20",
    )
    staff = User.objects.create(username="bench-staff")
    return cohort, staff


def rows(count: int) -> list[dict]:
    """``count`` participants, one in ten with an error (a NIP cut short, an agency misspelt)."""
    made = []
    for n in range(count):
        row = {
            "Nama": f"Peserta Bench {n}",
            "NIP": nip(10_000 + n),
            "Pangkat/Golongan": "IV/a",
            "Jabatan": "Kepala Bidang",
            "Jenis Jabatan": "Administrator",
            "Eselon": "III.a",
            "Instansi": AGENCIES[n % len(AGENCIES)],
            "Pemerintah Daerah": GOVERNMENTS[n % len(GOVERNMENTS)],
            "Email": f"peserta{n}@bench.example.go.id",
            "Nama Mentor": f"Mentor Bench {n % 40}",
            "Email Mentor": f"mentor{n % 40}@bench.example.go.id",
        }
        if n % 10 == 3:
            row["NIP"] = row["NIP"][:-2]
        elif n % 10 == 7:
            row["Instansi"] = row["Instansi"].replace("Dinas", "Dinass")
        made.append(row)
    return made


def csv_bytes(data: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADINGS, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(data)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(data: list[dict]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    for row in data:
        sheet.append([row.get(heading, "") for heading in HEADINGS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def floor(cohort, name: str, content: bytes) -> None:
    """Read the file and store its rows as they are: what an import without checks would cost."""
    read = read_spreadsheet(name, content)
    batch = ImportBatch.objects.create(cohort=cohort, file_name=name)
    ImportRow.objects.bulk_create(
        [ImportRow(batch=batch, line=line, values={k: c.text for k, c in cells.items()}) for line, cells in read.rows],
        batch_size=500,
    )


def timed(action) -> tuple[float, int]:
    """Milliseconds and queries of ``action``, rolled back so that every sample starts from the same rows."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                action()
                raise Rollback
        except Rollback:
            pass
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the participant import of one file against a floor.")
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    prepare_database()
    cohort, staff = set_up()
    data = rows(args.rows)
    clean = [row for n, row in enumerate(data) if n % 10 not in (3, 7)]
    files = {"CSV": ("peserta.csv", csv_bytes(data)), "XLSX": ("peserta.xlsx", xlsx_bytes(data))}
    subjects = {}
    for kind, (name, content) in files.items():
        subjects[f"{kind} read only"] = lambda name=name, content=content: read_spreadsheet(name, content)
        subjects[f"{kind} floor"] = lambda name=name, content=content: floor(cohort, name, content)
        subjects[f"{kind} check"] = lambda name=name, content=content: create_batch(cohort, name, content, by=staff)
    clean_csv = csv_bytes(clean)
    subjects["CSV check+commit"] = lambda: commit_batch(create_batch(cohort, "ok.csv", clean_csv, by=staff), by=staff)
    for action in subjects.values():  # warm: imports, translations, the first connection
        timed(action)
    samples = {name: [] for name in subjects}
    for round_ in range(args.repeat):
        for name in subjects if round_ % 2 == 0 else reversed(list(subjects)):
            samples[name].append(timed(subjects[name]))
    print(f"{args.rows} rows ({len(clean)} without errors for the commit) on {connection.vendor}, {args.repeat} runs")
    print(f"{'':22}{'median ms':>10}{'best ms':>9}{'× floor':>9}{'queries':>9}")
    for name, runs in samples.items():
        kind = name.split()[0]
        base = statistics.median(ms for ms, _ in samples[f"{kind} floor"])
        median = statistics.median(ms for ms, _ in runs)
        best = min(ms for ms, _ in runs)
        print(f"{name:22}{median:10.1f}{best:9.1f}{median / base:9.2f}{runs[0][1]:9d}")

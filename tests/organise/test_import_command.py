"""`manage.py import_participants`: the page's checks on the command line, non-zero when any row fails."""

import pytest
from django.core.management import CommandError, call_command

from diklat.models import Enrolment
from organise.models import ImportBatch
from tests.organise.import_fixtures import csv_file, import_cohort, person

pytestmark = pytest.mark.django_db
__all__ = ["import_cohort"]


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_participants", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_clean_file_is_imported(import_cohort, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_bytes(csv_file([person(1), person(2)]))
    out, _ = run(str(path), "--cohort", str(import_cohort.pk))
    assert "2 participants enrolled" in out
    assert Enrolment.objects.filter(cohort=import_cohort).count() == 2


def test_a_dry_run_checks_and_stores_nothing(import_cohort, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_bytes(csv_file([person(1)]))
    out, _ = run(str(path), "--cohort", str(import_cohort.pk), "--dry-run")
    assert "1 rows checked, no errors" in out
    assert not ImportBatch.objects.exists() and not Enrolment.objects.exists()


def test_row_errors_are_printed_and_the_command_fails(import_cohort, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_bytes(csv_file([person(1), person(2, NIP="123")]))
    with pytest.raises(CommandError, match="1 of 2 rows have errors") as failure:
        run(str(path), "--cohort", str(import_cohort.pk))
    assert not Enrolment.objects.exists()
    assert failure.value.returncode == 1


def test_the_row_and_column_of_each_error_are_printed(import_cohort, tmp_path, capsys):
    path = tmp_path / "peserta.csv"
    path.write_bytes(csv_file([person(1, NIP="123")]))
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_participants", str(path), "--cohort", str(import_cohort.pk), "--dry-run", stderr=err)
    assert "row 2, NIP: A NIP has 18 digits; this one has 3." in err.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"), (b"Nama;Email\nA;a@b.id\n", "Missing columns")],
)
def test_a_file_that_cannot_be_read_fails_with_the_reason(import_cohort, tmp_path, content, message):
    path = tmp_path / "peserta.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--cohort", str(import_cohort.pk))


def test_an_unknown_cohort_or_file_fails(import_cohort, tmp_path):
    with pytest.raises(CommandError, match="no cohort"):
        run(str(tmp_path / "x.csv"), "--cohort", "999999")
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "x.csv"), "--cohort", str(import_cohort.pk))

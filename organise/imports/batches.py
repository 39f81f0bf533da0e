"""An import batch from upload to a clean check: store the rows, check them again, skip rows, place agencies."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from diklat.models import Cohort
from organise.models import ImportBatch, ImportRow
from regions.models import Agency, AgencyKind, Region

from .checking import RowCheck, check_rows
from .lookup import Governments
from .reading import Cell, FileProblem, read_spreadsheet


def read_or_refuse(file_name: str, content: bytes):
    try:
        return read_spreadsheet(file_name, content)
    except FileProblem as problem:
        raise ValidationError({"file": str(problem)}) from None


@transaction.atomic
def create_batch(cohort: Cohort, file_name: str, content: bytes, *, by=None) -> ImportBatch:
    """Read and check a file; its rows are stored with their errors, nothing is created for them yet."""
    read = read_or_refuse(file_name, content)
    batch = ImportBatch.objects.create(cohort=cohort, file_name=file_name[:200], notices=read.notices, created_by=by)
    _store(batch, check_rows(cohort, read.rows))
    return batch


@transaction.atomic
def replace_file(batch: ImportBatch, file_name: str, content: bytes) -> ImportBatch:
    """A corrected file for the same batch: its rows replace the old ones; rows skipped before stay skipped."""
    batch = _open_batch(batch)
    read = read_or_refuse(file_name, content)
    skipped = {_identity(row.values) for row in batch.rows.filter(skipped=True)}
    batch.rows.all().delete()
    batch.file_name, batch.notices = file_name[:200], read.notices
    batch.save(update_fields=["file_name", "notices"])
    _store(batch, check_rows(batch.cohort, read.rows), skipped=skipped)
    return batch


def recheck(batch: ImportBatch) -> list[RowCheck]:
    """Check the stored rows again, against the database as it is now."""
    rows = list(batch.rows.all())
    checks = check_rows(batch.cohort, [(row.line, cells_of(row)) for row in rows])
    for row, check in zip(rows, checks, strict=True):
        row.errors, row.notes, row.agency_matches = check.errors, check.notes, check.agency_matches
    ImportRow.objects.bulk_update(rows, ["errors", "notes", "agency_matches"], batch_size=500)
    return checks


@transaction.atomic
def set_skipped(batch: ImportBatch, lines: list[int], skipped: bool) -> int:
    batch = _open_batch(batch)
    return batch.rows.filter(line__in=lines).update(skipped=skipped)


@transaction.atomic
def choose_agency(batch: ImportBatch, line: int, agency_id: int) -> ImportRow:
    """Take one of the closest known agencies for a row whose agency was not recognised."""
    batch = _open_batch(batch)
    row = batch.rows.get(line=line)
    if agency_id not in {match["id"] for match in row.agency_matches}:
        raise ValidationError(_("Choose one of the agencies offered for this row."))
    agency = Agency.objects.select_related("government").get(pk=agency_id)
    row.values = {**row.values, "agency": agency.name, "government": agency.government.code}
    row.save(update_fields=["values"])
    recheck(batch)
    return row


@transaction.atomic
def create_agency(batch: ImportBatch, *, name: str, government: Region, kind: AgencyKind) -> Agency:
    """Register an agency that the file names and the database does not know yet, then check the rows again."""
    batch = _open_batch(batch)
    agency = Agency(name=name.strip(), government=government, kind=kind)
    agency.full_clean()
    agency.save()
    recheck(batch)
    return agency


@dataclass(frozen=True)
class UnknownAgency:
    name: str  # as the file writes it
    government: Region
    rows: int


def unknown_agencies(batch: ImportBatch) -> list[UnknownAgency]:
    """The agencies the rows name that their (known) government does not have yet, each once, for staff to add."""
    found: dict[tuple[str, str], int] = {}
    for row in batch.rows.taken().exclude(errors={}).only("values", "errors"):
        if "agency" in row.errors and "government" not in row.errors:
            key = (row.values.get("agency", "").strip(), row.values.get("government", ""))
            found[key] = found.get(key, 0) + 1
    if not found:
        return []
    governments = Governments.load()
    unknown = [UnknownAgency(name, governments.find(text), count) for (name, text), count in found.items()]
    return [agency for agency in unknown if agency.government is not None and agency.name]


def _open_batch(batch: ImportBatch) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().select_related("cohort__programme").get(pk=batch.pk)
    if not batch.is_open:
        raise ValidationError(_("This batch is already %(status)s.") % {"status": batch.get_status_display().lower()})
    return batch


def _store(batch: ImportBatch, checks: list[RowCheck], *, skipped=frozenset()) -> None:
    rows = []
    for check in checks:
        values = {key: cell.text for key, cell in check.cells.items()}
        kinds = {key: cell.kind for key, cell in check.cells.items() if cell.kind != "text"}
        rows.append(
            ImportRow(
                batch=batch,
                line=check.line,
                values=values,
                cell_kinds=kinds,
                errors=check.errors,
                notes=check.notes,
                agency_matches=check.agency_matches,
                skipped=_identity(values) in skipped,
            )
        )
    ImportRow.objects.bulk_create(rows, batch_size=500)


def cells_of(row: ImportRow) -> dict[str, Cell]:
    return {key: Cell(text, row.cell_kinds.get(key, "text")) for key, text in row.values.items()}


def _identity(values: dict) -> tuple:
    return (values.get("nip") or values.get("ni_pppk") or "", (values.get("email") or "").lower())

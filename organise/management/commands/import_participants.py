"""Import a cohort's participants from an XLSX or CSV file, as the organiser's import page does."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from diklat.models import Cohort
from organise.imports.batches import create_batch
from organise.imports.columns import BY_KEY
from organise.imports.commit import commit_batch


class DryRun(Exception):
    """Raised to roll the checked batch back."""


class Command(BaseCommand):
    help = "Check a participant spreadsheet and enrol its rows in a cohort; exits with 1 when any row fails."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's id.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row, store and enrol nothing.")

    def handle(self, *args, file: Path, cohort: int, dry_run: bool, **options):
        found = Cohort.objects.select_related("programme").filter(pk=cohort).first()
        if found is None:
            raise CommandError(f"There is no cohort {cohort}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            with transaction.atomic():
                batch = create_batch(found, file.name, content)
                failing = self._report(batch)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        rows = len(self.rows)
        if failing:
            raise CommandError(f"{failing} of {rows} rows have errors; nothing was imported.")
        if dry_run:
            self.stdout.write(f"{rows} rows checked, no errors (dry run: nothing was imported).")
            return
        try:
            committed = commit_batch(batch, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{committed.enrolled} participants enrolled in {found} (batch {batch.pk}); "
            f"{len(committed.new_accounts)} new accounts, {committed.invited} invited by e-mail."
        )

    def _report(self, batch) -> int:
        self.rows = list(batch.rows.all())
        for notice in batch.notices:
            self.stdout.write(notice)
        failing = 0
        for row in self.rows:
            for note in row.notes:
                self.stdout.write(f"row {row.line}: {note}")
            if row.errors:
                failing += 1
            for key, messages in row.errors.items():
                column = BY_KEY[key].heading if key in BY_KEY else ""
                for message in messages:
                    self.stderr.write(
                        f"row {row.line}, {column}: {message}" if column else f"row {row.line}: {message}"
                    )
        return failing

"""`manage.py backup [--output FILE]`: the database and the evidence files in one tar.gz (diklat/backup/)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError
from django.utils import timezone

from diklat.backup.archive import BackupError
from diklat.backup.create import create_backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump or SQLite's online backup) and the evidence files into one tar.gz"
        " with a manifest (migrations, row counts, every file's size and SHA-256) and SHA256SUMS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive to write (default: diklat-backup-<date>-<time>.tar.gz in the current folder).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        output = options["output"] or Path(f"diklat-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"The database could not be read ({error}). Check DATABASE_URL.") from error
        rows = sum(manifest["tables"].values())
        where = "archived" if manifest["storage"]["files_in_archive"] else "listed with their hashes (bucket)"
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {output} ({output.stat().st_size / 1e6:.1f} MB).")
            + f"\n{manifest['database']['engine']}: {len(manifest['tables'])} tables, {rows} rows;"
            f" {len(manifest['files'])} files {where}; {time.monotonic() - started:.1f} s."
        )

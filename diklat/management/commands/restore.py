"""`manage.py restore FILE [--force]`: verify a backup, restore it into an empty database, and check the result."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError

from diklat.backup.archive import BackupError
from diklat.backup.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: check its SHA-256 sums before touching anything,"
        " refuse a database that already has tables (unless --force), restore the database and the files,"
        " then compare every table's row count and every file's hash with the manifest."
    )
    # A site being restored may not pass its checks yet (an empty database, a fresh media folder).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace whatever the target database and media folder already hold.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            manifest = restore_backup(archive, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"The database could not be written ({error}). Check DATABASE_URL.") from error
        app = manifest["app"]
        self.stdout.write(
            self.style.SUCCESS(f"Restored {archive}: the row counts and file hashes match the manifest.")
            + f"\nBackup of {manifest['created_at']} (version {app['version'] or 'unknown'},"
            f" commit {app['git_commit'] or 'unknown'}): {len(manifest['tables'])} tables,"
            f" {sum(manifest['tables'].values())} rows, {len(manifest['files'])} files;"
            f" {time.monotonic() - started:.1f} s."
            "\nIf this code is newer than the backup, run `manage.py migrate` now."
        )

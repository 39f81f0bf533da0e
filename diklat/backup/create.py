"""Write a backup: the database snapshot first, then the files, then the manifest and the checksums."""

import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connections

from diklat.backup import media, postgres, sqlite
from diklat.backup.archive import DATABASE_DIR, MANIFEST_NAME, MEDIA_DIR, ArchiveWriter, BackupError
from diklat.backup.manifest import build_manifest

ENGINES = {"sqlite": sqlite, "postgresql": postgres}


def engine_module(connection):
    """Return the module that copies and restores this connection's database, or refuse the vendor.

    Each has FILE_NAME, snapshot(), check_archived_database() and restore().
    """
    if connection.vendor not in ENGINES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return ENGINES[connection.vendor]


def create_backup(output: Path, *, using: str = "default") -> dict:
    """Write the database and the evidence files into one tar.gz at output; return its manifest."""
    connection = connections[using]
    engine = engine_module(connection)
    storage = default_storage
    with tempfile.TemporaryDirectory(prefix="diklat-backup-") as work:
        dump_path = Path(work) / engine.FILE_NAME
        # The database first, the files after: a file uploaded in between is an orphan in the archive,
        # whereas the other order could archive a row whose file is not in it.
        tables, migrations = engine.snapshot(connection, dump_path)
        with ArchiveWriter(output) as archive:
            member = f"{DATABASE_DIR}/{engine.FILE_NAME}"
            size, digest = archive.add_file(member, dump_path)
            database = {"engine": connection.vendor, "file": member, "size": size, "sha256": digest}
            files = [archived_file(archive, storage, name) for name in media.stored_names(storage)]
            manifest = build_manifest(
                database=database,
                tables=tables,
                migrations=migrations,
                storage=media.describe_storage(storage),
                files=files,
            )
            archive.add_json(MANIFEST_NAME, manifest)
    return manifest


def archived_file(archive: ArchiveWriter, storage, name: str) -> dict:
    """Add a local file to the archive; for a bucket, only record the object's key and hash."""
    if media.is_local(storage):
        with storage.open(name, "rb") as stream:
            size, digest = archive.add_stream(f"{MEDIA_DIR}/{name}", stream, storage.size(name))
    else:
        size, digest = media.hash_stored(storage, name)
    return {"path": name, "size": size, "sha256": digest}

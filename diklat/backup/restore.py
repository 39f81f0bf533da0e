"""Restore a backup: verify everything first, refuse a target that holds data, restore, then compare."""

import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connections

from diklat.backup import media, postgres, sqlite
from diklat.backup.archive import MEDIA_DIR, BackupError, extract_verified
from diklat.backup.create import engine_module
from diklat.backup.manifest import check_manifest, file_differences, row_count_differences, row_counts


def restore_backup(archive: Path, *, force: bool = False, using: str = "default") -> dict:
    """Restore the database and the files of an archive into this site; return the archive's manifest."""
    connection = connections[using]
    engine = engine_module(connection)
    storage = default_storage
    with tempfile.TemporaryDirectory(prefix="diklat-restore-") as work:
        staging = Path(work)
        manifest, sums = extract_verified(archive, staging)
        check_manifest(manifest)
        check_matches_site(manifest, sums, connection, storage)
        dump_path = staging / manifest["database"]["file"]
        engine.check_archived_database(dump_path)
        existing_tables = current_tables(connection)
        refuse_non_empty_target(existing_tables, storage, manifest, force=force)
        # Everything is verified: from here on the target changes.
        engine.restore(dump_path, connection, existing_tables=existing_tables)
        if manifest["storage"]["files_in_archive"]:
            for entry in manifest["files"]:
                media.put_local(staging / MEDIA_DIR / entry["path"], storage, entry["path"])
    differences = compare_with_manifest(manifest, connection, storage)
    if differences:
        raise BackupError(
            "The restored site differs from the backup:\n  "
            + "\n  ".join(differences[:50])
            + (f"\n  ... and {len(differences) - 50} more" if len(differences) > 50 else "")
        )
    return manifest


def check_matches_site(manifest: dict, sums: dict[str, str], connection, storage) -> None:
    """Refuse an archive made for another database engine or storage, or whose manifest disagrees with its files."""
    if manifest["database"]["engine"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest['database']['engine']} database; this site uses {connection.vendor}."
        )
    if manifest["storage"]["files_in_archive"] != media.is_local(storage):
        raise BackupError(
            f"The archive's files were kept in {manifest['storage']['backend']} storage; this site keeps them in"
            f" {'a local folder' if media.is_local(storage) else 'a bucket'}. Restore with the same DJANGO_STORAGE."
        )
    problems = []
    if sums.get(manifest["database"]["file"]) != manifest["database"]["sha256"]:
        problems.append(f"the database {manifest['database']['file']} does not match the manifest")
    if manifest["storage"]["files_in_archive"]:
        listed = {f"{MEDIA_DIR}/{entry['path']}": entry["sha256"] for entry in manifest["files"]}
        archived = {name: digest for name, digest in sums.items() if name.startswith(f"{MEDIA_DIR}/")}
        problems += [
            f"{name} does not match the manifest" for name in sorted(listed) if archived.get(name) != listed[name]
        ]
        problems += [f"{name} is not in the manifest" for name in sorted(archived.keys() - listed.keys())]
    if problems:
        raise BackupError("The archive disagrees with its manifest; nothing was restored:\n  " + "\n  ".join(problems))


def current_tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return sqlite.user_tables(cursor)
        return postgres.user_tables(connection, cursor)


def refuse_non_empty_target(tables: list[str], storage, manifest: dict, *, force: bool) -> None:
    if force:
        return
    if tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise BackupError(
            f"The target database is not empty: it has {len(tables)} tables ({shown}). Restore into a new, empty"
            " database, or pass --force to replace everything in it. Nothing was restored."
        )
    if manifest["storage"]["files_in_archive"] and media.has_files(storage):
        raise BackupError(
            f"The media folder {storage.location} already holds files. Restore into an empty folder"
            " (DJANGO_MEDIA_ROOT), or pass --force to write the archive's files over it. Nothing was restored."
        )


def compare_with_manifest(manifest: dict, connection, storage) -> list[str]:
    """Describe every difference between the restored database and files and what the manifest expects."""
    with connection.cursor() as cursor:
        tables = current_tables(connection)
        counts = row_counts(cursor, tables, connection.ops.quote_name)
    differences = row_count_differences(manifest["tables"], counts)
    found = {entry["path"]: media.hash_stored(storage, entry["path"]) for entry in manifest["files"]}
    differences += file_differences(manifest["files"], found)
    if not manifest["storage"]["files_in_archive"] and any(value is None for value in found.values()):
        differences.append("the bucket has lost objects: restore them from the bucket's versioning or its own backup")
    return differences

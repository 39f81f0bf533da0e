"""A backup of the demo restored into a fresh SQLite site loses nothing: every row, every file."""

import hashlib
import json
import sqlite3
import stat
from datetime import datetime

from tests.backup.sites import archive_members, file_hashes, sqlite_path, sqlite_tables


def test_a_restored_demo_has_every_row_and_every_file_of_the_original(demo_site, demo_archive, fresh_site):
    output = fresh_site.manage_ok("restore", str(demo_archive))

    assert "match the manifest" in output
    original, restored = sqlite_tables(sqlite_path(demo_site)), sqlite_tables(sqlite_path(fresh_site))
    assert restored.keys() == original.keys()
    for table in original:
        assert restored[table] == original[table], f"{table} differs after the restore"
    original_files = file_hashes(demo_site.media_root)
    assert len(original_files) > 100  # the demo's evidence, minutes and records
    assert file_hashes(fresh_site.media_root) == original_files


def test_the_restored_site_needs_no_migration_and_reads_its_data(demo_archive, fresh_site):
    fresh_site.manage_ok("restore", str(demo_archive))

    fresh_site.manage_ok("migrate", "--check", "-v0")
    count = "from projects.models import ChangeProject; print(ChangeProject.objects.count())"
    assert fresh_site.manage_ok("shell", "--no-imports", "-c", count).strip() == "60"


def test_the_manifest_records_the_database_its_migrations_and_every_file(demo_site, demo_archive):
    manifest = json.loads(archive_members(demo_archive)["manifest.json"])
    source = sqlite3.connect(sqlite_path(demo_site))
    try:
        migrations = source.execute("SELECT app, name FROM django_migrations ORDER BY app, name").fetchall()
        users = source.execute("SELECT COUNT(*) FROM people_user").fetchone()[0]
    finally:
        source.close()

    assert datetime.fromisoformat(manifest["created_at"]).utcoffset() is not None
    assert manifest["app"]["version"]
    assert manifest["database"]["engine"] == "sqlite"
    assert [(app, name) for app, names in manifest["migrations"].items() for name in names] == migrations
    assert manifest["tables"]["people_user"] == users
    tables = {
        name for name in sqlite_tables(sqlite_path(demo_site)) if name != "schema" and not name.startswith("sqlite_")
    }
    assert manifest["tables"].keys() == tables
    assert manifest["storage"] == {"backend": "local", "files_in_archive": True}
    files = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    assert files == {
        path: ((demo_site.media_root / path).stat().st_size, digest)
        for path, digest in file_hashes(demo_site.media_root).items()
    }


def test_sha256sums_covers_every_other_member_of_the_archive(demo_archive):
    members = archive_members(demo_archive)
    sums = dict(reversed(line.split("  ", 1)) for line in members.pop("SHA256SUMS").decode().splitlines())

    assert sums == {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    assert {name.split("/")[0] for name in members} == {"database", "media", "manifest.json"}


def test_the_archive_is_readable_by_its_owner_only(demo_archive):
    assert stat.S_IMODE(demo_archive.stat().st_mode) == 0o600

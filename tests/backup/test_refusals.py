"""What restore refuses, and that it refuses before it changes anything."""

import json
import sqlite3

import pytest

from tests.backup.sites import file_hashes, flip_first_byte, rewrite_archive, sqlite_path, sqlite_tables


def nothing_was_restored(site) -> bool:
    database = sqlite_path(site)
    no_tables = not database.exists() or sqlite_tables(database) == {"schema": []}
    return no_tables and not (site.media_root.exists() and file_hashes(site.media_root))


@pytest.mark.parametrize("tampered", ["database/db.sqlite3", "media", "manifest.json"])
def test_a_tampered_archive_is_refused_before_anything_is_restored(demo_archive, fresh_site, tmp_path, tampered):
    def change(name: str, data: bytes) -> bytes:
        is_target = name == tampered or (tampered == "media" and name.endswith(".pdf"))
        return flip_first_byte(data) if is_target else data

    broken = tmp_path / "tampered.tar.gz"
    rewrite_archive(demo_archive, broken, change)

    result = fresh_site.manage("restore", str(broken))

    assert result.returncode != 0
    assert "failed its checksums; nothing was restored" in result.stderr
    assert "checksum mismatch: " + ("media/" if tampered == "media" else tampered) in result.stderr
    assert nothing_was_restored(fresh_site)


def test_a_truncated_archive_is_refused(demo_archive, fresh_site, tmp_path):
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(demo_archive.read_bytes()[: demo_archive.stat().st_size // 2])

    result = fresh_site.manage("restore", str(truncated))

    assert result.returncode != 0
    assert "is not a complete tar.gz archive" in result.stderr
    assert nothing_was_restored(fresh_site)


def test_a_database_with_tables_is_refused_without_force_and_replaced_with_it(demo_site, demo_archive, fresh_site):
    older = sqlite3.connect(sqlite_path(fresh_site))
    with older:
        older.execute("CREATE TABLE people_user (id INTEGER PRIMARY KEY, username TEXT)")
        older.execute("INSERT INTO people_user (username) VALUES ('someone from before')")
    older.close()
    before = sqlite_tables(sqlite_path(fresh_site))

    refused = fresh_site.manage("restore", str(demo_archive))

    assert refused.returncode != 0
    assert "The target database is not empty" in refused.stderr
    assert "--force" in refused.stderr
    assert sqlite_tables(sqlite_path(fresh_site)) == before
    fresh_site.manage_ok("restore", "--force", str(demo_archive))
    assert sqlite_tables(sqlite_path(fresh_site)) == sqlite_tables(sqlite_path(demo_site))


def test_a_media_folder_that_holds_files_is_refused_without_force(demo_archive, fresh_site):
    (fresh_site.media_root / "evidence").mkdir(parents=True)
    (fresh_site.media_root / "evidence" / "left-over.pdf").write_bytes(b"%PDF-1.4 an older site's file")

    refused = fresh_site.manage("restore", str(demo_archive))

    assert refused.returncode != 0
    assert "already holds files" in refused.stderr
    assert not sqlite_path(fresh_site).exists() or sqlite_tables(sqlite_path(fresh_site)) == {"schema": []}


def test_a_restore_that_differs_from_the_manifest_exits_non_zero(demo_archive, fresh_site, tmp_path):
    # A manifest that promises one more user than the database holds, with sums that agree with it:
    # only the comparison after the restore can notice.
    def promise_one_more_user(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["people_user"] += 1
        return json.dumps(manifest).encode()

    inconsistent = tmp_path / "inconsistent.tar.gz"
    rewrite_archive(demo_archive, inconsistent, promise_one_more_user, recompute_sums=True)

    result = fresh_site.manage("restore", str(inconsistent))

    assert result.returncode != 0
    assert "The restored site differs from the backup" in result.stderr
    assert "table people_user has" in result.stderr


def test_a_file_missing_from_the_manifest_is_refused(demo_archive, fresh_site, tmp_path):
    def forget_the_first_file(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["files"] = manifest["files"][1:]
        return json.dumps(manifest).encode()

    inconsistent = tmp_path / "inconsistent.tar.gz"
    rewrite_archive(demo_archive, inconsistent, forget_the_first_file, recompute_sums=True)

    result = fresh_site.manage("restore", str(inconsistent))

    assert result.returncode != 0
    assert "is not in the manifest" in result.stderr
    assert nothing_was_restored(fresh_site)


def test_an_archive_of_an_unknown_manifest_format_is_refused(demo_archive, fresh_site, tmp_path):
    def from_a_later_version(name: str, data: bytes) -> bytes:
        return json.dumps({**json.loads(data), "format": 2}).encode() if name == "manifest.json" else data

    later = tmp_path / "later.tar.gz"
    rewrite_archive(demo_archive, later, from_a_later_version, recompute_sums=True)

    result = fresh_site.manage("restore", str(later))

    assert result.returncode != 0
    assert "The manifest has format 2; this version reads format 1." in result.stderr
    assert nothing_was_restored(fresh_site)

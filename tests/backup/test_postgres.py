"""PostgreSQL: the demo dumped with pg_dump and restored with pg_restore into a new database loses nothing."""

import json
import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.backup.sites import Site, file_hashes, rewrite_archive

pytestmark = pytest.mark.postgres_only


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def new_database():
    """Create databases on the test server, and drop them when the module is done."""
    created = []
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:

        def create(purpose: str) -> str:
            name = f"backup_{purpose}_{uuid.uuid4().hex[:8]}"
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            created.append(name)
            return database_url(name)

        yield create
        for name in created:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def postgres_demo(new_database, tmp_path_factory) -> Site:
    site = Site(new_database("source"), tmp_path_factory.mktemp("pg-demo") / "media")
    site.manage_ok("migrate", "--noinput", "-v0")
    site.manage_ok("load_demo")
    return site


@pytest.fixture(scope="module")
def postgres_archive(postgres_demo, tmp_path_factory):
    archive = tmp_path_factory.mktemp("pg-backup") / "demo.tar.gz"
    postgres_demo.manage_ok("backup", "--output", str(archive))
    return archive


def every_row(url: str) -> dict[str, list[str]]:
    """Each table's rows as JSON text, sorted, and each sequence's position under the key 'sequences'."""
    with psycopg.connect(url) as database:
        tables = [row[0] for row in database.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        rows = {
            table: sorted(
                row[0]
                for row in database.execute(
                    sql.SQL("SELECT row_to_json(t)::text FROM {} AS t").format(sql.Identifier(table))
                )
            )
            for table in tables
        }
        sequences = database.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1").fetchall()
    return {**rows, "sequences": sequences}


def test_a_restored_postgres_demo_has_every_row_sequence_and_file(
    postgres_demo, postgres_archive, new_database, tmp_path
):
    target = Site(new_database("target"), tmp_path / "media")

    target.manage_ok("restore", str(postgres_archive))

    original, restored = every_row(postgres_demo.database_url), every_row(target.database_url)
    assert restored.keys() == original.keys()
    assert len(original["people_user"]) > 60
    for table in original:
        assert restored[table] == original[table], f"{table} differs after the restore"
    assert file_hashes(target.media_root) == file_hashes(postgres_demo.media_root)
    target.manage_ok("migrate", "--check", "-v0")


def test_a_postgres_database_with_tables_is_refused_without_force(
    postgres_demo, postgres_archive, new_database, tmp_path
):
    target = Site(new_database("migrated"), tmp_path / "media")
    with psycopg.connect(target.database_url, autocommit=True) as database:
        database.execute("CREATE TABLE people_user (id bigint PRIMARY KEY, username text)")
        database.execute("CREATE TABLE left_over (id bigint)")

    refused = target.manage("restore", str(postgres_archive))

    assert refused.returncode != 0
    assert "The target database is not empty: it has 2 tables (left_over, people_user)" in refused.stderr
    target.manage_ok("restore", "--force", str(postgres_archive))
    assert every_row(target.database_url) == every_row(postgres_demo.database_url)


def test_an_archive_of_another_engine_is_refused(postgres_archive, new_database, tmp_path):
    def claim_sqlite(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["engine"] = "sqlite"
        return json.dumps(manifest).encode()

    sqlite_archive = tmp_path / "sqlite.tar.gz"
    rewrite_archive(postgres_archive, sqlite_archive, claim_sqlite, recompute_sums=True)
    target = Site(new_database("wrong_engine"), tmp_path / "media")

    refused = target.manage("restore", str(sqlite_archive))

    assert refused.returncode != 0
    assert "The archive holds a sqlite database; this site uses postgresql." in refused.stderr

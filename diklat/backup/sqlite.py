"""SQLite: a consistent copy of the live database with the online backup API, and the way back.

Copying the file itself is unsafe: in WAL mode the latest commits live in db.sqlite3-wal until a
checkpoint, and a copy taken during a write is torn. The backup API reads one consistent snapshot
through SQLite, while the app goes on writing.
"""

import sqlite3
from pathlib import Path

# Check constraints may call what Django adds to its SQLite connections (REGEXP for __regex):
# integrity_check evaluates them, so a plain sqlite3 connection needs the same functions.
from django.db.backends.sqlite3._functions import register as register_django_functions

from diklat.backup.archive import BackupError
from diklat.backup.manifest import applied_migrations, row_counts

FILE_NAME = "db.sqlite3"


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def user_tables(cursor) -> list[str]:
    """Return the tables of the schema, leaving out SQLite's own (sqlite_sequence, sqlite_stat1)."""
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    return sorted(row[0] for row in cursor.fetchall())


def snapshot(connection, destination: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Copy the database behind a Django connection to destination; return the copy's row counts and migrations."""
    connection.ensure_connection()
    copy = sqlite3.connect(destination)
    try:
        connection.connection.backup(copy)
        # One self-contained file: the copy must not need a -wal file beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        check_integrity(copy, destination)
        # Counted in the copy, not the live database: the counts are those of the snapshot archived.
        cursor = copy.cursor()
        tables = user_tables(cursor)
        return row_counts(cursor, tables, quote_name), applied_migrations(cursor, tables)
    finally:
        copy.close()


def check_integrity(database: sqlite3.Connection, path: Path) -> None:
    register_django_functions(database)
    result = database.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        problems = "; ".join(row[0] for row in result[:5])
        raise BackupError(f"The SQLite database {path.name} fails its integrity check: {problems}")


def check_archived_database(path: Path) -> None:
    """Make sure an extracted database file is a sound SQLite database before anything is replaced."""
    try:
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check_integrity(database, path)
        finally:
            database.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The archived database {path.name} is not a readable SQLite database ({error}).") from error


def restore(source: Path, connection, *, existing_tables: list[str]) -> None:
    """Replace the whole database behind a Django connection by the archived copy, in one SQLite transaction.

    The backup API overwrites every page of the target, so the tables that --force replaces need no dropping.
    """
    connection.ensure_connection()
    archived = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        archived.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore the database ({error}).") from error
    finally:
        archived.close()
    # Django's connection may hold what it read of the old schema: the next query starts afresh.
    connection.close()

"""PostgreSQL: pg_dump in its custom format from one snapshot, and pg_restore into an empty database."""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import transaction
from django.db.backends.postgresql.client import DatabaseClient

from diklat.backup.archive import BackupError
from diklat.backup.manifest import applied_migrations, row_counts

FILE_NAME = "postgres.dump"
# Debian and Ubuntu install each server version's tools here, and only some of them on PATH.
VERSIONED_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def find_tool(name: str) -> str:
    """Return the path of pg_dump or pg_restore: the one on PATH, else the newest under /usr/lib/postgresql."""
    if found := shutil.which(name):
        return found

    def major_version(folder: str) -> int:
        match = re.search(r"/(\d+)/bin$", folder)
        return int(match.group(1)) if match else 0

    for folder in sorted(glob.glob(VERSIONED_BIN_GLOB), key=major_version, reverse=True):
        candidate = Path(folder) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"{name} was not found on PATH nor in {VERSIONED_BIN_GLOB} (apt-get install postgresql-client).")


def client_command(connection, tool: str, parameters: list[str]) -> tuple[list[str], dict[str, str]]:
    """Return the command line and environment that connect a PostgreSQL tool to the connection's database."""
    settings_dict = connection.settings_dict
    # Django's psql helper knows where the password, the service and the SSL files go (the environment).
    _, client_environment = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    command = [find_tool(tool), "--dbname", settings_dict["NAME"] or "postgres"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command += [flag, str(settings_dict[key])]
    return command + parameters, {**os.environ, **(client_environment or {})}


def run(command: list[str], environment: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}):\n{result.stderr.strip()}")


def user_tables(connection, cursor) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def snapshot(connection, destination: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Dump the database to destination; return its row counts and migrations, read in the dump's own snapshot."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # pg_dump joins this transaction's snapshot: the counts describe exactly the rows it dumps.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        tables = user_tables(connection, cursor)
        counts = row_counts(cursor, tables, connection.ops.quote_name)
        migrations = applied_migrations(cursor, tables)
        command, environment = client_command(
            connection, "pg_dump", ["--format=custom", f"--snapshot={snapshot_id}", f"--file={destination}"]
        )
        run(command, environment, "pg_dump")
    return counts, migrations


def check_archived_database(path: Path) -> None:
    """Make sure an extracted dump is one pg_restore can read (its table of contents), before anything is replaced."""
    command = [find_tool("pg_restore"), "--list", str(path)]
    run(command, dict(os.environ), "pg_restore --list (reading the archived dump)")


def drop_tables(connection, tables: list[str]) -> None:
    """Empty the target for --force: every table goes, with the sequences and constraints that belong to it."""
    quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")


def restore(source: Path, connection, *, existing_tables: list[str]) -> None:
    """Load a custom-format dump into the connection's database, all or nothing, once --force's tables are gone."""
    if existing_tables:
        drop_tables(connection, existing_tables)
    # The objects belong to whoever restores: the role that made the dump need not exist here.
    parameters = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", str(source)]
    command, environment = client_command(connection, "pg_restore", parameters)
    run(command, environment, "pg_restore")
    connection.close()

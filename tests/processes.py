"""The test database seen from another process (gunicorn, the task worker) and read back afterwards."""

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connection


def served_database_url(tmp_path: Path) -> str:
    """A DATABASE_URL another process can open, holding what the test database holds.

    PostgreSQL: the test database itself (the test must commit, i.e. be transactional). SQLite:
    the test database lives in this process's memory, so the other process gets a copy in a file.
    """
    if connection.vendor == "sqlite":
        copy = tmp_path / "served.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
            # As `migrate` leaves a real database: already in WAL, so processes opening it at
            # once don't race to switch the journal mode (that switch fails as "locked").
            target.execute("PRAGMA journal_mode=WAL")
        return f"sqlite:///{copy}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def read_back(database_url: str) -> None:
    """After the other process is done: on SQLite, what it wrote becomes the test database's content."""
    if connection.vendor != "sqlite":
        return
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as source:
        source.backup(connection.connection)

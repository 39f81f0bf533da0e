"""What a backup says about itself (manifest.json), and how a restored copy is compared with it."""

import subprocess
import tomllib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone

from diklat.backup.archive import BackupError

FORMAT_VERSION = 1
MIGRATIONS_TABLE = "django_migrations"


def app_version() -> str | None:
    """Return the version in pyproject.toml, when the deployment ships it."""
    try:
        with (settings.BASE_DIR / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def git_commit() -> str | None:
    """Return the checked-out commit, when the code runs from a git clone and git is installed."""
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def row_counts(cursor, tables: Iterable[str], quote_name: Callable[[str], str]) -> dict[str, int]:
    """Count the rows of each table through a DB-API cursor."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, tables: Iterable[str]) -> dict[str, list[str]]:
    """Return the applied migrations per app, as the database records them."""
    if MIGRATIONS_TABLE not in tables:
        return {}
    cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE} ORDER BY app, name")
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def build_manifest(*, database: dict, tables: dict[str, int], migrations: dict, storage: dict, files: list) -> dict:
    return {
        "format": FORMAT_VERSION,
        "created_at": timezone.localtime().isoformat(timespec="seconds"),
        "app": {"version": app_version(), "git_commit": git_commit()},
        "database": database,
        "migrations": migrations,
        "tables": tables,
        "storage": storage,
        "files": files,
    }


def check_manifest(manifest) -> None:
    """Refuse a manifest that this version cannot read, before any of it is trusted."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(f"The manifest has format {found!r}; this version reads format {FORMAT_VERSION}.")
    missing = [key for key in ("database", "tables", "storage", "files") if key not in manifest]
    if missing:
        raise BackupError(f"The manifest lacks {', '.join(missing)}: it is not a complete backup manifest.")


def row_count_differences(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """Describe every table that is missing, unexpected, or holds another number of rows than expected."""
    differences = [f"table {table} is missing" for table in sorted(expected.keys() - actual.keys())]
    differences += [f"table {table} is not in the backup" for table in sorted(actual.keys() - expected.keys())]
    differences += [
        f"table {table} has {actual[table]} rows, the backup {expected[table]}"
        for table in sorted(expected.keys() & actual.keys())
        if expected[table] != actual[table]
    ]
    return differences


def file_differences(expected: list[dict], actual: dict[str, tuple[int, str] | None]) -> list[str]:
    """Describe every expected file that is missing or whose size or SHA-256 differs; actual maps path to both."""
    differences = []
    for entry in expected:
        found = actual.get(entry["path"])
        if found is None:
            differences.append(f"file {entry['path']} is missing")
        elif found != (entry["size"], entry["sha256"]):
            differences.append(
                f"file {entry['path']} differs from the backup (size {found[0]}, {entry['size']} expected)"
            )
    return differences

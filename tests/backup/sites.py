"""A site in a temporary folder (its own database and media folder), driven by `manage.py` in a subprocess.

A subprocess is the honest test of a backup: the command sees only what a cron job would see, a
database URL and a media folder, never the test's own connection or transaction.
"""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test process that would point a subprocess elsewhere than the site under test.
SITE_VARIABLES = ("DATABASE_URL", "DJANGO_MEDIA_ROOT", "DJANGO_STORAGE", "AWS_STORAGE_BUCKET_NAME")


@dataclass(frozen=True)
class Site:
    database_url: str
    media_root: Path
    extra_environment: dict[str, str] = field(default_factory=dict)

    def manage(self, *arguments: str, timeout: int = 240) -> subprocess.CompletedProcess:
        environment = {key: value for key, value in os.environ.items() if key not in SITE_VARIABLES}
        environment.update(DATABASE_URL=self.database_url, DJANGO_MEDIA_ROOT=str(self.media_root))
        environment.update(self.extra_environment)
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def manage_ok(self, *arguments: str) -> str:
        result = self.manage(*arguments)
        assert result.returncode == 0, f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout


def sqlite_site(folder: Path, **extra_environment: str) -> Site:
    folder.mkdir(parents=True, exist_ok=True)
    return Site(f"sqlite:///{folder / 'db.sqlite3'}", folder / "media", extra_environment)


def sqlite_path(site: Site) -> Path:
    return Path(site.database_url.removeprefix("sqlite:///"))


def sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in rowid order (sqlite_sequence's next ids too), and the schema under the key 'schema'."""
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = database.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        tables = [name for kind, name, _ in schema if kind == "table"]
        rows = {table: database.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall() for table in tables}
    finally:
        database.close()
    return {"schema": schema, **rows}


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def archive_members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def rewrite_archive(
    source: Path, target: Path, change: Callable[[str, bytes], bytes], *, recompute_sums: bool = False
) -> None:
    """Write a copy of an archive with some members changed; with recompute_sums, SHA256SUMS agrees with them."""
    members = {name: change(name, data) for name, data in archive_members(source).items()}
    if recompute_sums:
        members["SHA256SUMS"] = "".join(
            f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in members.items() if name != "SHA256SUMS"
        ).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def flip_first_byte(data: bytes) -> bytes:
    return bytes([data[0] ^ 0xFF]) + data[1:]

"""The archive: one tar.gz holding the database, the media files, manifest.json and SHA256SUMS.

SHA256SUMS lists every other member in `sha256sum` format, so an operator can also check an
extracted archive by hand (`sha256sum -c SHA256SUMS`). The sums catch corruption and careless
edits, not an attacker who rewrites them: keep archives where only operators can write.
"""

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

MANIFEST_NAME = "manifest.json"
CHECKSUMS_NAME = "SHA256SUMS"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
CHUNK_BYTES = 1024 * 1024
# Evidence is mostly PNG, JPEG and PDF, which are compressed already: the top levels cost time for nothing.
COMPRESS_LEVEL = 6


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def sha256_of_stream(stream: BinaryIO) -> tuple[int, str]:
    """Return the size and SHA-256 (hex) of what is left to read in a binary stream."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


class HashingReader:
    """Pass reads through to a stream while hashing them, so a file is read once to archive and hash it."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


class ArchiveWriter:
    """Write a tar.gz under a temporary name, and give it its real name only once it is complete.

    A cron job that dies half-way thus never leaves a truncated archive under the name of a good one.
    The archive holds password hashes and personal data: it is readable by its owner only.
    """

    def __init__(self, output: Path):
        self.output = output
        self.partial = output.with_name(output.name + ".partial")
        self.sums: dict[str, str] = {}

    def __enter__(self) -> "ArchiveWriter":
        try:
            descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as error:
            raise BackupError(f"Cannot write the archive {self.output} ({error.strerror}).") from error
        self.raw = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self.raw, mode="w:gz", compresslevel=COMPRESS_LEVEL)
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        try:
            if error_type is None:
                lines = "".join(f"{digest}  {name}\n" for name, digest in self.sums.items())
                self._add(CHECKSUMS_NAME, io.BytesIO(lines.encode()), len(lines.encode()))
            self.tar.close()
            self.raw.flush()
            os.fsync(self.raw.fileno())
        finally:
            self.raw.close()
        if error_type is None:
            os.replace(self.partial, self.output)
        else:
            self.partial.unlink(missing_ok=True)

    def add_stream(self, name: str, stream: BinaryIO, size: int) -> tuple[int, str]:
        """Add a member read from a stream of the given size; return its size and SHA-256."""
        reader = HashingReader(stream)
        self._add(name, reader, size)
        self.sums[name] = reader.digest.hexdigest()
        return reader.size, self.sums[name]

    def add_file(self, name: str, path: Path) -> tuple[int, str]:
        with path.open("rb") as stream:
            return self.add_stream(name, stream, path.stat().st_size)

    def add_json(self, name: str, document: dict) -> None:
        data = json.dumps(document, indent=2, ensure_ascii=False).encode()
        self.add_stream(name, io.BytesIO(data), len(data))

    def _add(self, name: str, reader, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(time.time())
        self.tar.addfile(info, reader)


def safe_member_name(name: str) -> PurePosixPath:
    """Refuse a member that would land outside the staging folder or is not one of ours."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds a member with an unsafe path: {name!r}.")
    if str(path) not in {MANIFEST_NAME, CHECKSUMS_NAME} and path.parts[0] not in {DATABASE_DIR, MEDIA_DIR}:
        raise BackupError(f"The archive holds a member that no backup writes: {name!r}.")
    return path


def extract_verified(archive: Path, staging: Path) -> tuple[dict, dict[str, str]]:
    """Extract the archive into staging, check every member against SHA256SUMS; return the manifest and the sums."""
    actual: dict[str, str] = {}
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                path = safe_member_name(member.name)
                if not member.isfile():
                    raise BackupError(f"The archive holds {member.name!r}, which is not a regular file.")
                if str(path) in actual:
                    raise BackupError(f"The archive holds {member.name!r} twice.")
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as copy:
                    reader = HashingReader(source)
                    while chunk := reader.read(CHUNK_BYTES):
                        copy.write(chunk)
                actual[str(path)] = reader.digest.hexdigest()
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{archive} is not a complete tar.gz archive ({error}).") from error
    except OSError as error:
        raise BackupError(f"{archive} could not be extracted into {staging} ({error}).") from error
    if CHECKSUMS_NAME not in actual or MANIFEST_NAME not in actual:
        raise BackupError(
            f"{archive} has no {CHECKSUMS_NAME} or no {MANIFEST_NAME}: it is not a Diklat Tracker backup."
        )
    expected = read_checksums(staging / CHECKSUMS_NAME)
    del actual[CHECKSUMS_NAME]
    problems = [
        f"checksum mismatch: {name}"
        for name in sorted(expected.keys() & actual.keys())
        if expected[name] != actual[name]
    ]
    problems += [f"missing from the archive: {name}" for name in sorted(expected.keys() - actual.keys())]
    problems += [f"not listed in {CHECKSUMS_NAME}: {name}" for name in sorted(actual.keys() - expected.keys())]
    if problems:
        raise BackupError(f"{archive} failed its checksums; nothing was restored:\n  " + "\n  ".join(problems))
    try:
        manifest = json.loads((staging / MANIFEST_NAME).read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{MANIFEST_NAME} in {archive} is not valid JSON ({error}).") from error
    return manifest, actual


def read_checksums(path: Path) -> dict[str, str]:
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            raise BackupError(f"{CHECKSUMS_NAME} has a line that is not '<sha256>  <name>': {line!r}.")
        sums[name] = digest
    return sums

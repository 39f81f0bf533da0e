"""The evidence files: listed and hashed through Django's storage, whether a local folder or an S3 bucket."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage

from diklat.backup.archive import sha256_of_stream


def is_local(storage: Storage) -> bool:
    return isinstance(storage, FileSystemStorage)


def describe_storage(storage: Storage) -> dict:
    """Say where the files live: in the archive for a local folder, only listed and hashed for a bucket."""
    if is_local(storage):
        return {"backend": "local", "files_in_archive": True}
    return {
        "backend": "s3",
        "files_in_archive": False,
        "bucket": getattr(storage, "bucket_name", None),
        "location": getattr(storage, "location", ""),
    }


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Yield the name of every stored file, walking the folders in order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media root that no upload has created yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from stored_names(storage, f"{folder}/{name}" if folder else name)


def hash_stored(storage: Storage, name: str) -> tuple[int, str] | None:
    """Return the size and SHA-256 of a stored file, or None when it is not there."""
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as stream:
        return sha256_of_stream(stream)


def has_files(storage: Storage) -> bool:
    return next(stored_names(storage), None) is not None


def put_local(staged: Path, storage: FileSystemStorage, name: str) -> None:
    """Move a verified file into the media folder under its own name (never a renamed copy, as save() would)."""
    target = Path(storage.path(name))  # path() refuses a name that would leave the media folder
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(staged, target)
    if settings.FILE_UPLOAD_PERMISSIONS is not None:
        os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS)

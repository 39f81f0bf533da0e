"""With evidence in S3 the archive holds the database and the bucket's keys and hashes, and restore checks them."""

import hashlib
import json
import sqlite3
import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.backup.sites import Site, archive_members, sqlite_path, sqlite_site, sqlite_tables
from tests.storage.buckets import CREDENTIALS, REGION, Bucket, s3_environment

OBJECTS = {"evidence/2026/12/ABC123.pdf": b"%PDF-1.4 minutes", "records/2026/12/XYZ789.pdf": b"%PDF-1.4 certificate"}


@pytest.fixture(scope="module")
def bucket() -> Bucket:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    name = f"evidence-{uuid.uuid4().hex[:16]}"
    client.create_bucket(Bucket=name)
    for key, data in OBJECTS.items():
        client.put_object(Bucket=name, Key=key, Body=data)
    yield Bucket(name=name, endpoint=endpoint, client=client)
    server.stop()


@pytest.fixture(scope="module")
def s3_site(demo_site, bucket, tmp_path_factory) -> Site:
    """The demo's database, with its evidence in the bucket instead of a local folder."""
    site = sqlite_site(tmp_path_factory.mktemp("s3-site"), **s3_environment(bucket))
    source, copy = sqlite3.connect(sqlite_path(demo_site)), sqlite3.connect(sqlite_path(site))
    source.backup(copy)
    source.close()
    copy.close()
    return site


@pytest.fixture(scope="module")
def s3_archive(s3_site, tmp_path_factory):
    archive = tmp_path_factory.mktemp("s3-backup") / "s3.tar.gz"
    s3_site.manage_ok("backup", "--output", str(archive))
    return archive


def test_the_archive_lists_the_buckets_keys_and_hashes_but_holds_no_file(s3_archive, bucket):
    members = archive_members(s3_archive)
    manifest = json.loads(members["manifest.json"])

    assert not [name for name in members if name.startswith("media/")]
    assert manifest["storage"] == {"backend": "s3", "files_in_archive": False, "bucket": bucket.name, "location": ""}
    assert manifest["files"] == [
        {"path": key, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for key, data in OBJECTS.items()
    ]


def test_a_restore_with_the_same_bucket_checks_every_object(s3_site, s3_archive, bucket, tmp_path):
    target = sqlite_site(tmp_path / "target", **s3_environment(bucket))

    target.manage_ok("restore", str(s3_archive))

    assert sqlite_tables(sqlite_path(target)) == sqlite_tables(sqlite_path(s3_site))


def test_a_restore_whose_bucket_lost_an_object_exits_non_zero(s3_archive, bucket, tmp_path):
    target = sqlite_site(tmp_path / "target", **s3_environment(bucket))
    lost = "records/2026/12/XYZ789.pdf"
    bucket.client.delete_object(Bucket=bucket.name, Key=lost)
    try:
        result = target.manage("restore", str(s3_archive))
    finally:
        bucket.client.put_object(Bucket=bucket.name, Key=lost, Body=OBJECTS[lost])

    assert result.returncode != 0
    assert "file records/2026/12/XYZ789.pdf is missing" in result.stderr
    assert "bucket's versioning" in result.stderr


def test_an_s3_archive_is_refused_by_a_site_with_a_local_folder(s3_archive, fresh_site):
    result = fresh_site.manage("restore", str(s3_archive))

    assert result.returncode != 0
    assert "Restore with the same DJANGO_STORAGE" in result.stderr

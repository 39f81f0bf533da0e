"""diklat/storage_settings.py: the environment picks a local folder or a private S3 bucket."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from diklat.storage_settings import default_storage, signed_url_seconds

ROOT = Path(__file__).resolve().parents[2]
S3 = {"DJANGO_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "diklat-evidence"}


def test_with_no_environment_evidence_stays_in_the_local_folder():
    assert default_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert signed_url_seconds({}) == 0


def test_the_s3_variables_become_a_private_s3_storage_that_never_overwrites():
    environment = {
        **S3,
        "AWS_S3_ENDPOINT_URL": "https://s3.example.test",
        "AWS_S3_REGION_NAME": "ap-southeast-3",
        "AWS_ACCESS_KEY_ID": "key-id",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_ADDRESSING_STYLE": "Path",
        "AWS_LOCATION": "/diklat/production/",
        "EVIDENCE_SIGNED_URL_SECONDS": "300",
    }
    storage = default_storage(environment)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "diklat-evidence",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "location": "diklat/production",
        "addressing_style": "path",
        "signature_version": "s3v4",
        "max_memory_size": 1024 * 1024,
        "endpoint_url": "https://s3.example.test",
        "region_name": "ap-southeast-3",
        "access_key": "key-id",
        "secret_key": "secret",
    }
    assert signed_url_seconds(environment) == 300


def test_credentials_left_out_are_left_to_boto3s_own_chain():
    options = default_storage(S3)["OPTIONS"]
    assert not {"access_key", "secret_key", "endpoint_url", "region_name"} & set(options)
    assert options["querystring_expire"] == 60  # a URL signed by accident dies within a minute


def test_an_empty_acl_sends_none_for_buckets_whose_acls_are_disabled():
    assert default_storage({**S3, "AWS_DEFAULT_ACL": ""})["OPTIONS"]["default_acl"] is None


@pytest.mark.parametrize(
    "environment",
    [
        {"DJANGO_STORAGE": "s3"},
        {"DJANGO_STORAGE": "ftp"},
        {**S3, "AWS_S3_ADDRESSING_STYLE": "sideways"},
    ],
    ids=["s3 without a bucket", "unknown storage", "unknown addressing style"],
)
def test_an_incomplete_or_unknown_storage_is_refused_at_start(environment):
    with pytest.raises(ImproperlyConfigured):
        default_storage(environment)


@pytest.mark.parametrize(
    "environment",
    [
        {"EVIDENCE_SIGNED_URL_SECONDS": "60"},
        {**S3, "EVIDENCE_SIGNED_URL_SECONDS": "a minute"},
        {**S3, "EVIDENCE_SIGNED_URL_SECONDS": "-1"},
        {**S3, "EVIDENCE_SIGNED_URL_SECONDS": str(8 * 24 * 3600)},
    ],
    ids=["local folder", "not a number", "negative", "longer than a week"],
)
def test_a_signed_url_lifetime_that_cannot_work_is_refused_at_start(environment):
    with pytest.raises(ImproperlyConfigured):
        signed_url_seconds(environment)


def test_the_settings_module_reads_the_storage_from_the_environment_and_keeps_static_files_apart():
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'storages': settings.STORAGES, 'signed': settings.EVIDENCE_SIGNED_URL_SECONDS}))"
    )
    environment = {**os.environ, **S3, "EVIDENCE_SIGNED_URL_SECONDS": "90", "DJANGO_SETTINGS_MODULE": "diklat.settings"}
    output = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert output.returncode == 0, output.stderr
    loaded = json.loads(output.stdout)
    assert loaded["storages"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert loaded["storages"]["default"]["OPTIONS"]["bucket_name"] == "diklat-evidence"
    assert loaded["storages"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert loaded["signed"] == 90

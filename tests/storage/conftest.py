"""A real S3 API on 127.0.0.1 (moto's server over HTTP), a fresh bucket per test, and the app pointed at it.

The server is started once per test process (so once per worker under xdist) on a free port.
"""

import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.storage.buckets import CREDENTIALS, REGION, Bucket, s3_environment, use_s3


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint) -> Bucket:
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    name = f"evidence-{uuid.uuid4().hex[:16]}"
    client.create_bucket(Bucket=name)
    return Bucket(name=name, endpoint=s3_endpoint, client=client)


@pytest.fixture
def s3_storage(settings, bucket) -> Bucket:
    """Evidence goes to the bucket and every download streams through the app."""
    use_s3(settings, s3_environment(bucket))
    return bucket


@pytest.fixture
def signed_s3_storage(settings, bucket) -> Bucket:
    """Evidence goes to the bucket and a checked download redirects to a URL signed for two minutes."""
    use_s3(settings, s3_environment(bucket, EVIDENCE_SIGNED_URL_SECONDS="120"))
    return bucket

"""The bucket the storage tests read behind the app's back, and the variables that point the app at it."""

from dataclasses import dataclass

from diklat import storage_settings

REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@dataclass(frozen=True)
class Bucket:
    name: str
    endpoint: str
    client: object

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def s3_environment(bucket: Bucket, **extra: str) -> dict[str, str]:
    """The variables a production server would set to keep its evidence in this bucket."""
    return {
        "DJANGO_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket.name,
        "AWS_S3_ENDPOINT_URL": bucket.endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        **CREDENTIALS,
        **extra,
    }


def use_s3(settings, environment: dict[str, str]) -> None:
    # override_settings (behind pytest-django's settings) sends setting_changed, which empties
    # Django's cache of storage instances, so default_storage is rebuilt from these options.
    settings.STORAGES = {**settings.STORAGES, "default": storage_settings.default_storage(environment)}
    settings.EVIDENCE_SIGNED_URL_SECONDS = storage_settings.signed_url_seconds(environment)

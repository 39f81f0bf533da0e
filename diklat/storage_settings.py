"""Where evidence files live, read from the environment: a local folder, or S3-compatible object storage.

A local folder serves one app server. Several app servers share their files through a bucket
(AWS S3, MinIO, Ceph, ...) with DJANGO_STORAGE=s3. diklat/settings.py calls this before any app
is loaded, so it imports no project module.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
ADDRESSING_STYLES = ("auto", "path", "virtual")
# When nothing asks for a signed URL, any URL that boto signs by accident is useless a minute later.
FALLBACK_URL_SECONDS = 60
# Signature version 4 signs the longest URL for a week.
LONGEST_SIGNED_URL_SECONDS = 7 * 24 * 3600
# Reading an object for a download spools to a temporary file past this size instead of holding it in memory.
SPOOL_IN_MEMORY_BYTES = 1024 * 1024

# Optional S3Storage options, each taken from the variable of the same meaning when it is set.
# Credentials left unset fall back to boto3's own chain (instance role, ~/.aws, ...).
OPTIONAL_S3_VARIABLES = {
    "endpoint_url": "AWS_S3_ENDPOINT_URL",
    "region_name": "AWS_S3_REGION_NAME",
    "access_key": "AWS_ACCESS_KEY_ID",
    "secret_key": "AWS_SECRET_ACCESS_KEY",
}


def storage_kind(environ: Mapping[str, str]) -> str:
    """Return "local" or "s3", as DJANGO_STORAGE says (local when unset)."""
    kind = environ.get("DJANGO_STORAGE", "").strip().lower() or "local"
    if kind not in {"local", "s3"}:
        raise ImproperlyConfigured(f"DJANGO_STORAGE must be 'local' or 's3', not {kind!r}.")
    return kind


def signed_url_seconds(environ: Mapping[str, str]) -> int:
    """Return how long a download's signed URL lives; 0 (the default) streams every download through the app."""
    raw = environ.get("EVIDENCE_SIGNED_URL_SECONDS", "").strip() or "0"
    try:
        seconds = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"EVIDENCE_SIGNED_URL_SECONDS must be a whole number, not {raw!r}.") from None
    if not 0 <= seconds <= LONGEST_SIGNED_URL_SECONDS:
        raise ImproperlyConfigured(f"EVIDENCE_SIGNED_URL_SECONDS must lie between 0 and {LONGEST_SIGNED_URL_SECONDS}.")
    if seconds and storage_kind(environ) != "s3":
        raise ImproperlyConfigured("EVIDENCE_SIGNED_URL_SECONDS needs DJANGO_STORAGE=s3: a local folder signs no URL.")
    return seconds


def default_storage(environ: Mapping[str, str]) -> dict:
    """Return the STORAGES["default"] entry that the environment asks for."""
    if storage_kind(environ) == "local":
        return {"BACKEND": LOCAL_BACKEND}
    return {"BACKEND": S3_BACKEND, "OPTIONS": s3_options(environ)}


def s3_options(environ: Mapping[str, str]) -> dict:
    """Return S3Storage's options: a private bucket whose objects are never replaced nor publicly readable."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ImproperlyConfigured("DJANGO_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    addressing_style = environ.get("AWS_S3_ADDRESSING_STYLE", "").strip().lower() or None
    if addressing_style not in (None, *ADDRESSING_STYLES):
        raise ImproperlyConfigured(f"AWS_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}.")
    options = {
        "bucket_name": bucket,
        # A bucket whose ACLs are disabled (AWS's default for new buckets) refuses any ACL header:
        # AWS_DEFAULT_ACL= (empty) sends none and leaves the objects as private as the bucket.
        "default_acl": environ.get("AWS_DEFAULT_ACL", "private").strip() or None,
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds(environ) or FALLBACK_URL_SECONDS,
        # Names are already unique (evidence.models.upload_path); a clash still gets a new name, never a replaced file.
        "file_overwrite": False,
        "location": environ.get("AWS_LOCATION", "").strip().strip("/"),
        "addressing_style": addressing_style,
        # boto would otherwise sign some URLs with version 2, which AWS no longer accepts for new buckets.
        "signature_version": environ.get("AWS_S3_SIGNATURE_VERSION", "").strip() or "s3v4",
        "max_memory_size": SPOOL_IN_MEMORY_BYTES,
    }
    for option, variable in OPTIONAL_S3_VARIABLES.items():
        if value := environ.get(variable, "").strip():
            options[option] = value
    return options

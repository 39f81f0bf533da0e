"""An image declaring more pixels than the configured limit is refused before it is decoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from evidence.checks import check_evidence

# Pillow warns past its own limit (89 million) as it opens the file; ours refuses it right after.
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")]


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """A real, valid 12,000 × 12,000 PNG of a few kilobytes (one colour compresses to almost nothing)."""
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def upload(content: bytes, name="peta.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_a_small_file_of_144_million_pixels_is_refused_with_its_size_and_the_limit(huge_png):
    assert len(huge_png) < 100_000
    with pytest.raises(ValidationError) as refused:
        check_evidence(upload(huge_png))
    assert refused.value.messages == ["peta.png is 12000 × 12000 pixels; the limit is 50 million pixels."]


def test_the_pixel_limit_is_a_setting(settings):
    settings.EVIDENCE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("L", (1001, 1000)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="1001 × 1000 pixels; the limit is 1 million pixels"):
        check_evidence(upload(buffer.getvalue()))
    settings.EVIDENCE_MAX_PIXELS = 1_001_000
    assert check_evidence(upload(buffer.getvalue())).content_type == "image/png"


def test_the_api_names_the_files_field_when_an_image_has_too_many_pixels(api_client, approved_project, huge_png):
    api_client.force_authenticate(approved_project.enrolment.participant.user)
    body = {"project": approved_project.pk, "note": "Peta wilayah.", "files": [upload(huge_png)]}
    response = api_client.post("/api/updates/", body, format="multipart")
    assert response.status_code == 400
    assert "pixels" in str(response.json()["files"])

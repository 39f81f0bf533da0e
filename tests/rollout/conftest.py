"""Fixtures of the rollout tests: an innovation of a project in Sulawesi Selatan (73), and the people around it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from people.models import ProvincialStaff
from rollout import services
from tests import factories
from tests.rollout.factories import days_ago, region


@pytest.fixture(autouse=True)
def _english(client, api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    client.cookies["django_language"] = "en"
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def owner(participant):
    return participant.user


@pytest.fixture
def innovation(project, owner):
    return services.record_innovation(
        project, by=owner, name="Sistem Respons Cepat Humas", form="public_service", started_on=days_ago(90)
    )


@pytest.fixture
def provincial_staff(db):
    """Staff of the project's province (73, Sulawesi Selatan)."""
    user = factories.UserFactory(full_name="Staf BPSDM Sulsel")
    ProvincialStaff.objects.create(user=user, province=region("73"))
    return user


@pytest.fixture
def other_provincial_staff(db):
    """Staff of another province (31, Jakarta)."""
    user = factories.UserFactory(full_name="Staf BPSDM DKI")
    ProvincialStaff.objects.create(user=user, province=region("31"))
    return user


@pytest.fixture
def agency_73(db):
    return factories.AgencyFactory(name="Dinas Kesehatan Uji", government=region("73"))


@pytest.fixture
def regency_agency(db):
    return factories.AgencyFactory(name="Dinas Pendidikan Bulukumba", government=region("73.02"))


@pytest.fixture
def agency_31(db):
    return factories.AgencyFactory(name="Dinas Kominfo DKI", government=region("31"))


def png_upload(name="bukti.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="mou.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def fake_pdf(name="mou.pdf") -> SimpleUploadedFile:
    """A file named .pdf whose content is not a PDF."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")

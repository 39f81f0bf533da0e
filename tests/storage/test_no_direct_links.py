"""Evidence is never linked straight to storage: pages, API and admin link to the view that checks access."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from projects.models import Evidence
from rollout import services as rollout_services
from tests.rollout.factories import AdoptionFactory
from tests.test_evidence_download import png, post_update

ROOT = Path(__file__).resolve().parents[2]
APPS = ["evidence", "projects", "assessments", "rollout", "reports", "mentors", "diklat", "people"]
DIRECT_FILE_ACCESS = re.compile(r"\bfile\.(url|path)\b")


@pytest.fixture
def evidence(client, s3_storage, approved_project):
    client.force_login(approved_project.enrolment.participant.user)
    assert post_update(client, approved_project, [png()]).status_code == 302
    return Evidence.objects.get()


@pytest.mark.django_db
def test_the_project_page_links_evidence_to_the_checked_view_only(client, evidence, s3_storage):
    page = client.get(evidence.update.project.get_absolute_url()).text
    assert evidence.get_absolute_url() in page
    assert s3_storage.endpoint not in page and evidence.file.name not in page


@pytest.mark.django_db
def test_the_evidence_admin_page_links_to_the_checked_view_not_to_storage(admin_client, evidence, s3_storage):
    page = admin_client.get(reverse("admin:projects_evidence_change", args=[evidence.pk])).text
    assert evidence.get_absolute_url() in page
    assert s3_storage.endpoint not in page and evidence.file.name not in page


@pytest.mark.django_db
def test_the_adoption_admin_shows_given_evidence_without_a_storage_link(admin_client, admin_user, s3_storage):
    adoption = AdoptionFactory()
    evidence = rollout_services.add_adoption_evidence(
        adoption, by=adoption.innovation.project.enrolment.participant.user, kind="mou", file=png("mou.png")
    )
    page = admin_client.get(reverse("admin:rollout_adoption_change", args=[adoption.pk])).text
    assert evidence.get_absolute_url() in page
    assert s3_storage.endpoint not in page and evidence.file.name not in page


def test_no_template_or_module_reaches_a_files_storage_url_or_path():
    sources = [*(ROOT / "templates").rglob("*.html")]
    for app in APPS:
        sources += [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]
    offenders = [str(path.relative_to(ROOT)) for path in sources if DIRECT_FILE_ACCESS.search(path.read_text())]
    assert offenders == []

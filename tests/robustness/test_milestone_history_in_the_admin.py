"""The admin refuses, as the pages and the API do, to delete a milestone whose progress an update recorded."""

import pytest
from django.test import Client

from projects.models import ChangeProject, Milestone, ProgressUpdate
from projects.services.updates import post_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    client = Client(raise_request_exception=False)
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def moved_milestone(approved_project, participant):
    milestone = approved_project.milestones.get(horizon="short")
    post_update(approved_project, by=participant.user, note="Rapat tim.", milestone=milestone, progress=40)
    return milestone


def test_the_admin_delete_page_names_the_update_that_keeps_the_milestone(admin, moved_milestone):
    url = f"/admin/projects/milestone/{moved_milestone.pk}/delete/"
    page = admin.get(url)
    assert page.status_code == 200
    assert "Rapat tim." in page.content.decode()
    assert admin.post(url, {"post": "yes"}).status_code in (200, 403)
    assert Milestone.objects.filter(pk=moved_milestone.pk).exists()


def test_the_admin_bulk_delete_keeps_a_milestone_with_recorded_progress(admin, moved_milestone):
    other = factories.MilestoneFactory(project=moved_milestone.project)
    body = {"action": "delete_selected", "_selected_action": [moved_milestone.pk, other.pk], "post": "yes"}
    response = admin.post("/admin/projects/milestone/", body)
    assert response.status_code == 200
    assert Milestone.objects.filter(pk=moved_milestone.pk).exists()


def test_the_admin_collector_reports_the_update_as_protecting_the_milestone(moved_milestone):
    """What the admin's delete page, bulk delete and inline forms all ask before deleting."""
    from django.contrib.admin.utils import NestedObjects

    collector = NestedObjects(using="default")
    collector.collect([moved_milestone])
    assert [str(update) for update in collector.protected] == [str(moved_milestone.updates.get())]


def test_deleting_a_whole_project_takes_its_updates_and_milestones_with_it(moved_milestone):
    project = ChangeProject.objects.get(pk=moved_milestone.project_id)
    project.delete()
    assert not Milestone.objects.exists() and not ProgressUpdate.objects.exists()

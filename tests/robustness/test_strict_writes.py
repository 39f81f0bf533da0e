"""A write that names a read-only field or one that does not exist is a 400 naming it, in every serializer."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings
from rest_framework import serializers

from diklat.api_strict import RefuseUnknownFields
from projects.models import ChangeProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_participant(api_client, participant):
    api_client.force_authenticate(participant.user)
    return api_client


def test_a_project_patch_naming_read_only_and_unknown_fields_is_refused_naming_each(as_participant, project):
    body = {"title": "Judul baru", "status": "completed", "enrolment": 1, "colour": "merah"}
    response = as_participant.patch(f"/api/projects/{project.pk}/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"status", "enrolment", "colour"}
    assert errors["status"] == ["This field is read-only."]
    assert errors["colour"] == ["There is no such field."]
    project.refresh_from_db()
    assert project.title != "Judul baru" and project.status == ChangeProject.Status.DRAFT


def test_a_milestone_patch_naming_completed_on_is_refused(as_participant, project):
    from tests import factories

    milestone = factories.MilestoneFactory(project=project)
    response = as_participant.patch(
        f"/api/milestones/{milestone.pk}/", {"completed_on": "2026-01-01", "progress": 10}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["completed_on"]


def test_a_patch_of_writable_fields_only_still_works(as_participant, project):
    response = as_participant.patch(f"/api/projects/{project.pk}/", {"title": "Judul baru"}, format="json")
    assert response.status_code == 200, response.content


def test_a_nested_object_refuses_unknown_fields_too(api_client, project, mentor):
    api_client.force_authenticate(mentor)
    body = {
        "project": project.pk,
        "category": "budget",
        "text": "Masukkan ke DPA.",
        "owner": "Peserta",
        "due_date": "2030-06-30",
        "budget": {"fiscal_year": 2030, "source": "apbd", "amount_requested": 1, "amount_realised": 5},
    }
    response = api_client.post("/api/feedback/", body, format="json")
    assert response.status_code == 400
    assert "amount_realised" in response.json()["budget"]


# DRF's own (the token endpoint's) are not ours to change.
PROJECT_APPS = {
    "diklat",
    "people",
    "regions",
    "mentors",
    "projects",
    "assessments",
    "rollout",
    "records",
    "reports",
    "events",
}


def request_serializers():
    """Every serializer the schema says an operation reads its body with, nested ones included."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    found = {}
    for path, path_regex, method, view in generator._get_paths_and_endpoints():
        if method not in {"POST", "PUT", "PATCH"}:
            continue
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
        view.schema.get_operation(path, path_regex, "^/api/", method, generator.registry)
        pending = [view.schema.get_request_serializer()]
        while pending:
            serializer = pending.pop()
            if isinstance(serializer, dict):  # several media types
                pending.extend(serializer.values())
                continue
            if isinstance(serializer, type):
                serializer = serializer()
            if isinstance(serializer, serializers.ListSerializer):
                serializer = serializer.child
            if not isinstance(serializer, serializers.Serializer):
                continue
            if type(serializer).__module__.split(".")[0] in PROJECT_APPS:
                found.setdefault(type(serializer), f"{method} {path}")
            pending.extend(
                field
                for field in serializer.fields.values()
                if isinstance(field, serializers.BaseSerializer) and not field.read_only
            )
    return found


def test_every_serializer_that_reads_a_request_body_refuses_unknown_fields():
    found = request_serializers()
    assert len(found) > 15
    lax = sorted(
        f"{cls.__module__}.{cls.__name__} ({where})"
        for cls, where in found.items()
        if not issubclass(cls, RefuseUnknownFields)
    )
    assert lax == []

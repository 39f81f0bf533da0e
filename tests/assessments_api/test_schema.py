"""The OpenAPI schema stays valid, without warnings, and documents the seminar endpoints."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_and_lists_the_seminar_endpoints(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    for path in (
        "/api/rubrics/{id}/copy/",
        "/api/sessions/{id}/results/",
        "/api/sessions/{id}/finalise/",
        "/api/presentations/{id}/scores/",
        "/api/presentations/{id}/result/",
        "/api/presentations/{id}/audit/",
        "/api/feedback/{id}/move/",
        "/api/feedback/{id}/budget/",
    ):
        assert path in paths, path
    assert set(paths["/api/presentations/{id}/scores/"]) >= {"get", "post"}

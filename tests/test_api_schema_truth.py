"""What the OpenAPI document says about errors, bodies and filters, and that the server does the same.

tests/fuzz holds every operation to its schema with generated requests; these tests name the
rules of diklat/api_schema.py and the strict filters one by one, so that a change breaking one
says which.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests import factories

pytestmark = pytest.mark.django_db
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_that_needs_a_user_documents_401_with_its_challenge(document):
    for path, method, operation in operations(document):
        if {} in operation.get("security", []):
            assert "429" in operation["responses"], (method, path)
            continue
        unauthorised = operation["responses"]["401"]
        assert "WWW-Authenticate" in unauthorised["headers"], (method, path)


def test_writes_document_400_and_403_and_rows_document_404(document):
    for path, method, operation in operations(document):
        responses = operation["responses"]
        if method != "get":
            assert {"400", "403"} <= set(responses), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)


def test_bodies_refuse_undeclared_fields_and_a_nested_body_is_json_only(document):
    for name, component in document["components"]["schemas"].items():
        if name.endswith("Request") and component.get("type") == "object":
            assert component["additionalProperties"] is False, name
    feedback = document["paths"]["/api/feedback/"]["post"]["requestBody"]["content"]
    assert set(feedback) == {"application/json"}  # its budget is a nested object
    assert "multipart/form-data" in document["paths"]["/api/updates/"]["post"]["requestBody"]["content"]


def test_typed_filters_may_be_sent_empty_and_text_filters_never_carry_nul(document):
    parameters = {p["name"]: p for p in document["paths"]["/api/projects/"]["get"]["parameters"]}
    assert parameters["cohort"]["allowEmptyValue"] is True
    assert parameters["cohort"]["schema"]["minimum"] == 1
    assert parameters["search"]["schema"]["pattern"] == "^[^\\u0000]*$"
    assert "pattern" not in parameters["ordering"]["schema"]  # an unknown ordering is ignored, not refused


def test_nullable_and_blank_values_are_declared_as_they_come(document):
    schemas = document["components"]["schemas"]
    assert schemas["Innovation"]["properties"]["derived_from_name"]["nullable"] is True
    assert schemas["Adoption"]["properties"]["innovation_derived_from_name"]["nullable"] is True
    assert {"type": "string", "maxLength": 0} in schemas["Seminar"]["properties"]["online_link"]["anyOf"]
    refs = [option["$ref"] for option in schemas["FeedbackEvent"]["properties"]["from_status"]["oneOf"]]
    assert "#/components/schemas/BlankEnum" in refs


def test_one_presentations_scores_are_a_plain_list_without_the_lists_filters(document):
    for path in ("/api/presentations/{id}/scores/", "/api/presentations/{id}/audit/"):
        get = document["paths"][path]["get"]
        assert get["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
        assert all(p["in"] == "path" for p in get["parameters"])


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/milestones/?overdue=5", "overdue"),
        ("/api/projects/?overdue=null", "overdue"),
        ("/api/cohorts/?year=2026.0", "year"),
        ("/api/budget-lines/?fiscal_year=0.5", "fiscal_year"),
        ("/api/feedback/?given_by=someone", "given_by"),
        ("/api/innovations/?is_digital=yes", "is_digital"),
    ],
)
def test_a_filter_value_its_schema_forbids_is_a_400_naming_it(api_client, url, field):
    api_client.force_authenticate(factories.UserFactory())
    response = api_client.get(url)
    assert response.status_code == 400
    assert field in response.json()


def test_an_empty_filter_is_no_filter_and_true_or_false_filter(api_client, approved_project):
    api_client.force_authenticate(approved_project.enrolment.participant.user)
    everything = api_client.get("/api/milestones/").json()["count"]
    assert everything == 3
    assert api_client.get("/api/milestones/?overdue=").json()["count"] == everything
    assert api_client.get("/api/milestones/?overdue=false").json()["count"] == everything
    assert api_client.get("/api/milestones/?overdue=true").json()["count"] == 0

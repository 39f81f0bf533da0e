"""The reports API: the list of tables, one table as typed JSON with its filters, 400 for bad filters, 404."""

import pytest
import yaml
from django.core.management import call_command

from reports.api import REPORTS
from tests import factories

from .conftest import FORMULA_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(api_client):
    user = factories.UserFactory()
    api_client.force_authenticate(user)
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def test_the_index_lists_every_report_and_its_tables_but_not_the_raw_lists(api_client, reader):
    response = api_client.get("/api/reports/")
    assert response.status_code == 200
    listed = {entry["report"]: entry["tables"] for entry in response.json()}
    assert listed["rollout"] == ["matrix", "innovations", "agencies", "provinces", "over-time"]
    assert listed["progress"] == ["milestones", "projects"]
    assert set(listed) == {"progress", "seminars", "feedback", "rollout"}


def test_a_table_comes_as_typed_json(api_client, reader, fake, monkeypatch):
    response = api_client.get("/api/reports/test/fake/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "January"
    assert body["columns"][:3] == [
        {"key": "text", "header": "January", "kind": "text"},
        {"key": "count", "header": "February", "kind": "integer"},
        {"key": "money", "header": "March", "kind": "rupiah"},
    ]
    assert body["rows"][0] == {
        "text": FORMULA_TITLE,
        "count": -5,
        "money": 3800000,
        "share": 45.2,
        "score": 87.5,
        "day": "2026-11-22",
        "moment": "2026-11-22T08:30:00+07:00",
    }
    assert body["rows"][1]["day"] is None
    assert body["filters"] == {}


def test_headers_are_indonesian_by_default(api_client, fake, indonesian_by_default):
    api_client.force_authenticate(factories.UserFactory())
    assert api_client.get("/api/reports/test/fake/").json()["columns"][0]["header"] == "Januari"


def test_the_applied_filters_are_echoed_by_code_and_id(api_client, fake):
    cohort = factories.CohortFactory()
    api_client.force_authenticate(factories.UserFactory(is_superuser=True))
    response = api_client.get(f"/api/reports/test/fake/?cohort={cohort.pk}&province=73&year={cohort.year}")
    assert response.status_code == 200
    assert response.json()["filters"] == {"cohort": cohort.pk, "province": "73", "year": cohort.year}


def test_bad_filters_get_a_400_with_a_message_per_field(api_client, reader, fake):
    response = api_client.get("/api/reports/test/fake/?year=abc&colour=red")
    assert response.status_code == 400
    assert response.json() == {
        "year": ["Enter a whole number."],
        "non_field_errors": ["Unknown filter “colour”."],
    }


def test_contradictory_filters_get_a_400(api_client, world):
    api_client.force_authenticate(world.superuser)
    response = api_client.get(
        f"/api/reports/progress/projects/?programme=pkp&cohort={world.cohort_a.pk}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {"cohort": ["This cohort belongs to another programme."]}


@pytest.mark.parametrize(
    "path", ["/api/reports/rollout/nothing/", "/api/reports/nothing/matrix/", "/api/reports/raw/projects/"]
)
def test_an_unknown_table_or_a_raw_list_is_not_found(api_client, reader, path):
    assert api_client.get(path).status_code == 404


def test_the_reports_api_needs_a_signed_in_user(api_client, fake):
    assert api_client.get("/api/reports/").status_code in (401, 403)
    assert api_client.get("/api/reports/test/fake/").status_code in (401, 403)


def test_the_schema_documents_the_reports_api_without_warnings(tmp_path, capsys):
    """The whole schema is held to --fail-on-warn in tests/assessments_api; here: no warning is ours."""
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--file", str(target))
    assert "Report" not in capsys.readouterr().err
    paths = yaml.safe_load(target.read_text())["paths"]
    table = paths["/api/reports/{report}/{table}/"]["get"]
    assert {parameter["name"] for parameter in table["parameters"]} >= {
        "report",
        "table",
        "programme",
        "cohort",
        "year",
        "province",
        "government",
        "agency",
    }
    assert set(table["responses"]) == {"200", "400", "404"}
    assert "/api/reports/" in paths


# --- the real report tables, once per table ----------------------------------------------------------


@pytest.mark.parametrize("report,table", [(r, t) for r, tables in REPORTS.items() for t in tables])
def test_every_report_table_answers_as_json_for_a_superuser_and_a_stranger(api_client, world, report, table):
    for user in (world.superuser, world.stranger):
        api_client.force_authenticate(user)
        response = api_client.get(f"/api/reports/{report}/{table}/")
        assert response.status_code == 200, response.content
        body = response.json()
        keys = [column["key"] for column in body["columns"]]
        assert all(list(row) == keys for row in body["rows"])


def test_a_report_table_is_scoped_to_the_reader(api_client, world):
    def total_projects(user) -> int:
        api_client.force_authenticate(user)
        rows = api_client.get("/api/reports/progress/projects/").json()["rows"]
        return sum(row["count"] for row in rows)

    assert total_projects(world.superuser) == 3
    assert total_projects(world.provincial) == 2
    assert total_projects(world.organiser_staff) == 2
    assert total_projects(world.alice.enrolment.participant.user) == 1
    assert total_projects(world.stranger) == 0

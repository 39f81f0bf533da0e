"""The reports API: the list of tables, one table as typed JSON with its filters, 400 for bad filters, 404."""

import pytest
import yaml
from django.core.management import call_command

from reports.api import RAW_LISTS, REPORTS
from tests import factories

from .conftest import FORMULA_TITLE, reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(api_client):
    user = reporter()
    api_client.force_authenticate(user)
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def test_the_index_lists_every_report_its_tables_and_exports_and_the_raw_lists_as_exports(api_client, reader):
    response = api_client.get("/api/reports/")
    assert response.status_code == 200
    listed = {entry["report"]: entry for entry in response.json()}
    assert listed["rollout"]["tables"] == ["matrix", "innovations", "agencies", "provinces", "over-time"]
    assert listed["progress"]["tables"] == ["milestones", "projects"]
    assert "unrealised" in listed["feedback"]["tables"]
    assert list(listed) == ["progress", "seminars", "feedback", "budget", "rollout", "raw"]
    raw = listed["raw"]
    assert raw["tables"] == []  # no JSON for the raw lists: downloads only
    assert [export["table"] for export in raw["exports"]] == RAW_LISTS
    adoptions = raw["exports"][-1]
    assert adoptions == {
        "table": "adoptions",
        "csv": "http://testserver/reports/exports/raw/adoptions/?format=csv",
        "xlsx": "http://testserver/reports/exports/raw/adoptions/?format=xlsx",
    }
    assert (
        listed["progress"]["exports"][0]["csv"] == "http://testserver/reports/exports/progress/milestones/?format=csv"
    )


def test_the_index_export_links_carry_the_filters(api_client):
    api_client.force_authenticate(factories.UserFactory(is_superuser=True))
    response = api_client.get("/api/reports/?province=73&year=2026")
    raw = next(entry for entry in response.json() if entry["report"] == "raw")
    assert raw["exports"][0]["xlsx"].endswith("/reports/exports/raw/participants/?format=xlsx&year=2026&province=73")
    assert api_client.get("/api/reports/?year=soon").status_code == 400


def test_the_index_lists_for_a_participant_only_the_rollout_and_the_raw_lists(api_client, participant):
    api_client.force_authenticate(participant.user)
    assert [entry["report"] for entry in api_client.get("/api/reports/").json()] == ["rollout", "raw"]


def test_the_index_lists_nothing_for_a_user_without_any_role(api_client):
    api_client.force_authenticate(factories.UserFactory())
    assert api_client.get("/api/reports/").json() == []


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
    api_client.force_authenticate(reporter())
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
    assert set(table["responses"]) == {"200", "400", "401", "404"}
    assert "/api/reports/" in paths


# --- the real report tables, once per table ----------------------------------------------------------


@pytest.mark.parametrize("report,table", [(r, t) for r, tables in REPORTS.items() for t in tables])
def test_every_report_table_answers_as_json_to_a_superuser_and_404_to_a_user_without_a_role(
    api_client, world, report, table
):
    api_client.force_authenticate(world.superuser)
    response = api_client.get(f"/api/reports/{report}/{table}/")
    assert response.status_code == 200, response.content
    body = response.json()
    keys = [column["key"] for column in body["columns"]]
    assert all(list(row) == keys for row in body["rows"])
    api_client.force_authenticate(world.stranger)
    assert api_client.get(f"/api/reports/{report}/{table}/").status_code == 404


def test_a_report_table_is_scoped_to_the_reader(api_client, world):
    def total_projects(user) -> int:
        api_client.force_authenticate(user)
        rows = api_client.get("/api/reports/progress/projects/").json()["rows"]
        return sum(row["count"] for row in rows)

    assert total_projects(world.superuser) == 3
    assert total_projects(world.provincial) == 2
    assert total_projects(world.organiser_staff) == 2


@pytest.mark.parametrize("report,table", [("progress", "projects"), ("seminars", "scores"), ("feedback", "budget")])
def test_a_participant_gets_404_on_the_reports_other_than_rollout_as_on_the_pages(api_client, world, report, table):
    api_client.force_authenticate(world.alice.enrolment.participant.user)
    assert api_client.get(f"/api/reports/{report}/{table}/").status_code == 404


def test_a_participant_reads_the_rollout_of_their_own_innovation(api_client, world):
    api_client.force_authenticate(world.alice.enrolment.participant.user)
    response = api_client.get("/api/reports/rollout/innovations/")
    assert response.status_code == 200
    assert [row["innovation"] for row in response.json()["rows"]] == ["Respons Cepat"]


def test_a_repeated_filter_is_refused_at_its_field(api_client, world):
    api_client.force_authenticate(world.superuser)
    response = api_client.get("/api/reports/progress/projects/?year=2026&year=2027", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"year": ["Give this filter once, with one value."]}


def test_the_unrealised_budget_table_answers_with_rupiah_integers(api_client, world):
    api_client.force_authenticate(world.provincial)
    (row,) = api_client.get("/api/reports/feedback/unrealised/").json()["rows"]
    assert (row["asked"], row["approved"], row["realised"], row["unrealised"]) == (
        5_000_000,
        4_000_000,
        None,
        4_000_000,
    )
    assert row["fiscal_year"] == 2027 and row["agency"] == "Dinas Alice Andini"

"""/api/rubrics/ and /api/predicate-bands/: reference data as versioned rows, and copying a rubric."""

from decimal import Decimal

import pytest

from assessments.models import Rubric, RubricIndicator

pytestmark = pytest.mark.django_db


def test_rubrics_show_components_weighted_indicators_and_level_descriptors(api_client, stranger, rubric):
    api_client.force_authenticate(stranger)
    response = api_client.get("/api/rubrics/", {"rule_set": rubric.rule_set_id, "kind": "design"})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == rubric.pk
    assert sum(Decimal(c["weight"]) for c in row["components"]) == Decimal(100)
    for component in row["components"]:
        assert sum(Decimal(i["weight"]) for i in component["indicators"]) == Decimal(component["weight"])
    assert len(row["components"][0]["indicators"][0]["levels"]) == 4
    assert row["is_frozen"] is False


def test_a_used_rubric_says_it_is_frozen_and_its_detail_says_the_weights_add_up(api_client, chair, scored, rubric):
    api_client.force_authenticate(chair)
    data = api_client.get(f"/api/rubrics/{rubric.pk}/").json()
    assert data["is_frozen"] is True
    assert data["weight_errors"] == []


def test_the_rubric_list_runs_a_fixed_number_of_queries(api_client, stranger, django_assert_max_num_queries):
    api_client.force_authenticate(stranger)
    with django_assert_max_num_queries(5):
        response = api_client.get("/api/rubrics/")
    assert response.json()["count"] == Rubric.objects.count() > 1


def test_anonymous_callers_cannot_read_rubrics(api_client, rubric):
    assert api_client.get("/api/rubrics/").status_code in (401, 403)


def test_organiser_staff_copy_a_rubric_as_its_next_version(api_client, organiser_staff, rubric):
    api_client.force_authenticate(organiser_staff)
    response = api_client.post(f"/api/rubrics/{rubric.pk}/copy/", {"name": "Rubrik 2026"}, format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["version"], data["name"], data["copied_from"]) == (rubric.version + 1, "Rubrik 2026", rubric.pk)
    copy = Rubric.objects.get(pk=data["id"])
    assert RubricIndicator.objects.filter(component__rubric=copy).count() == (
        RubricIndicator.objects.filter(component__rubric=rubric).count()
    )


@pytest.mark.parametrize("role", ["stranger", "mentor", "chair"])
def test_who_is_not_organiser_staff_cannot_copy_a_rubric(request, api_client, rubric, role):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = api_client.post(f"/api/rubrics/{rubric.pk}/copy/", {}, format="json")
    assert response.status_code == 403
    assert Rubric.objects.filter(rule_set=rubric.rule_set, kind=rubric.kind).count() == 1


def test_rubrics_are_read_only(api_client, organiser_staff, rubric):
    api_client.force_authenticate(organiser_staff)
    assert api_client.patch(f"/api/rubrics/{rubric.pk}/", {"name": "X"}, format="json").status_code == 405


def test_predicate_bands_of_a_rule_set_are_its_five_seeded_bands(api_client, stranger, enrolment):
    rule_set = enrolment.cohort.rule_set
    api_client.force_authenticate(stranger)
    response = api_client.get("/api/predicate-bands/", {"rule_set": rule_set.pk})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert sorted(row["name"] for row in rows) == [
        "Cukup Memuaskan",
        "Kurang Memuaskan",
        "Memuaskan",
        "Sangat Memuaskan",
        "Tidak Memuaskan",
    ]
    assert {row["rule_set"] for row in rows} == {rule_set.pk}
    top = next(row for row in rows if row["name"] == "Sangat Memuaskan")
    assert (top["above"], top["up_to"]) == ("90.00", None)

"""/api/presentations/: scoping, scoring through the service, verdicts, the released result and the audit."""

from decimal import Decimal

import pytest

from assessments import services
from assessments.models import Classification, Presentation, Score, ScoreChange
from tests import factories

from .conftest import sheet

pytestmark = pytest.mark.django_db


def url(presentation, suffix=""):
    return f"/api/presentations/{presentation.pk}/{suffix}"


@pytest.fixture
def login(request, api_client, participant):
    def as_role(role):
        user = participant.user if role == "participant" else request.getfixturevalue(role)
        api_client.force_authenticate(user)
        return user

    return as_role


PRESENTATION_SCOPE = {
    "session_examiner": ["presentation"],
    "other_examiner": ["other_presentation"],
    "chair": ["presentation"],
    "mentor": ["presentation"],
    "participant": ["presentation"],
    "organiser_staff": ["presentation", "other_presentation"],
    "stranger": [],
}


@pytest.mark.parametrize(("role", "visible"), PRESENTATION_SCOPE.items())
def test_each_role_sees_only_its_presentations(
    request, api_client, login, presentation, other_presentation, role, visible
):
    login(role)
    response = api_client.get("/api/presentations/")
    assert response.status_code == 200
    expected = sorted(request.getfixturevalue(name).pk for name in visible)
    assert sorted(row["id"] for row in response.json()["results"]) == expected


def test_anonymous_callers_see_no_presentation(api_client, presentation):
    assert api_client.get("/api/presentations/").status_code in (401, 403)
    assert api_client.get(url(presentation, "result/")).status_code in (401, 403)


# --- scoring -----------------------------------------------------------------------------------


def test_an_examiner_saves_a_complete_score_sheet(api_client, login, presentation, indicators, session_examiner):
    login("session_examiner")
    body = sheet(indicators, "85.5")
    body["scores"][0]["remark"] = "Terobosan kuat"
    response = api_client.post(url(presentation, "scores/"), body, format="json")
    assert response.status_code in (200, 201)
    assert len(response.json()) == len(indicators)
    saved = Score.objects.filter(presentation=presentation, scorer=session_examiner)
    assert saved.count() == len(indicators)
    assert {s.value for s in saved} == {Decimal("85.50")}
    assert saved.get(indicator=indicators[0]).remark == "Terobosan kuat"
    assert saved.first().role == "examiner"


def test_a_second_save_updates_the_scores_and_never_duplicates_them(api_client, login, presentation, indicators):
    user = login("session_examiner")
    api_client.post(url(presentation, "scores/"), sheet(indicators, 80), format="json")
    response = api_client.post(url(presentation, "scores/"), sheet(indicators, 82), format="json")
    assert response.status_code in (200, 201)
    saved = Score.objects.filter(presentation=presentation, scorer=user)
    assert saved.count() == len(indicators)
    assert {s.value for s in saved} == {Decimal("82")}
    changes = ScoreChange.objects.filter(presentation=presentation, indicator=indicators[0]).order_by("pk")
    assert [(c.old_value, c.new_value) for c in changes] == [(None, Decimal("80")), (Decimal("80"), Decimal("82"))]


def test_a_remark_left_out_of_a_later_save_is_kept(api_client, login, presentation, indicators):
    user = login("session_examiner")
    body = sheet(indicators, 80)
    body["scores"][0]["remark"] = "Perlu data dukung"
    api_client.post(url(presentation, "scores/"), body, format="json")
    later = sheet(indicators, 81)
    del later["scores"][0]["remark"]
    assert api_client.post(url(presentation, "scores/"), later, format="json").status_code in (200, 201)
    kept = Score.objects.get(presentation=presentation, scorer=user, indicator=indicators[0])
    assert (kept.value, kept.remark) == (Decimal("81"), "Perlu data dukung")


def test_a_mentor_scores_their_own_participant_as_mentor(api_client, login, presentation, indicators):
    user = login("mentor")
    response = api_client.post(url(presentation, "scores/"), sheet(indicators, 90), format="json")
    assert response.status_code in (200, 201)
    assert set(Score.objects.filter(scorer=user).values_list("role", flat=True)) == {"mentor"}


def test_a_score_above_the_range_is_refused_at_its_indicator_and_nothing_is_saved(
    api_client, login, presentation, indicators
):
    login("session_examiner")
    body = sheet(indicators, 80)
    body["scores"][2]["value"] = "101"
    response = api_client.post(url(presentation, "scores/"), body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [f"indicator_{indicators[2].pk}"]
    assert "between 0 and 100" in errors[f"indicator_{indicators[2].pk}"][0]
    assert not Score.objects.exists()


def test_a_missing_indicator_on_a_complete_sheet_is_named_and_nothing_is_saved(
    api_client, login, presentation, indicators
):
    login("session_examiner")
    body = sheet(indicators, 80, skip=[indicators[-1]])
    response = api_client.post(url(presentation, "scores/"), body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert f"indicator_{indicators[-1].pk}" in errors
    assert indicators[-1].name in errors[f"indicator_{indicators[-1].pk}"][0]
    assert not Score.objects.exists()


def test_a_partial_sheet_may_be_saved_as_a_draft(api_client, login, presentation, indicators):
    login("session_examiner")
    body = sheet(indicators, 80, skip=indicators[1:])
    body["complete"] = False
    assert api_client.post(url(presentation, "scores/"), body, format="json").status_code in (200, 201)
    assert Score.objects.count() == 1


def test_an_indicator_of_another_rubric_is_refused(api_client, login, presentation, indicators):
    login("session_examiner")
    body = sheet(indicators, 80)
    body["scores"].append({"indicator": 999999, "value": "80"})
    response = api_client.post(url(presentation, "scores/"), body, format="json")
    assert response.status_code == 400
    assert "indicator_999999" in response.json()


def test_the_same_indicator_twice_in_one_sheet_is_refused(api_client, login, presentation, indicators):
    login("session_examiner")
    body = sheet(indicators, 80)
    body["scores"].append({"indicator": indicators[0].pk, "value": "70"})
    response = api_client.post(url(presentation, "scores/"), body, format="json")
    assert response.status_code == 400
    assert "scores" in response.json()
    assert not Score.objects.exists()


def test_scoring_in_a_finalised_session_is_refused(api_client, login, released, indicators, session_examiner):
    login("session_examiner")
    response = api_client.post(url(released, "scores/"), sheet(indicators, 50), format="json")
    assert response.status_code == 400
    assert "finalised" in response.json()["non_field_errors"][0]
    assert set(Score.objects.filter(scorer=session_examiner).values_list("value", flat=True)) == {Decimal("84")}


def test_an_examiner_of_another_session_cannot_score_or_read_scores_of_this_one(
    api_client, login, presentation, indicators
):
    login("other_examiner")
    assert api_client.post(url(presentation, "scores/"), sheet(indicators, 80), format="json").status_code == 404
    assert api_client.get(url(presentation, "scores/")).status_code == 404
    assert api_client.get(url(presentation)).status_code == 404
    assert not Score.objects.exists()


@pytest.mark.parametrize("role", ["participant", "chair", "organiser_staff"])
def test_who_sees_the_participant_but_is_not_on_the_panel_cannot_score(
    api_client, login, presentation, indicators, role
):
    login(role)
    response = api_client.post(url(presentation, "scores/"), sheet(indicators, 100), format="json")
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_a_panel_member_reads_only_their_own_scores(api_client, login, scored, session_examiner):
    login("session_examiner")
    response = api_client.get(url(scored, "scores/"))
    assert response.status_code == 200
    assert {row["scorer"] for row in response.json()} == {session_examiner.pk}


@pytest.mark.parametrize("role", ["chair", "organiser_staff"])
def test_the_chair_and_organiser_staff_read_every_scorers_scores(
    api_client, login, scored, session_examiner, second_examiner, role
):
    login(role)
    response = api_client.get(url(scored, "scores/"))
    assert response.status_code == 200
    assert {row["scorer"] for row in response.json()} == {session_examiner.pk, second_examiner.pk}


def test_a_participant_cannot_read_the_score_sheets(api_client, login, released):
    login("participant")
    assert api_client.get(url(released, "scores/")).status_code == 403


def test_changing_a_released_score_needs_a_reason(api_client, login, released, session, chair, indicators):
    services.reopen_session(session, by=chair, reason="Koreksi")
    login("session_examiner")
    refused = api_client.post(url(released, "scores/"), sheet(indicators, 86), format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    body = {**sheet(indicators, 86), "reason": "Salah ketik"}
    assert api_client.post(url(released, "scores/"), body, format="json").status_code in (200, 201)
    assert ScoreChange.objects.filter(reason="Salah ketik", after_release=True).count() == len(indicators)


# --- verdicts ----------------------------------------------------------------------------------


def test_an_examiner_classifies_the_project_with_a_reason(api_client, login, presentation, session_examiner):
    login("session_examiner")
    body = {"verdict": "routine", "reason": "Ini tugas rutin bidang."}
    response = api_client.post(url(presentation, "classify/"), body, format="json")
    assert response.status_code == 200
    assert response.json()["verdict"] == "routine"
    assert Classification.objects.get(presentation=presentation, examiner=session_examiner).verdict == "routine"


def test_a_verdict_without_a_reason_is_refused_at_the_reason(api_client, login, presentation):
    login("session_examiner")
    response = api_client.post(url(presentation, "classify/"), {"verdict": "innovation", "reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert not Classification.objects.exists()


def test_a_mentor_cannot_classify(api_client, login, presentation):
    login("mentor")
    body = {"verdict": "innovation", "reason": "Bagus"}
    assert api_client.post(url(presentation, "classify/"), body, format="json").status_code == 403


# --- the result and the audit ------------------------------------------------------------------


def test_a_participant_does_not_see_their_result_before_release(api_client, login, scored):
    login("participant")
    assert api_client.get(url(scored, "result/")).status_code in (403, 404)


def test_a_participant_sees_their_result_with_the_predicate_after_release(api_client, login, released):
    login("participant")
    response = api_client.get(url(released, "result/"))
    assert response.status_code == 200
    data = response.json()
    assert Decimal(data["final"]) == Decimal("86.00")
    assert data["predicate"] == "Memuaskan"


def test_a_participant_never_sees_another_participants_result(api_client, login, released, other_presentation):
    login("participant")
    assert api_client.get(url(other_presentation, "result/")).status_code == 404


def test_the_panel_sees_the_result_before_release(api_client, login, scored):
    login("mentor")
    response = api_client.get(url(scored, "result/"))
    assert response.status_code == 200
    assert response.json()["predicate"] == "Memuaskan"


@pytest.mark.parametrize("role", ["session_examiner", "chair", "organiser_staff"])
def test_the_panel_the_chair_and_staff_read_the_audit_trail(api_client, login, scored, indicators, role):
    login(role)
    response = api_client.get(url(scored, "audit/"))
    assert response.status_code == 200
    assert len(response.json()) == 2 * len(indicators)
    assert {row["old_value"] for row in response.json()} == {None}


def test_the_audit_trail_is_refused_to_the_participant(api_client, login, released):
    login("participant")
    assert api_client.get(url(released, "audit/")).status_code == 403


def test_the_audit_trail_shows_who_changed_what_and_why(api_client, login, released, session, chair, indicators):
    services.reopen_session(session, by=chair, reason="Koreksi")
    examiner = login("session_examiner")
    correction = {**sheet(indicators[:1], 90), "complete": False, "reason": "Salah ketik"}
    assert api_client.post(url(released, "scores/"), correction, format="json").status_code in (200, 201)
    rows = api_client.get(url(released, "audit/")).json()
    last = rows[-1]
    assert (last["indicator"], last["changed_by"], last["reason"]) == (indicators[0].pk, examiner.pk, "Salah ketik")
    assert (Decimal(last["old_value"]), Decimal(last["new_value"]), last["after_release"]) == (
        Decimal("84"),
        Decimal("90"),
        True,
    )


@pytest.mark.parametrize("rows", [1, 30])
def test_presentation_list_runs_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, session, enrolment, organiser_staff, rows
):
    for order in range(1, rows + 1):
        Presentation.objects.create(
            session=session, enrolment=factories.EnrolmentFactory(cohort=enrolment.cohort), order=order
        )
    api_client.force_authenticate(organiser_staff)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/presentations/")
    assert len(response.json()["results"]) == rows

"""/api/seminars/, /api/sessions/: scoping per role, the panel, results, finalising and reopening."""

from decimal import Decimal

import pytest

from assessments.models import Presentation, Score, SeminarSession, SessionEvent
from tests import factories

from .conftest import make_session, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(request, api_client, participant):
    """Log the API client in as one of the roles around the seminar (or stay anonymous)."""

    def as_role(role):
        if role == "anonymous":
            return None
        user = participant.user if role == "participant" else request.getfixturevalue(role)
        api_client.force_authenticate(user)
        return user

    return as_role


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


SESSION_SCOPE = {
    "session_examiner": ["session"],
    "other_examiner": ["other_session"],
    "chair": ["session"],
    "mentor": ["session"],
    "coach": ["session"],
    "organiser_staff": ["session", "other_session"],
    "participant": [],
    "stranger": [],
}


@pytest.mark.parametrize(("role", "visible"), SESSION_SCOPE.items())
def test_each_role_sees_only_the_sessions_it_sits_on_or_organises(
    request, api_client, login, presentation, other_presentation, role, visible
):
    login(role)
    response = api_client.get("/api/sessions/")
    assert response.status_code == 200
    assert ids(response) == sorted(request.getfixturevalue(name).pk for name in visible)


@pytest.mark.parametrize(("role", "visible"), SESSION_SCOPE.items())
def test_each_role_sees_the_seminar_only_through_a_session_or_its_cohort(
    api_client, login, seminar, presentation, other_presentation, role, visible
):
    login(role)
    response = api_client.get("/api/seminars/")
    assert response.status_code == 200
    assert ids(response) == ([seminar.pk] if visible else [])


def test_anonymous_callers_are_refused_every_seminar_endpoint(api_client, presentation):
    for url in ("/api/seminars/", "/api/sessions/", f"/api/sessions/{presentation.session_id}/results/"):
        assert api_client.get(url).status_code in (401, 403)


def test_the_seminar_shows_its_start_in_the_hosts_time_zone(api_client, login, seminar, presentation):
    login("chair")
    row = api_client.get("/api/seminars/").json()["results"][0]
    assert row["time_zone"] in {"WIB", "WITA", "WIT"}
    assert row["starts_at_local"][-6:] in {"+07:00", "+08:00", "+09:00"}


def test_an_examiner_of_another_session_gets_404_on_its_detail(api_client, login, session, presentation):
    login("other_examiner")
    assert api_client.get(f"/api/sessions/{session.pk}/").status_code == 404
    assert api_client.get(f"/api/sessions/{session.pk}/results/").status_code == 404


def test_session_detail_lists_the_panel_and_the_participants_in_order(
    api_client, login, session, presentation, other_enrolment, chair, session_examiner, mentor, coach
):
    factories.ChangeProjectFactory(enrolment=other_enrolment)
    second = Presentation.objects.create(session=session, enrolment=other_enrolment, order=2)
    Presentation.objects.filter(pk=presentation.pk).update(order=3)
    login("chair")
    data = api_client.get(f"/api/sessions/{session.pk}/").json()
    assert [p["id"] for p in data["presentations"]] == [second.pk, presentation.pk]
    assert data["presentations"][1]["project_title"] == presentation.enrolment.project.title
    panel = {(member["user"], member["role"]) for member in data["panel"]}
    assert {(chair.pk, "chair"), (session_examiner.pk, "examiner"), (mentor.pk, "mentor"), (coach.pk, "coach")} <= panel
    assert data["is_chair"] is True


def test_a_mentor_sees_only_their_own_participant_in_the_session(
    api_client, login, session, presentation, other_enrolment
):
    Presentation.objects.create(session=session, enrolment=other_enrolment, order=2)
    login("mentor")
    data = api_client.get(f"/api/sessions/{session.pk}/").json()
    assert [p["id"] for p in data["presentations"]] == [presentation.pk]
    results = api_client.get(f"/api/sessions/{session.pk}/results/").json()
    assert [row["presentation"] for row in results] == [presentation.pk]


# --- results -----------------------------------------------------------------------------------


def test_results_give_each_scorers_total_the_combined_result_and_the_predicate(api_client, login, scored, session):
    login("chair")
    response = api_client.get(f"/api/sessions/{session.pk}/results/")
    assert response.status_code == 200
    [row] = response.json()
    assert sorted(Decimal(s["total"]) for s in row["scorers"]) == [Decimal("84.00"), Decimal("88.00")]
    assert Decimal(row["final"]) == Decimal("86.00")
    assert row["predicate"] == "Memuaskan"
    assert row["passing"] is True
    assert Decimal(row["spread"]) == Decimal("4.00")
    assert row["flagged"] is False


def test_a_participant_is_refused_the_session_results(api_client, login, scored, session):
    login("participant")
    response = api_client.get(f"/api/sessions/{session.pk}/results/")
    assert response.status_code == 403


def test_a_participant_is_refused_the_session_results_even_after_release(api_client, login, released, session):
    login("participant")
    assert api_client.get(f"/api/sessions/{session.pk}/results/").status_code == 403


def build_scored_session(seminar, enrolment, indicators, rows: int) -> SeminarSession:
    """A session of ``rows`` participants, each scored completely by three examiners."""
    examiners = factories.UserFactory.create_batch(3)
    session = make_session(seminar, f"Ruang {rows}", factories.UserFactory(), examiners)
    scores = []
    for order in range(1, rows + 1):
        other = factories.EnrolmentFactory(cohort=enrolment.cohort)
        presentation = Presentation.objects.create(session=session, enrolment=other, order=order)
        for n, examiner in enumerate(examiners):
            scores += [
                Score(
                    presentation=presentation,
                    indicator=indicator,
                    scorer=examiner,
                    role="examiner",
                    value=Decimal(70 + n * 5),
                )
                for indicator in indicators
            ]
    Score.objects.bulk_create(scores)
    return session


@pytest.mark.parametrize("rows", [1, 30])
def test_results_run_a_fixed_number_of_queries_whatever_the_number_of_participants_and_scorers(
    api_client, django_assert_max_num_queries, seminar, enrolment, indicators, rows
):
    session = build_scored_session(seminar, enrolment, indicators, rows)
    api_client.force_authenticate(session.chair)
    with django_assert_max_num_queries(10):
        response = api_client.get(f"/api/sessions/{session.pk}/results/")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == rows
    assert all(len(row["scorers"]) == 3 for row in data)
    assert {row["final"] for row in data} == {"75.00"}


@pytest.mark.parametrize("rows", [1, 30])
def test_session_list_and_detail_run_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, seminar, enrolment, indicators, organiser_staff, rows
):
    session = build_scored_session(seminar, enrolment, indicators, rows)
    for n in range(rows):
        make_session(seminar, f"Tambahan {n}", session.chair, [])
    api_client.force_authenticate(organiser_staff)
    with django_assert_max_num_queries(3):
        assert len(api_client.get("/api/sessions/").json()["results"]) == rows + 1
    with django_assert_max_num_queries(4):
        assert len(api_client.get(f"/api/sessions/{session.pk}/").json()["presentations"]) == rows


# --- finalising and reopening ------------------------------------------------------------------


def test_the_chair_finalises_a_session_and_releases_the_results(api_client, login, scored, session):
    login("chair")
    response = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "finalised"
    scored.refresh_from_db()
    assert scored.released_at is not None


@pytest.mark.parametrize(("role", "expected"), [("session_examiner", 403), ("mentor", 403), ("other_examiner", 404)])
def test_only_the_chair_finalises(api_client, login, scored, session, role, expected):
    login(role)
    response = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")
    assert response.status_code == expected
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.OPEN


def test_a_flagged_result_needs_acknowledge_flags_to_finalise(
    api_client, login, presentation, session, session_examiner, second_examiner, indicators
):
    score_all(presentation, session_examiner, indicators, 60)
    score_all(presentation, second_examiner, indicators, 95)
    login("chair")
    refused = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")
    assert refused.status_code == 400
    assert "acknowledge_flags" in refused.json()
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.OPEN
    accepted = api_client.post(f"/api/sessions/{session.pk}/finalise/", {"acknowledge_flags": True}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "finalised"


def test_a_session_with_an_unscored_participant_is_not_finalised(
    api_client, login, presentation, session, session_examiner, second_examiner
):
    login("chair")
    response = api_client.post(f"/api/sessions/{session.pk}/finalise/", {}, format="json")
    assert response.status_code == 400
    missing = response.json()["missing"]
    assert [(gap["code"], gap["scorer"], gap["participant"]) for gap in missing] == [
        ("no_sheet", second_examiner.pk, presentation.enrolment.participant_id),
        ("no_sheet", session_examiner.pk, presentation.enrolment.participant_id),
    ]
    assert missing[0]["message"] == f"Penguji Dua (examiner) has not scored {presentation.enrolment.participant}."


def test_reopening_needs_a_reason_and_withdraws_the_results(api_client, login, released, session):
    login("chair")
    refused = api_client.post(f"/api/sessions/{session.pk}/reopen/", {"reason": " "}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    response = api_client.post(f"/api/sessions/{session.pk}/reopen/", {"reason": "Salah input nilai"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "open"
    released.refresh_from_db()
    assert released.released_at is None
    assert SessionEvent.objects.filter(session=session, kind="reopened", reason="Salah input nilai").exists()


def test_an_examiner_cannot_reopen(api_client, login, released, session):
    login("session_examiner")
    response = api_client.post(f"/api/sessions/{session.pk}/reopen/", {"reason": "x"}, format="json")
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.FINALISED

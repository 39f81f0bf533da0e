"""Inputs that used to end in a 500 are now a clear 4xx: each case as the attacker sent it."""

import pytest
from django.test import Client

from projects.models import Milestone, ProgressUpdate
from projects.services.updates import post_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_participant(api_client, participant):
    api_client.force_authenticate(participant.user)
    api_client.raise_request_exception = False
    return api_client


@pytest.fixture
def moved_milestone(approved_project, participant):
    milestone = approved_project.milestones.get(horizon="short")
    post_update(approved_project, by=participant.user, note="Rapat tim.", milestone=milestone, progress=40)
    return milestone


# --- a milestone whose progress an update recorded ---------------------------------------------------


def test_the_api_refuses_to_delete_a_milestone_with_recorded_progress_and_suggests_cancelling(
    as_participant, moved_milestone
):
    response = as_participant.delete(f"/api/milestones/{moved_milestone.pk}/")
    assert response.status_code == 400
    assert "cancel" in response.json()["non_field_errors"][0].lower()
    assert Milestone.objects.filter(pk=moved_milestone.pk).exists()
    assert ProgressUpdate.objects.filter(milestone=moved_milestone).count() == 1


def test_the_delete_page_refuses_a_milestone_with_recorded_progress_with_a_message(participant, moved_milestone):
    client = Client(raise_request_exception=False)
    client.force_login(participant.user)
    response = client.post(f"/projects/milestones/{moved_milestone.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "recorded progress" in response.content.decode()
    assert Milestone.objects.filter(pk=moved_milestone.pk).exists()


def test_a_milestone_named_only_by_a_note_without_progress_can_still_be_deleted(
    as_participant, approved_project, participant
):
    milestone = approved_project.milestones.get(horizon="short")
    update = post_update(approved_project, by=participant.user, note="Catatan saja.", milestone=milestone)
    assert as_participant.delete(f"/api/milestones/{milestone.pk}/").status_code == 204
    update.refresh_from_db()
    assert update.milestone is None and update.note == "Catatan saja."


# --- budget feedback linked to lines -----------------------------------------------------------------


def test_linking_budget_lines_to_budget_feedback_answers_200_not_a_key_error(as_participant, project, mentor):
    from assessments import feedback

    item = feedback.give_feedback(
        project,
        by=mentor,
        category="budget",
        text="Biaya proyek harus masuk DPA.",
        owner="Peserta",
        due_date=factories.today(),
        budget={"fiscal_year": factories.today().year + 1, "source": "apbd", "amount_requested": 1_000_000},
    )
    line = factories.confirmed_line(project, fiscal_year=factories.today().year + 1, approved=900_000)
    response = as_participant.post(f"/api/feedback/{item.pk}/budget/", {"budget_lines": [line.pk]}, format="json")
    assert response.status_code == 200, response.content


# --- JSON nested too deep -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/projects/", "/api/updates/", "/api/feedback/"])
def test_json_nested_ten_thousand_deep_is_a_400(as_participant, url):
    body = "[" * 10_000 + "]" * 10_000
    response = as_participant.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "deep" in response.json()["detail"]


def test_json_nested_past_the_limit_but_parseable_is_a_400(as_participant):
    body = '{"title": ' + "[" * 100 + "]" * 100 + "}"
    response = as_participant.post("/api/projects/", body, content_type="application/json")
    assert response.status_code == 400
    assert "deep" in response.json()["detail"]


# --- NUL in a URL ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/reports/province/%00/", "/reports/province/7%003/", "/verify/%00/"])
def test_a_nul_in_a_url_path_is_a_404(participant, url):
    client = Client(raise_request_exception=False)
    client.force_login(participant.user)
    assert client.get(url).status_code == 404


def test_no_url_pattern_takes_a_plain_str_converter():
    """Django's str converter lets a NUL through, which PostgreSQL refuses with a DataError."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import StringConverter

    def patterns(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver) and entry.app_name != "admin":  # the admin's ids are parsed by it
                yield from patterns(entry)
            yield entry

    plain = [
        str(entry.pattern)
        for entry in patterns(get_resolver())
        if isinstance(entry, (URLPattern, URLResolver))
        and any(type(c) is StringConverter for c in getattr(entry.pattern, "converters", {}).values())
    ]
    assert plain == []

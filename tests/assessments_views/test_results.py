"""The participant's results page: nothing before release, the result after; feedback to act on."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.feedback import give_feedback
from assessments.models import Classification

from .conftest import score_everyone

pytestmark = pytest.mark.django_db

RESULTS_URL = reverse("assessments:my-results")


def test_before_release_the_participant_sees_not_yet_released_and_no_score(client, scored_day):
    client.force_login(scored_day.participant_user(0))
    page = client.get(RESULTS_URL).content.decode()
    assert "not yet released" in page
    assert "Memuaskan" not in page
    assert "86.00" not in page


def test_after_release_the_participant_sees_their_result_predicate_and_verdicts(client, day):
    score_everyone(day)
    Classification.objects.create(
        presentation=day.presentations[0], examiner=day.examiners[0], verdict="innovation", reason="Terobosan nyata."
    )
    services.finalise_session(day.session, by=day.chair)
    client.force_login(day.participant_user(0))
    response = client.get(RESULTS_URL)
    page = response.content.decode()
    assert "86.00" in page and "Memuaskan" in page
    assert "Terobosan nyata." in page
    assert "not yet released" not in page


def test_reopening_withdraws_the_result_from_the_participant(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    services.reopen_session(scored_day.session, by=scored_day.chair, reason="Koreksi")
    client.force_login(scored_day.participant_user(0))
    assert "Memuaskan" not in client.get(RESULTS_URL).content.decode()


def test_a_participant_sees_only_their_own_presentation(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.participant_user(0))
    response = client.get(RESULTS_URL)
    assert [row["presentation"] for row in response.context["rows"]] == [scored_day.presentations[0]]
    assert scored_day.presentations[1].enrolment.project.title not in response.content.decode()


def test_a_stranger_has_no_results(client, scored_day, stranger):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(stranger)
    response = client.get(RESULTS_URL)
    assert response.context["rows"] == [] and "Memuaskan" not in response.content.decode()


def test_the_feedback_to_act_on_lists_overdue_items_first_and_leaves_out_finished_ones(client, day):
    project = day.presentations[0].enrolment.project
    today = timezone.localdate()
    examiner = day.examiners[0]
    later = give_feedback(
        project,
        by=examiner,
        category="scope",
        text="Perluas ke semua OPD",
        owner="Peserta",
        due_date=today + datetime.timedelta(days=30),
    )
    overdue = give_feedback(
        project,
        by=examiner,
        category="other",
        text="Laporkan ke kepala daerah",
        owner="Peserta",
        due_date=today - datetime.timedelta(days=3),
    )
    done = give_feedback(
        project,
        by=examiner,
        category="other",
        text="Sudah beres",
        owner="Peserta",
        due_date=today,
    )
    done.status = "verified"
    done.save()
    client.force_login(day.participant_user(0))
    response = client.get(RESULTS_URL)
    assert response.context["feedback"] == [overdue, later]
    page = response.content.decode()
    assert "overdue" in page and later.get_absolute_url() in page

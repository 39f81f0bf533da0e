"""The scoring form: every indicator, drafts and submissions, errors at the field, refusals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Classification, Score, ScoreChange

from .conftest import score_everyone

pytestmark = pytest.mark.django_db


def score_url(presentation):
    return reverse("assessments:score", args=[presentation.pk])


def all_scores(day, value="85", **extra):
    data = {f"indicator_{i.pk}": value for i in day.indicators}
    data.update(extra)
    return data


def test_the_form_shows_every_indicator_grouped_by_component_with_weights_and_levels(client, day):
    client.force_login(day.examiners[0])
    response = client.get(score_url(day.presentations[0]))
    page = response.content.decode()
    for indicator in day.indicators:
        assert indicator.name in page
        assert f'name="indicator_{indicator.pk}"' in page
    assert "Keberlanjutan" in page  # a component of the seeded results rubric
    assert "Sangat baik" in page  # a level descriptor
    assert 'min="0"' in page and 'max="100"' in page and 'step="0.01"' in page and 'inputmode="decimal"' in page


def test_saving_a_draft_keeps_partial_scores_and_prefills_them(client, day):
    examiner = day.examiners[0]
    first = day.indicators[0]
    client.force_login(examiner)
    response = client.post(
        score_url(day.presentations[0]),
        {f"indicator_{first.pk}": "77.5", f"remark_{first.pk}": "Baik", "action": "draft"},
    )
    assert response.status_code == 302
    score = Score.objects.get(scorer=examiner)
    assert score.value == Decimal("77.50") and score.remark == "Baik"
    page = client.get(score_url(day.presentations[0])).content.decode()
    assert 'value="77.5"' in page and 'value="Baik"' in page


def test_submitting_every_indicator_completes_my_scoring(client, day):
    client.force_login(day.examiners[0])
    response = client.post(score_url(day.presentations[0]), all_scores(day, "60", action="submit"))
    assert response.status_code == 302
    assert response["Location"] == day.session.get_absolute_url()
    assert Score.objects.filter(scorer=day.examiners[0]).count() == len(day.indicators)
    assert 'value="60"' in client.get(score_url(day.presentations[0])).content.decode()  # not "6E+1"


def test_a_score_of_101_is_refused_at_its_indicator_and_nothing_is_saved(client, day):
    first = day.indicators[0]
    client.force_login(day.examiners[0])
    response = client.post(
        score_url(day.presentations[0]), all_scores(day, **{f"indicator_{first.pk}": "101", "action": "submit"})
    )
    assert response.status_code == 400
    assert f"indicator_{first.pk}" in response.context["form"].errors
    assert "between 0 and 100" in response.content.decode()
    assert not Score.objects.exists()


def test_submitting_with_an_indicator_missing_is_refused_at_that_indicator(client, day):
    last = day.indicators[-1]
    client.force_login(day.examiners[0])
    data = all_scores(day, action="submit")
    del data[f"indicator_{last.pk}"]
    response = client.post(score_url(day.presentations[0]), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [f"indicator_{last.pk}"]
    assert not Score.objects.exists()


def test_a_participant_cannot_open_the_scoring_form(client, day):
    client.force_login(day.participant_user(0))
    assert client.get(score_url(day.presentations[0])).status_code == 403


def test_an_examiner_of_another_session_gets_404_on_scoring(client, day, other_day):
    client.force_login(other_day.examiners[0])
    assert client.get(score_url(day.presentations[0])).status_code == 404
    assert client.post(score_url(day.presentations[0]), all_scores(day, action="submit")).status_code == 404
    assert not Score.objects.exists()


def test_a_stranger_gets_404_on_scoring(client, day, stranger):
    client.force_login(stranger)
    assert client.get(score_url(day.presentations[0])).status_code == 404


def test_a_mentor_cannot_score_another_mentors_participant(client, day):
    client.force_login(day.mentors[0])
    assert client.get(score_url(day.presentations[1])).status_code == 404


def test_a_mentor_scores_their_participant_without_the_examiners_verdict(client, day):
    client.force_login(day.mentors[0])
    page = client.get(score_url(day.presentations[0])).content.decode()
    assert 'name="verdict"' not in page
    client.post(score_url(day.presentations[0]), all_scores(day, "80", action="submit"))
    assert set(Score.objects.values_list("role", flat=True)) == {"mentor"}


def test_an_examiner_records_the_innovation_verdict_with_the_scores(client, day):
    client.force_login(day.examiners[0])
    client.post(
        score_url(day.presentations[0]),
        all_scores(day, action="submit", verdict="routine", verdict_reason="Tugas pokok biasa."),
    )
    verdict = Classification.objects.get()
    assert verdict.verdict == "routine" and verdict.reason == "Tugas pokok biasa."


def test_a_verdict_without_a_reason_is_refused_at_its_field_and_the_scores_are_not_kept(client, day):
    client.force_login(day.examiners[0])
    response = client.post(score_url(day.presentations[0]), all_scores(day, action="submit", verdict="innovation"))
    assert response.status_code == 400
    assert "verdict_reason" in response.context["form"].errors
    assert not Score.objects.exists() and not Classification.objects.exists()


def test_a_finalised_session_shows_the_form_read_only(client, day):
    score_everyone(day)
    services.finalise_session(day.session, by=day.chair)
    client.force_login(day.examiners[0])
    page = client.get(score_url(day.presentations[0])).content.decode()
    assert "scores are locked" in page
    assert 'value="submit"' not in page
    assert "disabled" in page


def test_posting_to_a_finalised_session_changes_nothing(client, day):
    score_everyone(day)
    services.finalise_session(day.session, by=day.chair)
    client.force_login(day.examiners[0])
    client.post(score_url(day.presentations[0]), all_scores(day, "50", action="submit"))
    assert not Score.objects.filter(value=Decimal("50")).exists()


def test_after_reopening_a_change_needs_a_reason_at_its_field(client, day):
    score_everyone(day)
    services.finalise_session(day.session, by=day.chair)
    services.reopen_session(day.session, by=day.chair, reason="Koreksi")
    client.force_login(day.examiners[0])
    assert 'name="reason"' in client.get(score_url(day.presentations[0])).content.decode()
    response = client.post(score_url(day.presentations[0]), all_scores(day, "90", action="submit"))
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    client.post(score_url(day.presentations[0]), all_scores(day, "90", action="submit", reason="Salah ketik"))
    change = ScoreChange.objects.filter(reason="Salah ketik").first()
    assert change and change.after_release and change.new_value == Decimal("90")


def test_the_history_of_score_changes_is_shown_on_the_form(client, day):
    examiner = day.examiners[0]
    first = day.indicators[0]
    services.score_presentation(day.presentations[0], by=examiner, scores={first.pk: "70"}, complete=False)
    services.score_presentation(day.presentations[0], by=examiner, scores={first.pk: "75"}, complete=False)
    client.force_login(examiner)
    response = client.get(score_url(day.presentations[0]))
    assert len(response.context["changes"]) == 2
    assert "History of score changes" in response.content.decode()

"""The seminar day and the session page: who sees what, the running results, finalising and reopening."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import ScoringPolicy, SeminarSession

from .conftest import build_day, score_everyone

pytestmark = pytest.mark.django_db

DAY_URL = reverse("assessments:day")


def session_url(day):
    return reverse("assessments:session", args=[day.session.pk])


def test_an_examiner_sees_their_session_on_the_seminar_day_in_the_hosts_time_zone(client, day):
    client.force_login(day.examiners[0])
    page = client.get(DAY_URL).content.decode()
    assert day.session.get_absolute_url() in page
    assert "WITA" in page  # the organiser is in Sulawesi Selatan


def test_the_seminar_day_shows_the_host_clock_not_the_readers(client, settings):
    moment = timezone.make_aware(datetime.datetime(2031, 3, 5, 1, 30), datetime.UTC)
    day = build_day(participants=1, starts_at=moment)
    client.force_login(day.examiners[0])
    page = client.get(DAY_URL).content.decode()
    assert "09:30 WITA" in page  # 01:30 UTC is 09:30 in Makassar


def test_a_mentor_sees_the_session_where_their_participant_presents(client, day):
    client.force_login(day.mentors[0])
    assert day.session.get_absolute_url() in client.get(DAY_URL).content.decode()


def test_a_stranger_sees_no_session_on_the_seminar_day(client, day, stranger):
    client.force_login(stranger)
    page = client.get(DAY_URL).content.decode()
    assert day.session.get_absolute_url() not in page


def test_the_seminar_day_requires_login(client, day):
    response = client.get(DAY_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_session_page_lists_the_participants_in_order_with_their_project_titles(client, day):
    client.force_login(day.examiners[0])
    page = client.get(session_url(day)).content.decode()
    first, second = (p.enrolment.project.title for p in day.presentations)
    assert first in page and second in page
    assert page.index(first) < page.index(second)
    assert "Ketua Sidang" in page and "Penguji 2" in page


def test_the_session_page_shows_each_scorers_total_the_result_and_the_predicate(client, scored_day):
    client.force_login(scored_day.examiners[0])
    page = client.get(session_url(scored_day)).content.decode()
    # Mean of the examiners (the seeded policy): (85 + 87) / 2 = 86, "Memuaskan" (> 80 – 90).
    assert "86,00" in page or "86.00" in page
    assert "Memuaskan" in page
    assert "87,00" in page or "87.00" in page


def test_my_scoring_status_reads_not_started_partial_or_complete(client, day):
    examiner = day.examiners[0]
    indicator = day.indicators[0]
    services.score_presentation(day.presentations[0], by=examiner, scores={indicator.pk: "80"}, complete=False)
    client.force_login(examiner)
    page = client.get(session_url(day)).content.decode()
    assert "my-status-partial" in page and "my-status-none" in page
    assert "my-status-complete" not in page


def test_a_wide_disagreement_is_flagged_on_the_session_page(client, day):
    score_everyone(day, examiner_values=(60, 95))
    client.force_login(day.chair)
    page = client.get(session_url(day)).content.decode()
    assert 'class="flagged"' in page
    assert "I have reviewed the flagged results" in page


def test_an_examiner_of_another_session_gets_404_on_this_session(client, day, other_day):
    client.force_login(other_day.examiners[0])
    assert client.get(session_url(day)).status_code == 404


def test_a_stranger_gets_404_on_the_session_page(client, day, stranger):
    client.force_login(stranger)
    assert client.get(session_url(day)).status_code == 404


def test_a_participant_cannot_open_the_session_page(client, day):
    client.force_login(day.participant_user(0))
    assert client.get(session_url(day)).status_code == 404


def test_a_mentor_sees_only_their_own_participant_in_the_session(client, day):
    client.force_login(day.mentors[0])
    page = client.get(session_url(day)).content.decode()
    own, other = (p.enrolment.project.title for p in day.presentations)
    assert own in page
    assert other not in page


def test_organiser_staff_see_the_sessions_of_their_cohorts(client, day):
    staff = day.examiners[0].__class__.objects.create(username="staf", full_name="Staf BPSDM")
    day.seminar.cohort.organiser.staff.add(staff)
    client.force_login(staff)
    assert client.get(session_url(day)).status_code == 200


def test_only_the_chair_sees_the_finalise_form(client, scored_day):
    finalise_url = reverse("assessments:finalise", args=[scored_day.session.pk])
    client.force_login(scored_day.examiners[0])
    assert finalise_url not in client.get(session_url(scored_day)).content.decode()
    client.force_login(scored_day.chair)
    assert finalise_url in client.get(session_url(scored_day)).content.decode()


def test_an_examiner_who_is_not_the_chair_cannot_finalise(client, scored_day):
    client.force_login(scored_day.examiners[0])
    response = client.post(reverse("assessments:finalise", args=[scored_day.session.pk]))
    assert response.status_code == 403
    scored_day.session.refresh_from_db()
    assert scored_day.session.status == SeminarSession.Status.OPEN


def test_the_chair_finalises_and_the_results_are_released(client, scored_day):
    client.force_login(scored_day.chair)
    response = client.post(reverse("assessments:finalise", args=[scored_day.session.pk]))
    assert response.status_code == 302
    scored_day.session.refresh_from_db()
    assert scored_day.session.status == SeminarSession.Status.FINALISED
    assert all(p.released_at for p in scored_day.session.presentations.all())


def test_finalising_with_flagged_results_needs_the_review_checkbox_at_its_field(client, day):
    score_everyone(day, examiner_values=(60, 95))
    client.force_login(day.chair)
    response = client.post(reverse("assessments:finalise", args=[day.session.pk]))
    assert response.status_code == 400
    form = response.context["finalise_form"]
    assert "acknowledge_flags" in form.errors
    day.session.refresh_from_db()
    assert day.session.is_open


def test_finalising_with_the_review_checkbox_releases_flagged_results(client, day):
    score_everyone(day, examiner_values=(60, 95))
    client.force_login(day.chair)
    client.post(reverse("assessments:finalise", args=[day.session.pk]), {"acknowledge_flags": "on"})
    day.session.refresh_from_db()
    assert not day.session.is_open


def test_finalising_before_everyone_is_scored_says_who_is_missing(client, day):
    client.force_login(day.chair)
    response = client.post(reverse("assessments:finalise", args=[day.session.pk]))
    assert response.status_code == 400
    assert response.context["finalise_form"].non_field_errors()
    assert day.presentations[0].enrolment.participant.user.full_name in response.content.decode()


def test_reopening_needs_a_reason_at_its_field(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.chair)
    response = client.post(reverse("assessments:reopen", args=[scored_day.session.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "reason" in response.context["reopen_form"].errors
    scored_day.session.refresh_from_db()
    assert not scored_day.session.is_open


def test_the_chair_reopens_with_a_reason_and_the_history_shows_it(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.chair)
    client.post(reverse("assessments:reopen", args=[scored_day.session.pk]), {"reason": "Salah input nilai"})
    scored_day.session.refresh_from_db()
    assert scored_day.session.is_open
    assert "Salah input nilai" in client.get(session_url(scored_day)).content.decode()


def test_an_examiner_cannot_reopen(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.examiners[0])
    response = client.post(reverse("assessments:reopen", args=[scored_day.session.pk]), {"reason": "x"})
    assert response.status_code == 403


def test_the_chair_sees_a_reopen_form_once_finalised(client, scored_day):
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.chair)
    page = client.get(session_url(scored_day)).content.decode()
    assert reverse("assessments:reopen", args=[scored_day.session.pk]) in page
    assert reverse("assessments:finalise", args=[scored_day.session.pk]) not in page


@pytest.mark.parametrize("participants", [1, 30])
def test_the_session_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, participants):
    day = build_day(participants=participants)
    score_everyone(day)  # three scorers each: two examiners and the mentor
    ScoringPolicy.objects.filter(rule_set=day.seminar.cohort.rule_set).update(max_spread=1)  # flag them all
    client.force_login(day.chair)
    with django_assert_max_num_queries(27):
        response = client.get(session_url(day))
    assert response.status_code == 200
    assert len(response.context["rows"]) == participants


@pytest.mark.parametrize("participants", [1, 30])
def test_the_seminar_day_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, participants):
    day = build_day(participants=participants)
    score_everyone(day)
    examiner = day.examiners[0]
    for _ in range(participants):  # as many more sessions, all sat on by this examiner
        other = build_day(participants=0)
        other.session.examiners.add(examiner)
    client.force_login(examiner)
    with django_assert_max_num_queries(12):
        response = client.get(DAY_URL)
    assert response.status_code == 200

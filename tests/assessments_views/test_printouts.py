"""The printable score sheet and minutes (berita acara) of a session."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.feedback import give_feedback
from assessments.models import Classification

pytestmark = pytest.mark.django_db


def sheet_url(day):
    return reverse("assessments:sheet", args=[day.session.pk])


def minutes_url(day):
    return reverse("assessments:minutes", args=[day.session.pk])


def test_the_score_sheet_shows_the_panel_the_participants_in_order_their_totals_and_predicates(client, scored_day):
    Classification.objects.create(
        presentation=scored_day.presentations[0], examiner=scored_day.examiners[0], verdict="routine", reason="Rutin."
    )
    services.finalise_session(scored_day.session, by=scored_day.chair)
    client.force_login(scored_day.chair)
    page = client.get(sheet_url(scored_day)).content.decode()
    first, second = (p.enrolment.participant.user.full_name for p in scored_day.presentations)
    assert page.index(first) < page.index(second)
    assert "Penguji 1" in page and "Ketua Sidang" in page
    assert "86.00" in page and "Memuaskan" in page and "Routine work" in page
    assert "data-print" in page and "Score sheet" in page


def test_the_minutes_list_the_feedback_given_in_the_session(client, scored_day):
    presentation = scored_day.presentations[0]
    give_feedback(
        presentation.enrolment.project,
        by=scored_day.examiners[0],
        category="rollout",
        text="Percepat ke seluruh OPD.",
        owner="Peserta",
        due_date=timezone.localdate() + datetime.timedelta(days=90),
        presentation=presentation,
    )
    client.force_login(scored_day.examiners[1])
    page = client.get(minutes_url(scored_day)).content.decode()
    assert "Percepat ke seluruh OPD." in page
    assert "Minutes of the seminar" in page
    assert "WITA" in page


def test_a_stranger_gets_404_on_the_printouts(client, scored_day, stranger):
    client.force_login(stranger)
    assert client.get(sheet_url(scored_day)).status_code == 404
    assert client.get(minutes_url(scored_day)).status_code == 404


def test_the_participant_cannot_print_the_session(client, scored_day):
    client.force_login(scored_day.participant_user(0))
    assert client.get(sheet_url(scored_day)).status_code == 404


def test_the_nav_links_a_participant_to_their_results_and_the_panel_to_their_seminars():
    participant_nav = render_to_string("assessments/_nav.html", {"nav": {"participant": True}})
    panel_nav = render_to_string("assessments/_nav.html", {"nav": {"participant": False, "panel": True}})
    assert reverse("assessments:my-results") in participant_nav
    assert reverse("assessments:day") in panel_nav and reverse("assessments:feedback-list") in panel_nav

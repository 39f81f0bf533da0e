"""The session page shows what is missing at the top, and the chair records absences there."""

import pytest
from django.urls import reverse

from assessments.models import SeminarSession, SessionAbsence

from .conftest import build_day, bulk_scores, score_everyone

pytestmark = pytest.mark.django_db


def session_url(day):
    return reverse("assessments:session", args=[day.session.pk])


def absence_url(day):
    return reverse("assessments:absence", args=[day.session.pk])


@pytest.fixture
def half_scored(day):
    """The first examiner has scored everyone; the second nobody."""
    for presentation in day.presentations:
        bulk_scores(presentation, day.examiners[0], "examiner", 85)
    return day


def test_the_page_lists_what_is_missing_before_the_results(client, half_scored):
    client.force_login(half_scored.chair)

    page = client.get(session_url(half_scored)).content.decode()

    assert page.count("gap gap-no_sheet") == 2
    assert "Penguji 2 (examiner) has not scored" in page
    assert page.index('id="missing"') < page.index("Participants and running results")


def test_a_complete_session_says_the_chair_can_finalise(client, day):
    score_everyone(day)
    client.force_login(day.chair)

    page = client.get(session_url(day)).content.decode()

    assert "Every expected sheet is complete" in page
    assert "gap-" not in page


def test_finalising_with_gaps_is_a_400_pointing_to_the_top(client, half_scored):
    client.force_login(half_scored.chair)

    response = client.post(reverse("assessments:finalise", args=[half_scored.session.pk]))

    assert response.status_code == 400
    assert "Not finalised: 2 things are missing, listed at the top." in response.content.decode()
    half_scored.session.refresh_from_db()
    assert half_scored.session.is_open


def test_the_chair_records_an_absence_and_the_gap_goes(client, half_scored):
    absent = half_scored.examiners[1]
    client.force_login(half_scored.chair)

    response = client.post(absence_url(half_scored), {"subject": f"member:{absent.pk}", "reason": "Sakit"})
    page = client.get(session_url(half_scored)).content.decode()

    assert response.status_code == 302
    assert SessionAbsence.objects.get().member == absent
    assert "gap-no_sheet" not in page
    assert "Penguji 2 absent from the whole session: Sakit" in page
    finalised = client.post(reverse("assessments:finalise", args=[half_scored.session.pk]))
    assert finalised.status_code == 302
    assert SeminarSession.objects.get(pk=half_scored.session.pk).status == "finalised"


def test_a_participant_who_did_not_present_is_marked(client, day):
    presentation, other = day.presentations[0], day.presentations[1]
    bulk_scores(other, day.examiners[0], "examiner", 85)  # nobody scored the one who did not present
    client.force_login(day.chair)

    client.post(absence_url(day), {"subject": f"participant:{presentation.pk}", "reason": "Dinas luar"})
    page = client.get(session_url(day)).content.decode()

    assert page.count("gap gap-no_sheet") == 1
    assert 'class="no-show"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"subject": "member:999999", "reason": "Sakit"}, "Select a valid choice"),
        ({"subject": "participant:x", "reason": "Sakit"}, "Select a valid choice"),
        ({"subject": "", "reason": "Sakit"}, "This field is required"),
        ({"subject": "member:{examiner}", "reason": ""}, "This field is required"),
        ({"subject": "member:{examiner}", "reason": "   "}, "This field is required"),
    ],
)
def test_bad_absence_input_is_refused_with_a_message(client, half_scored, data, message):
    data = {key: value.format(examiner=half_scored.examiners[1].pk) for key, value in data.items()}
    client.force_login(half_scored.chair)

    response = client.post(absence_url(half_scored), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SessionAbsence.objects.exists()


def test_an_examiner_cannot_record_an_absence(client, half_scored):
    client.force_login(half_scored.examiners[0])

    response = client.post(
        absence_url(half_scored), {"subject": f"member:{half_scored.examiners[1].pk}", "reason": "x"}
    )

    assert response.status_code == 403
    assert not SessionAbsence.objects.exists()


def test_the_absence_form_is_only_for_the_chair(client, half_scored):
    client.force_login(half_scored.examiners[0])

    page = client.get(session_url(half_scored)).content.decode()

    assert "gap-no_sheet" in page
    assert absence_url(half_scored) not in page


@pytest.mark.parametrize("participants", [1, 20])
def test_the_page_with_gaps_and_absences_keeps_its_query_budget(client, django_assert_max_num_queries, participants):
    day = build_day(participants=participants)
    client.force_login(day.chair)
    client.post(absence_url(day), {"subject": f"member:{day.examiners[0].pk}", "reason": "Sakit"})
    with django_assert_max_num_queries(26):
        response = client.get(session_url(day))
    assert len(response.context["missing"]) == participants

"""Absences on the pages and in the API: what an absent member sees, withdrawing, refusals shown at the top."""

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import services
from assessments.absences import record_absence
from assessments.models import Score, SessionAbsence
from tests.assessments_views.conftest import build_day, bulk_scores, score_everyone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def day(db):
    return build_day()


@pytest.fixture
def left_early(day):
    """The second examiner left before the second participant; the chair recorded it."""
    day.absence = record_absence(
        day.session,
        by=day.chair,
        kind="member",
        member=day.examiners[1],
        presentation=day.presentations[1],
        reason="Dipanggil pimpinan.",
    )
    return day


def session_page(client, day, user=None):
    client.force_login(user or day.chair)
    return client.get(reverse("assessments:session", args=[day.session.pk])).content.decode()


def withdraw_url(day, absence):
    return reverse("assessments:absence-withdraw", args=[day.session.pk, absence.pk])


# --- the absent member's view ------------------------------------------------------------------


def test_the_score_page_tells_an_absent_member_so_instead_of_offering_the_form(client, left_early):
    client.force_login(left_early.examiners[1])

    response = client.get(reverse("assessments:score", args=[left_early.presentations[1].pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "You are recorded absent for" in page and "Dipanggil pimpinan." in page
    assert 'name="action"' not in page and "score-form" not in page


def test_an_absent_member_posting_scores_is_refused_and_nothing_is_saved(client, left_early):
    presentation = left_early.presentations[1]
    client.force_login(left_early.examiners[1])
    data = {f"indicator_{i.pk}": "80" for i in left_early.indicators}

    response = client.post(reverse("assessments:score", args=[presentation.pk]), {**data, "action": "submit"})

    assert response.status_code == 302
    assert not Score.objects.filter(presentation=presentation).exists()
    assert "You are recorded absent for" in client.get(response.url).content.decode()


def test_the_session_page_shows_absent_not_not_started_with_the_reason(client, left_early):
    page = session_page(client, left_early, left_early.examiners[1])

    assert 'class="my-status my-status-absent" title="Dipanggil pimpinan."' in page
    assert page.count("my-status-none") == 1  # the first participant is still to score


def test_a_finalised_session_heads_its_table_as_final_results(client, left_early):
    score_everyone(left_early)
    Score.objects.filter(presentation=left_early.presentations[1], scorer=left_early.examiners[1]).delete()
    services.finalise_session(left_early.session, by=left_early.chair, acknowledge_flags=True)

    page = session_page(client, left_early)

    assert "Participants and final results" in page and "running results" not in page


def test_the_absence_button_and_the_final_heading_have_their_own_indonesian_words():
    with translation.override("id"):
        assert translation.gettext("Record the absence") == "Catat ketidakhadiran"
        assert translation.gettext("Absent") == "Tidak hadir"
        assert translation.gettext("Participants and final results") == "Peserta dan hasil akhir"
        assert translation.gettext("Finalising refused:") == "Finalisasi ditolak:"
        assert translation.gettext("Record") == "Catatan"  # the admin heading keeps its word


def test_the_absence_form_submits_with_record_the_absence(client, day):
    assert ">Record the absence</button>" in session_page(client, day)


# --- refusals at the top of the page ------------------------------------------------------------


def test_a_refused_finalise_is_announced_at_the_top_and_opens_there(client, day):
    bulk_scores(day.presentations[0], day.examiners[0], "examiner", 85)
    client.force_login(day.chair)

    response = client.post(reverse("assessments:finalise", args=[day.session.pk]))

    page = response.content.decode()
    assert response.status_code == 400
    notice = page.index("Finalising refused: the session still lacks what is listed below.")
    assert page.index('id="missing"') < notice < page.index("gap gap-no_sheet") < page.index('id="chair"')
    assert 'class="alert error refusal" role="alert" tabindex="-1" autofocus' in page


def test_a_refused_absence_is_announced_at_the_top_pointing_to_the_field(client, day):
    client.force_login(day.chair)

    response = client.post(
        reverse("assessments:absence", args=[day.session.pk]),
        {"subject": f"member:{day.examiners[0].pk}", "reason": ""},
    )

    page = response.content.decode()
    assert response.status_code == 400
    top = page[: page.index("Participants and running results")]
    assert "The absence is not recorded:" in top and 'href="#id_reason"' in top


def test_a_service_refusal_of_an_absence_is_announced_at_the_top(client, day):
    bulk_scores(day.presentations[0], day.examiners[1], "examiner", 85)
    client.force_login(day.chair)

    response = client.post(
        reverse("assessments:absence", args=[day.session.pk]),
        {"subject": f"member:{day.examiners[1].pk}:{day.presentations[0].pk}", "reason": "Pulang"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert page.index("The absence is not recorded:") < page.index("an absent member has no sheet")
    assert not SessionAbsence.objects.exists()


# --- withdrawing on the page -------------------------------------------------------------------


def test_the_chair_sees_a_confirmed_withdraw_next_to_each_recorded_absence(client, left_early):
    page = session_page(client, left_early)

    assert f'action="{withdraw_url(left_early, left_early.absence)}#missing"' in page
    assert "Yes, withdraw this record" in page


def test_an_examiner_is_offered_no_withdraw(client, left_early):
    assert withdraw_url(left_early, left_early.absence) not in session_page(client, left_early, left_early.examiners[0])


def test_the_chair_withdraws_an_absence_from_the_page(client, left_early):
    client.force_login(left_early.chair)

    response = client.post(withdraw_url(left_early, left_early.absence), {"reason": "Salah catat."})

    assert response.status_code == 302 and response.url.endswith("#missing")
    assert not SessionAbsence.objects.exists()
    assert SessionAbsence.history.get(history_type="-").history_change_reason == "Salah catat."


def test_an_examiner_cannot_withdraw_an_absence_from_the_page(client, left_early):
    client.force_login(left_early.examiners[0])

    response = client.post(withdraw_url(left_early, left_early.absence))

    assert response.status_code == 403
    assert SessionAbsence.objects.exists()


def test_withdrawing_needs_a_post(client, left_early):
    client.force_login(left_early.chair)

    assert client.get(withdraw_url(left_early, left_early.absence)).status_code == 405
    assert SessionAbsence.objects.exists()


def test_an_absence_of_another_session_is_not_found(client, left_early):
    other = build_day(participants=1)
    client.force_login(other.chair)

    response = client.post(reverse("assessments:absence-withdraw", args=[other.session.pk, left_early.absence.pk]))

    assert response.status_code == 404
    assert SessionAbsence.objects.exists()


# --- the API -----------------------------------------------------------------------------------


def absences_url(day):
    return f"/api/sessions/{day.session.pk}/absences/"


def test_the_api_lists_the_recorded_absences(api_client, left_early):
    api_client.force_authenticate(left_early.examiners[0])

    response = api_client.get(absences_url(left_early))

    assert response.status_code == 200
    assert [(a["id"], a["member"], a["presentation"], a["reason"]) for a in response.json()] == [
        (left_early.absence.pk, left_early.examiners[1].pk, left_early.presentations[1].pk, "Dipanggil pimpinan.")
    ]


def test_the_chair_withdraws_an_absence_through_the_api(api_client, left_early):
    api_client.force_authenticate(left_early.chair)

    response = api_client.delete(f"{absences_url(left_early)}{left_early.absence.pk}/")

    assert response.status_code == 204
    assert not SessionAbsence.objects.exists()
    assert SessionAbsence.history.get(history_type="-").history_user == left_early.chair


def test_an_examiner_cannot_withdraw_through_the_api(api_client, left_early):
    api_client.force_authenticate(left_early.examiners[0])

    response = api_client.delete(f"{absences_url(left_early)}{left_early.absence.pk}/")

    assert response.status_code == 403
    assert SessionAbsence.objects.exists()


@pytest.mark.parametrize("absence_id", ["999999", "99999999999999999999"])
def test_withdrawing_an_unknown_absence_through_the_api_is_a_404(api_client, left_early, absence_id):
    api_client.force_authenticate(left_early.chair)

    assert api_client.delete(f"{absences_url(left_early)}{absence_id}/").status_code == 404


def test_withdrawing_in_a_finalised_session_through_the_api_is_a_400(api_client, left_early):
    score_everyone(left_early)
    Score.objects.filter(presentation=left_early.presentations[1], scorer=left_early.examiners[1]).delete()
    services.finalise_session(left_early.session, by=left_early.chair, acknowledge_flags=True)
    api_client.force_authenticate(left_early.chair)

    response = api_client.delete(f"{absences_url(left_early)}{left_early.absence.pk}/")

    assert response.status_code == 400
    assert "reopen it to withdraw" in str(response.json())
    assert SessionAbsence.objects.exists()


def test_recording_an_absence_against_scores_through_the_api_is_a_400_naming_them(api_client, day):
    bulk_scores(day.presentations[0], day.examiners[1], "examiner", 85)
    api_client.force_authenticate(day.chair)

    response = api_client.post(
        absences_url(day),
        {"kind": "member", "member": day.examiners[1].pk, "presentation": day.presentations[0].pk, "reason": "Pulang"},
        format="json",
    )

    assert response.status_code == 400
    assert "Penguji 2 has already scored" in str(response.json())


def test_the_printed_results_show_a_no_show_as_such_without_a_predicate(client, day):
    no_show = day.presentations[0]
    record_absence(day.session, by=day.chair, kind="participant", presentation=no_show, reason="Sakit.")
    client.force_login(day.chair)

    page = client.get(reverse("assessments:sheet", args=[day.session.pk])).content.decode()

    assert "Did not present" in page

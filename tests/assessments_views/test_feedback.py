"""Feedback pages: giving it, the giver's follow-up list, moving an item to verified, budget, evidence."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from assessments.feedback import give_feedback, move_feedback
from assessments.models import FeedbackItem
from projects.models import BudgetLine
from tests import factories

pytestmark = pytest.mark.django_db

LIST_URL = reverse("assessments:feedback-list")


def png(name="bukti.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def project_of(day, index=0):
    return day.presentations[index].enrolment.project


def new_url(day, index=0):
    return reverse("assessments:feedback-new", args=[project_of(day, index).pk])


def feedback(day, by=None, index=0, **kwargs):
    values = {
        "category": "scope",
        "text": "Jangan berhenti di rencana: terapkan di setiap kantor.",
        "owner": "Peserta",
        "due_date": timezone.localdate() + datetime.timedelta(days=60),
    }
    values.update(kwargs)
    return give_feedback(project_of(day, index), by=by or day.examiners[0], **values)


def move_url(item):
    return reverse("assessments:feedback-move", args=[item.pk])


# --- giving feedback ---------------------------------------------------------------------------


def test_an_examiner_gives_budget_feedback_with_a_quarter_as_due_date(client, day):
    line = factories.BudgetLineFactory(project=project_of(day))
    client.force_login(day.examiners[0])
    response = client.post(
        new_url(day) + f"?presentation={day.presentations[0].pk}",
        {
            "category": "budget",
            "text": "Anggaran harus masuk DPA tahun depan.",
            "owner": "Kepala Dinas",
            "due_date": "Q2 2027",
            "amount_requested": "Rp 3.800.000",
            "fiscal_year": "2027",
            "source": "apbd",
            "budget_lines": [line.pk],
            "presentation": day.presentations[0].pk,
        },
    )
    item = FeedbackItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.due_date == datetime.date(2027, 6, 30)
    assert item.presentation == day.presentations[0]
    assert item.budget.amount_requested == 3_800_000 and list(item.budget.budget_lines.all()) == [line]
    assert "Rp 3.800.000" in client.get(LIST_URL).content.decode()


def test_a_due_date_that_is_neither_a_date_nor_a_quarter_is_refused_at_its_field(client, day):
    client.force_login(day.examiners[0])
    response = client.post(
        new_url(day), {"category": "scope", "text": "Perluas.", "owner": "Peserta", "due_date": "tahun depan"}
    )
    assert response.status_code == 400
    assert "due_date" in response.context["form"].errors
    assert not FeedbackItem.objects.exists()


def test_budget_feedback_without_the_amount_is_refused_at_the_amount(client, day):
    client.force_login(day.examiners[0])
    response = client.post(
        new_url(day),
        {"category": "budget", "text": "Masukkan ke DPA.", "owner": "Peserta", "due_date": "Q1 2027", "source": "apbd"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"amount_requested", "fiscal_year"}
    assert not FeedbackItem.objects.exists()


def test_the_participant_cannot_give_feedback_on_their_own_project(client, day):
    client.force_login(day.participant_user(0))
    assert client.get(new_url(day)).status_code == 403


def test_a_stranger_cannot_reach_the_feedback_form(client, day, stranger):
    client.force_login(stranger)
    assert client.get(new_url(day)).status_code == 404


def test_an_examiner_of_another_session_cannot_give_feedback_here(client, day, other_day):
    client.force_login(other_day.examiners[0])
    assert client.get(new_url(day)).status_code == 404


# --- the follow-up list ------------------------------------------------------------------------


def test_the_follow_up_list_shows_only_what_i_gave_overdue_first(client, day):
    today = timezone.localdate()
    later = feedback(day, due_date=today + datetime.timedelta(days=10))
    overdue = feedback(day, index=1, due_date=today - datetime.timedelta(days=1))
    someone_elses = feedback(day, by=day.examiners[1])
    client.force_login(day.examiners[0])
    response = client.get(LIST_URL)
    assert response.context["items"] == [overdue, later]
    assert someone_elses.get_absolute_url() not in response.content.decode()


def test_the_follow_up_list_filters_by_status(client, day):
    open_item = feedback(day)
    accepted = feedback(day)
    FeedbackItem.objects.filter(pk=accepted.pk).update(status="accepted")
    client.force_login(day.examiners[0])
    assert client.get(LIST_URL, {"status": "accepted"}).context["items"] == [accepted]
    assert client.get(LIST_URL, {"status": "open"}).context["items"] == [open_item]


def test_a_mentor_sees_the_feedback_they_gave(client, day):
    item = feedback(day, by=day.mentors[0])
    client.force_login(day.mentors[0])
    assert client.get(LIST_URL).context["items"] == [item]


@pytest.mark.parametrize("rows", [1, 50])
def test_the_follow_up_list_runs_a_fixed_number_of_queries(client, day, django_assert_max_num_queries, rows):
    for n in range(rows):
        feedback(
            day,
            index=n % 2,
            category="budget",
            budget={"amount_requested": 1000, "fiscal_year": 2027, "source": "apbd"},
        )
    client.force_login(day.examiners[0])
    with django_assert_max_num_queries(10):
        response = client.get(LIST_URL)
    assert len(response.context["items"]) == rows


# --- one item: moves, verification, evidence ---------------------------------------------------


def test_the_giver_and_the_participant_see_the_item_and_a_stranger_gets_404(client, day, stranger):
    item = feedback(day)
    url = item.get_absolute_url()
    client.force_login(day.examiners[0])
    assert client.get(url).status_code == 200
    client.force_login(day.participant_user(0))
    assert client.get(url).status_code == 200
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_the_participant_sees_their_moves_as_buttons(client, day):
    item = feedback(day)
    client.force_login(day.participant_user(0))
    response = client.get(item.get_absolute_url())
    assert response.context["moves"] == ["accepted", "in_progress", "implemented"]
    assert response.context["next_move"][0] == "accepted"
    assert [target for target, _label in response.context["other_moves"]] == ["in_progress", "implemented"]
    assert 'value="implemented"' in response.content.decode()


def test_feedback_is_followed_from_open_to_verified_with_evidence(client, day):
    item = feedback(day)
    client.force_login(day.participant_user(0))
    client.post(move_url(item), {"target": "in_progress", "note": "Mulai"})
    response = client.post(move_url(item), {"target": "implemented", "note": "Selesai", "files": [png()]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "implemented" and item.evidence.count() == 1
    client.force_login(day.examiners[0])
    client.post(move_url(item), {"target": "verified", "note": "Terverifikasi"})
    item.refresh_from_db()
    assert item.status == "verified"
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Terverifikasi" in page and "bukti.png" in page


def test_implemented_without_evidence_is_refused_at_the_files_field(client, day):
    item = feedback(day)
    client.force_login(day.participant_user(0))
    response = client.post(move_url(item), {"target": "implemented"})
    assert response.status_code == 400
    assert "files" in response.context["move_form"].errors
    item.refresh_from_db()
    assert item.status == "open"


def _implemented(day):
    item = feedback(day)
    move_feedback(item, "implemented", by=day.participant_user(0), files=[png()])
    return item


def test_rejecting_without_a_note_is_refused_at_the_note(client, day):
    item = _implemented(day)
    client.force_login(day.examiners[0])
    response = client.post(move_url(item), {"target": "rejected", "note": " "})
    assert response.status_code == 400
    assert "note" in response.context["move_form"].errors
    item.refresh_from_db()
    assert item.status == "implemented"


def test_verification_by_someone_who_did_not_give_the_feedback_is_forbidden(client, day):
    item = _implemented(day)
    client.force_login(day.mentors[0])  # sees the project, did not give this feedback
    response = client.post(move_url(item), {"target": "verified"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "implemented"


def test_the_participant_cannot_verify_their_own_feedback(client, day):
    item = _implemented(day)
    client.force_login(day.participant_user(0))
    assert client.post(move_url(item), {"target": "verified"}).status_code == 403


def test_evidence_downloads_for_the_participant_and_the_giver_but_not_a_stranger(client, day, stranger):
    item = _implemented(day)
    url = item.evidence.get().get_absolute_url()
    client.force_login(day.participant_user(0))
    assert client.get(url).status_code == 200
    client.force_login(day.examiners[0])
    response = client.get(url)
    assert response.status_code == 200 and "bukti.png" in response["Content-Disposition"]
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_evidence_is_hidden_from_another_participant(client, day):
    item = _implemented(day)
    client.force_login(day.participant_user(1))
    assert client.get(item.evidence.get().get_absolute_url()).status_code == 404


# --- budget feedback follows the money ---------------------------------------------------------


def budget_item(day):
    return feedback(
        day,
        category="budget",
        text="Masukkan ke DPA 2027.",
        budget={"amount_requested": 3_800_000, "fiscal_year": 2027, "source": "apbd"},
    )


def test_linking_the_lines_moves_budget_feedback_along_with_their_money(client, day):
    item = budget_item(day)
    client.force_login(day.participant_user(0))
    url = reverse("assessments:feedback-budget", args=[item.pk])
    line = factories.confirmed_line(item.project, fiscal_year=2027, planned=3_800_000, approved=3_800_000)
    client.post(url, {"budget_lines": [line.pk], "document_reference": "DPA-1.02.01/2027"})
    item.refresh_from_db()
    assert item.status == "accepted" and item.budget.amount_approved == 3_800_000
    BudgetLine.objects.filter(pk=line.pk).update(
        realised=3_800_000, realisation_reference="SP2D 1", realised_at=line.approved_at
    )
    client.post(url, {"budget_lines": [line.pk], "document_reference": "DPA-1.02.01/2027"})
    item.refresh_from_db()
    assert item.status == "implemented"
    page = client.get(item.get_absolute_url()).content.decode()
    assert "DPA-1.02.01/2027" in page and "Rp 3.800.000" in page


def test_a_line_of_another_fiscal_year_is_refused_at_its_field(client, day):
    item = budget_item(day)
    client.force_login(day.participant_user(0))
    line = factories.BudgetLineFactory(project=item.project, fiscal_year=2028)
    response = client.post(reverse("assessments:feedback-budget", args=[item.pk]), {"budget_lines": [line.pk]})
    assert response.status_code == 400
    assert "another year" in response.context["budget_form"].errors["budget_lines"][0]
    assert not item.budget.budget_lines.exists()


def test_someone_else_on_the_panel_cannot_record_the_money(client, day):
    item = budget_item(day)
    client.force_login(day.mentors[0])
    response = client.post(reverse("assessments:feedback-budget", args=[item.pk]), {"document_reference": "DPA"})
    assert response.status_code == 403

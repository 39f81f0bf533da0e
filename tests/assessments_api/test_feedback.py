"""/api/feedback/: scoping, giving (quarters as due dates, budget feedback), moving, verifying, the money."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from assessments import feedback
from assessments.models import BudgetFeedback, FeedbackEvidence, FeedbackItem
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/feedback/"


def detail(item, suffix=""):
    return f"{URL}{item.pk}/{suffix}"


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


def png(name="bukti.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def login(request, api_client, participant):
    def as_role(role):
        user = participant.user if role == "participant" else request.getfixturevalue(role)
        api_client.force_authenticate(user)
        return user

    return as_role


def give(project, by, **overrides):
    fields = {
        "category": "scope",
        "text": "Jangan berhenti di rencana: terapkan di setiap kantor.",
        "owner": "Peserta",
        "due_date": factories.today() + datetime.timedelta(days=90),
        **overrides,
    }
    return feedback.give_feedback(project, by=by, **fields)


@pytest.fixture
def item(project, mentor):
    return give(project, mentor)


@pytest.fixture
def other_item(other_presentation, other_examiner):
    return give(other_presentation.enrolment.project, other_examiner)


@pytest.fixture
def budget_item(project, mentor):
    return give(
        project,
        mentor,
        category="budget",
        text="Biaya proyek harus masuk DPA tahun depan.",
        budget={"fiscal_year": factories.today().year + 1, "source": "apbd", "amount_requested": 3_800_000},
    )


FEEDBACK_SCOPE = {
    "participant": ["item"],
    "mentor": ["item"],
    "coach": ["item"],
    "organiser_staff": ["item", "other_item"],
    "other_examiner": ["other_item"],
    "session_examiner": ["item"],
    "stranger": [],
}


@pytest.mark.parametrize(("role", "visible"), FEEDBACK_SCOPE.items())
def test_each_role_sees_the_feedback_on_its_projects_the_feedback_it_gave_or_heard(
    request, api_client, login, presentation, item, other_item, role, visible
):
    login(role)
    response = api_client.get(URL)
    assert response.status_code == 200
    assert ids(response) == sorted(request.getfixturevalue(name).pk for name in visible)


def test_anonymous_callers_see_no_feedback(api_client, item):
    assert api_client.get(URL).status_code in (401, 403)


def test_feedback_outside_the_scope_is_404(api_client, login, item):
    login("stranger")
    assert api_client.get(detail(item)).status_code == 404
    body = {"status": "verified"}
    assert api_client.post(detail(item, "move/"), body, format="json").status_code == 404


# --- giving feedback ---------------------------------------------------------------------------


def test_a_session_examiner_gives_feedback_due_at_the_end_of_a_quarter(
    api_client, login, presentation, project, session_examiner
):
    login("session_examiner")
    body = {
        "project": project.pk,
        "presentation": presentation.pk,
        "category": "rollout",
        "text": "Percepat ke seluruh OPD.",
        "owner": "Kepala Dinas",
        "due_date": "Q2 2027",
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["due_date"] == "2027-06-30"
    assert data["status"] == "open"
    assert data["given_by"] == session_examiner.pk
    assert [(e["from_status"], e["to_status"]) for e in data["events"]] == [("", "open")]
    assert FeedbackItem.objects.get().presentation == presentation


def test_budget_feedback_carries_its_amounts_and_the_projects_budget_lines(api_client, login, project):
    line = factories.BudgetLineFactory(project=project)
    login("mentor")
    body = {
        "project": project.pk,
        "category": "budget",
        "text": "Masukkan ke DPA 2027.",
        "owner": "Sekretaris Dinas",
        "due_date": "31-12-2026",
        "budget": {"fiscal_year": 2027, "source": "apbd", "amount_requested": 3800000, "budget_lines": [line.pk]},
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 201
    budget = response.json()["budget"]
    assert budget["amount_requested_rupiah"] == "Rp 3.800.000"
    assert budget["budget_lines"] == [line.pk]
    assert BudgetFeedback.objects.get().fiscal_year == 2027


def test_budget_feedback_without_its_amounts_is_refused_and_nothing_saved(api_client, login, project):
    login("mentor")
    body = {"project": project.pk, "category": "budget", "text": "Anggaran.", "owner": "X", "due_date": "Q1 2027"}
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "amount_requested" in response.json()
    assert not FeedbackItem.objects.exists()


def test_a_budget_line_the_giver_cannot_see_is_refused_and_nothing_saved(api_client, login, project):
    foreign = factories.BudgetLineFactory()
    login("mentor")
    body = {
        "project": project.pk,
        "category": "budget",
        "text": "Anggaran.",
        "owner": "X",
        "due_date": "Q1 2027",
        "budget": {"fiscal_year": 2027, "source": "apbd", "amount_requested": 1000, "budget_lines": [foreign.pk]},
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "budget_lines" in response.json()["budget"]
    assert not FeedbackItem.objects.exists()


def test_an_unreadable_due_date_is_refused_at_the_field(api_client, login, project):
    login("mentor")
    body = {"project": project.pk, "category": "scope", "text": "T", "owner": "X", "due_date": "next spring"}
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "TW II 2027" in response.json()["due_date"][0]
    assert not FeedbackItem.objects.exists()


def test_a_milestone_of_another_project_is_refused(api_client, login, project):
    login("mentor")
    other = factories.MilestoneFactory()
    body = {"project": project.pk, "category": "scope", "text": "T", "owner": "X", "due_date": "Q1 2027"}
    response = api_client.post(URL, {**body, "milestone": other.pk}, format="json")
    assert response.status_code == 400
    assert "milestone" in response.json()


@pytest.mark.parametrize("role", ["participant", "organiser_staff"])
def test_who_is_not_on_the_panel_cannot_give_feedback(api_client, login, project, role):
    login(role)
    body = {"project": project.pk, "category": "scope", "text": "T", "owner": "X", "due_date": "Q1 2027"}
    assert api_client.post(URL, body, format="json").status_code == 403
    assert not FeedbackItem.objects.exists()


def test_a_stranger_cannot_even_name_the_project(api_client, login, project):
    login("stranger")
    body = {"project": project.pk, "category": "scope", "text": "T", "owner": "X", "due_date": "Q1 2027"}
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "project" in response.json()


# --- following it through ----------------------------------------------------------------------


def test_the_participant_accepts_and_then_reports_implementation_with_evidence(api_client, login, item):
    login("participant")
    accepted = api_client.post(detail(item, "move/"), {"status": "accepted", "note": "Siap"}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    refused = api_client.post(detail(item, "move/"), {"status": "implemented"}, format="json")
    assert refused.status_code == 400
    assert "files" in refused.json()
    done = api_client.post(detail(item, "move/"), {"status": "implemented", "files": [png()]}, format="multipart")
    assert done.status_code == 200
    assert done.json()["status"] == "implemented"
    assert len(done.json()["evidence"]) == 1
    assert FeedbackEvidence.objects.get().original_name == "bukti.png"


def test_a_fake_evidence_file_is_refused_and_nothing_moves(api_client, login, item):
    login("participant")
    fake = SimpleUploadedFile("bukti.png", b"not an image", content_type="image/png")
    response = api_client.post(detail(item, "move/"), {"status": "implemented", "files": [fake]}, format="multipart")
    assert response.status_code == 400
    assert "files" in response.json()
    item.refresh_from_db()
    assert item.status == "open"
    assert not FeedbackEvidence.objects.exists()


def test_the_panel_cannot_report_the_participants_progress(api_client, login, item):
    login("mentor")
    assert api_client.post(detail(item, "move/"), {"status": "accepted"}, format="json").status_code == 403


@pytest.fixture
def implemented(item, participant):
    feedback.move_feedback(item, "implemented", by=participant.user, files=[png()])
    return item


@pytest.mark.parametrize("role", ["coach", "participant", "organiser_staff"])
def test_only_the_giver_verifies(api_client, login, implemented, role):
    login(role)
    response = api_client.post(detail(implemented, "move/"), {"status": "verified"}, format="json")
    assert response.status_code == 403
    implemented.refresh_from_db()
    assert implemented.status == "implemented"


def test_the_giver_verifies_the_implementation(api_client, login, implemented):
    login("mentor")
    response = api_client.post(detail(implemented, "move/"), {"status": "verified", "note": "Terbukti"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["events"][-1]["note"] == "Terbukti"


def test_the_giver_rejects_only_with_a_reason(api_client, login, implemented):
    login("mentor")
    refused = api_client.post(detail(implemented, "move/"), {"status": "rejected"}, format="json")
    assert refused.status_code == 400
    assert "note" in refused.json()
    body = {"status": "rejected", "note": "Belum ada SK"}
    assert api_client.post(detail(implemented, "move/"), body, format="json").json()["status"] == "rejected"


def test_an_impossible_move_is_refused(api_client, login, item):
    login("mentor")
    response = api_client.post(detail(item, "move/"), {"status": "verified"}, format="json")
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "open"


# --- the money ---------------------------------------------------------------------------------


def next_year_line(project, **money):
    return factories.confirmed_line(project, fiscal_year=factories.today().year + 1, planned=3_500_000, **money)


def test_linking_an_approved_line_accepts_budget_feedback_and_its_figures_are_the_lines_sums(
    api_client, login, budget_item
):
    login("participant")
    line = next_year_line(budget_item.project, approved=3_500_000)
    body = {"budget_lines": [line.pk], "document_reference": "DPA-1.02.2027"}
    response = api_client.post(detail(budget_item, "budget/"), body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "accepted"
    assert data["budget"]["amount_approved_rupiah"] == "Rp 3.500.000"
    assert data["budget"]["amount_planned"] == 3_500_000


def test_linking_realised_lines_implements_budget_feedback(api_client, login, budget_item):
    login("participant")
    line = next_year_line(budget_item.project, approved=3_500_000, realised=3_500_000)
    response = api_client.post(detail(budget_item, "budget/"), {"budget_lines": [line.pk]}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "implemented"
    assert response.json()["budget"]["amount_realised"] == 3_500_000


def test_approved_and_realised_figures_cannot_be_typed_on_feedback(api_client, login, budget_item):
    login("participant")
    response = api_client.post(
        detail(budget_item, "budget/"), {"amount_approved": 1, "amount_realised": 1000}, format="json"
    )
    assert response.status_code == 400
    assert {"amount_approved", "amount_realised"} <= set(response.json())
    budget_item.refresh_from_db()
    assert budget_item.status == "open" and budget_item.budget.amount_realised is None


def test_a_line_of_another_fiscal_year_cannot_be_linked(api_client, login, budget_item):
    login("participant")
    line = factories.confirmed_line(budget_item.project, fiscal_year=factories.today().year + 2, approved=1)
    response = api_client.post(detail(budget_item, "budget/"), {"budget_lines": [line.pk]}, format="json")
    assert response.status_code == 400
    assert "another year" in response.json()["budget_lines"][0]
    assert not budget_item.budget.budget_lines.exists()


def test_a_line_the_user_cannot_see_is_refused_as_unknown(api_client, login, budget_item, other_project):
    login("participant")
    line = next_year_line(other_project)
    response = api_client.post(detail(budget_item, "budget/"), {"budget_lines": [line.pk]}, format="json")
    assert response.status_code == 400
    assert "budget_lines" in response.json()


def test_money_of_feedback_is_recorded_by_the_participant_or_giver_only(api_client, login, budget_item):
    login("coach")
    response = api_client.post(detail(budget_item, "budget/"), {"document_reference": "DPA 1"}, format="json")
    assert response.status_code == 403


def test_only_budget_feedback_has_money(api_client, login, item):
    login("participant")
    response = api_client.post(detail(item, "budget/"), {"document_reference": "DPA 1"}, format="json")
    assert response.status_code == 400


# --- filters and speed -------------------------------------------------------------------------


def test_the_overdue_filter_lists_open_items_past_their_due_date(api_client, login, project, mentor):
    late = give(project, mentor, due_date=factories.today() - datetime.timedelta(days=1))
    give(project, mentor)
    login("mentor")
    response = api_client.get(URL, {"overdue": "true"})
    assert ids(response) == [late.pk]
    assert response.json()["results"][0]["is_overdue"] is True


def test_given_by_me_lists_what_the_caller_gave(api_client, login, item, project, coach):
    by_coach = give(project, coach)
    login("coach")
    assert ids(api_client.get(URL)) == sorted([item.pk, by_coach.pk])
    assert ids(api_client.get(URL, {"given_by": "me"})) == [by_coach.pk]


def test_status_and_category_filters(api_client, login, item, budget_item):
    login("participant")
    assert ids(api_client.get(URL, {"category": "budget"})) == [budget_item.pk]
    assert ids(api_client.get(URL, {"status": "open", "category": "scope"})) == [item.pk]


@pytest.mark.parametrize("rows", [1, 50])
def test_feedback_list_runs_a_fixed_number_of_queries(api_client, django_assert_max_num_queries, project, mentor, rows):
    line = factories.BudgetLineFactory(project=project)
    budget = {"fiscal_year": 2027, "source": "apbd", "amount_requested": 1000, "budget_lines": [line]}
    for n in range(rows):
        give(project, mentor, category="budget" if n % 2 else "scope", budget=budget)
    api_client.force_authenticate(mentor)
    with django_assert_max_num_queries(6):
        response = api_client.get(URL)
    assert len(response.json()["results"]) == rows

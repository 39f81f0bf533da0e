"""The change history: a row per change of each recorded model, with who, which fields, old and new, and why.

Changes are made through the API (and the admin for assignments, which have no other writer);
tests/test_history_pages.py makes them through the pages and reads the timeline.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import feedback
from assessments import services as seminar_services
from assessments.models import (
    BudgetFeedback,
    FeedbackItem,
    Presentation,
    Rubric,
    RubricIndicator,
    Seminar,
    SeminarSession,
)
from mentors.models import Assignment
from projects.models import BudgetLine, ChangeProject, Milestone
from projects.services.milestones import delete_milestone, save_milestone
from rollout import services as rollout_services
from rollout.models import Adoption
from tests import factories

pytestmark = pytest.mark.django_db


def latest(model, obj):
    return model.history.filter(id=obj.pk).order_by("-history_date", "-history_id").first()


def changed_fields(model, obj) -> dict:
    """Field → (old, new) between the last two history rows of ``obj``."""
    new, old = model.history.filter(id=obj.pk).order_by("-history_date", "-history_id")[:2]
    return {change.field: (change.old, change.new) for change in new.diff_against(old).changes}


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.force_authenticate(user)
        return api_client

    return login


# --- projects, milestones, budget lines ------------------------------------------------------------


def test_a_milestone_changed_through_the_api_records_who_and_the_old_and_new_values(as_user, participant, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    old_target = milestone.target_date
    new_target = old_target - datetime.timedelta(days=3)
    response = as_user(participant.user).patch(
        f"/api/milestones/{milestone.pk}/", {"weight": 5, "target_date": new_target.isoformat()}, format="json"
    )
    assert response.status_code == 200
    row = latest(Milestone, milestone)
    assert row.history_type == "~"
    assert row.history_user == participant.user
    assert changed_fields(Milestone, milestone) == {"weight": (1, 5), "target_date": (old_target, new_target)}


def test_a_budget_line_changed_through_the_api_records_its_amounts(as_user, participant, project):
    line = factories.BudgetLineFactory(project=project, planned=3_800_000)
    response = as_user(participant.user).patch(
        f"/api/budget-lines/{line.pk}/", {"planned": 4_250_000, "description": "Honor narasumber"}, format="json"
    )
    assert response.status_code == 200
    assert latest(BudgetLine, line).history_user == participant.user
    changes = changed_fields(BudgetLine, line)
    assert changes["planned"] == (3_800_000, 4_250_000)
    assert changes["description"][1] == "Honor narasumber"


def test_returning_a_project_records_the_mentors_comment_as_the_reason(as_user, project, mentor):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    assert as_user(project.enrolment.participant.user).post(f"/api/projects/{project.pk}/submit/").status_code == 200
    response = as_user(mentor).post(f"/api/projects/{project.pk}/return/", {"comment": "Perjelas anggaran."})
    assert response.status_code == 200
    row = latest(ChangeProject, project)
    assert (row.history_user, row.history_change_reason) == (mentor, "Perjelas anggaran.")
    assert changed_fields(ChangeProject, project)["status"] == ("submitted", "returned")


def test_a_refused_change_records_nothing(as_user, participant, project):
    milestone = factories.MilestoneFactory(project=project)
    before = Milestone.history.filter(id=milestone.pk).count()
    response = as_user(participant.user).patch(f"/api/milestones/{milestone.pk}/", {"progress": 101}, format="json")
    assert response.status_code == 400
    assert Milestone.history.filter(id=milestone.pk).count() == before


def test_a_rolled_back_change_leaves_no_history_row(participant, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    before = Milestone.history.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        save_milestone(project, by=participant.user, milestone=milestone, weight=9)
        assert Milestone.history.count() == before + 1  # recorded inside the transaction...
        raise RuntimeError("the caller fails after the service")
    assert Milestone.history.count() == before  # ...and gone with it
    milestone.refresh_from_db()
    assert milestone.weight == 1


def test_a_deleted_milestone_keeps_its_history_with_who_deleted_it(participant, project):
    milestone = factories.MilestoneFactory(project=project)
    pk = milestone.pk
    delete_milestone(milestone, by=participant.user)
    row = Milestone.history.filter(id=pk).order_by("-history_id").first()
    assert (row.history_type, row.history_user, row.activity) == ("-", participant.user, milestone.activity)


def test_a_service_called_without_a_request_is_attributed_to_its_by(participant, project):
    """What a management command or the demo does through a service is attributed too."""
    row = latest(Milestone, save_milestone(project, by=participant.user, **milestone_fields()))
    assert (row.history_type, row.history_user) == ("+", participant.user)


def milestone_fields():
    return {
        "horizon": "short",
        "activity": "Menyusun SOP",
        "responsible": "Ketua tim",
        "start_date": factories.today(),
        "target_date": factories.today() + datetime.timedelta(days=10),
    }


def test_a_progress_update_records_its_note_as_the_reason_on_the_milestone(as_user, participant, approved_project):
    milestone = approved_project.milestones.get(horizon="short")
    body = {"project": approved_project.pk, "milestone": milestone.pk, "progress": 40, "note": "Rapat koordinasi"}
    assert as_user(participant.user).post("/api/updates/", body).status_code == 201
    row = latest(Milestone, milestone)
    assert (row.history_user, row.history_change_reason) == (participant.user, "Rapat koordinasi")
    assert changed_fields(Milestone, milestone)["progress"] == (0, 40)


# --- feedback -----------------------------------------------------------------------------------


def give(project, by, **overrides):
    fields = {
        "category": "scope",
        "text": "Terapkan di setiap kantor.",
        "owner": "Peserta",
        "due_date": factories.today() + datetime.timedelta(days=90),
        **overrides,
    }
    return feedback.give_feedback(project, by=by, **fields)


def test_moving_feedback_through_the_api_records_the_note_as_the_reason(as_user, participant, project, mentor):
    item = give(project, mentor)
    assert latest(FeedbackItem, item).history_user == mentor
    response = as_user(participant.user).post(
        f"/api/feedback/{item.pk}/move/", {"status": "accepted", "note": "Disepakati"}, format="json"
    )
    assert response.status_code == 200
    row = latest(FeedbackItem, item)
    assert (row.history_user, row.history_change_reason) == (participant.user, "Disepakati")
    assert changed_fields(FeedbackItem, item)["status"] == ("open", "accepted")


def test_budget_figures_of_feedback_recorded_through_the_api_are_in_the_history(as_user, project, mentor):
    budget = {"fiscal_year": factories.today().year + 1, "source": "apbd", "amount_requested": 3_800_000}
    item = give(project, mentor, category="budget", budget=budget)
    # The approved and realised figures are the linked lines' sums: what the feedback itself records is its document.
    body = {"document_reference": "DPA-1.02"}
    assert as_user(mentor).post(f"/api/feedback/{item.pk}/budget/", body, format="json").status_code == 200
    row = latest(BudgetFeedback, item.budget)
    assert row.history_user == mentor
    changes = changed_fields(BudgetFeedback, item.budget)
    assert changes["document_reference"] == ("", "DPA-1.02")


# --- seminar sessions and the release of results (a bulk write) ----------------------------------


@pytest.fixture
def finalised(project, mentor, coach):
    enrolment = project.enrolment
    rubric = Rubric.objects.current(enrolment.cohort.rule_set, "design")
    seminar = Seminar.objects.create(
        cohort=enrolment.cohort, kind="design", rubric=rubric, starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    chair, examiner = factories.UserFactory(), factories.UserFactory()
    session = SeminarSession.objects.create(seminar=seminar, name="Ruang A", chair=chair)
    session.examiners.set([examiner])
    presentation = Presentation.objects.create(session=session, enrolment=enrolment, order=1)
    indicators = RubricIndicator.objects.filter(component__rubric=rubric)
    for scorer in (examiner, mentor, coach):
        seminar_services.score_presentation(presentation, by=scorer, scores={i.pk: Decimal(85) for i in indicators})
    seminar_services.finalise_session(session, by=chair)
    return session, presentation, chair


def test_finalising_records_the_session_and_each_released_result(finalised):
    session, presentation, chair = finalised
    assert latest(SeminarSession, session).history_user == chair
    assert changed_fields(SeminarSession, session)["status"] == ("open", "finalised")
    row = latest(Presentation, presentation)
    assert (row.history_type, row.history_user) == ("~", chair)
    assert row.released_at is not None


def test_reopening_through_the_api_records_the_reason_on_the_session_and_its_withdrawn_results(as_user, finalised):
    session, presentation, chair = finalised
    response = as_user(chair).post(f"/api/sessions/{session.pk}/reopen/", {"reason": "Salah input"}, format="json")
    assert response.status_code == 200
    row = latest(SeminarSession, session)
    assert (row.history_user, row.history_change_reason, row.status) == (chair, "Salah input", "open")
    released = latest(Presentation, presentation)
    assert (released.released_at, released.history_change_reason) == (None, "Salah input")


def test_reopening_many_results_costs_the_same_queries_as_one(finalised, django_assert_max_num_queries):
    """The withdrawn results are written in bulk: one UPDATE and one INSERT of history, whatever their number."""
    session, _presentation, chair = finalised
    from_one = count_queries(lambda: seminar_services.reopen_session(session, by=chair, reason="Koreksi"))
    session.status, session.finalised_at, session.finalised_by = "finalised", timezone.now(), chair
    session.save()
    cohort = session.seminar.cohort
    for order in range(2, 12):
        Presentation.objects.create(session=session, enrolment=factories.EnrolmentFactory(cohort=cohort), order=order)
    with django_assert_max_num_queries(from_one):
        seminar_services.reopen_session(session, by=chair, reason="Koreksi lagi")
    assert Presentation.history.filter(session_id=session.pk, history_change_reason="Koreksi lagi").count() == 11


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


# --- adoptions and assignments -------------------------------------------------------------------


def test_an_adoption_stepped_back_through_the_api_records_the_reason(as_user, participant, project):
    owner = participant.user
    innovation = rollout_services.record_innovation(
        project, by=owner, name="Respons Cepat", form="public_service", started_on=factories.today()
    )
    adoption = rollout_services.record_adoption(innovation, factories.AgencyFactory(), by=owner)
    rollout_services.change_adoption_stage(adoption, "piloting", by=owner)
    response = as_user(owner).post(
        f"/api/adoptions/{adoption.pk}/stage/", {"stage": "planned", "reason": "Uji coba ditunda"}, format="json"
    )
    assert response.status_code == 200
    row = latest(Adoption, adoption)
    assert (row.history_user, row.history_change_reason) == (owner, "Uji coba ditunda")
    assert changed_fields(Adoption, adoption)["stage"] == ("piloting", "planned")


def test_an_assignment_changed_in_the_admin_records_the_staff_member(client, enrolment):
    assignment = factories.AssignmentFactory(enrolment=enrolment, role="coach", position="")
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    url = reverse("admin:mentors_assignment_change", args=[assignment.pk])
    body = {"enrolment": enrolment.pk, "user": assignment.user_id, "role": "coach", "position": "Widyaiswara Ahli"}
    assert client.post(url, body).status_code == 302
    row = latest(Assignment, assignment)
    assert row.history_user == root
    assert changed_fields(Assignment, assignment) == {"position": ("", "Widyaiswara Ahli")}

"""Who sees what: every model's ``visible_to`` and the helpers of diklat.access."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser

from diklat import access
from diklat.models import Cohort
from mentors.models import Assignment
from people.models import Participant
from projects.models import BudgetLine, ChangeProject, Milestone, ProgressUpdate
from tests import factories

MODELS = [ChangeProject, Milestone, ProgressUpdate, BudgetLine, Participant, Cohort, Assignment]
ASSIGNED_ROLES = ["mentor", "coach", "examiner"]


@dataclass
class Side:
    """One participant's world: their cohort, project, rows, and the people around them."""

    rows: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    enrolment: object = None
    project: object = None


def build_side() -> Side:
    enrolment = factories.EnrolmentFactory()
    project = factories.ChangeProjectFactory(enrolment=enrolment)
    milestone = factories.MilestoneFactory(project=project)
    side = Side()
    assignments = {
        role: factories.AssignmentFactory(enrolment=enrolment, role=role, user__full_name=f"{role} {enrolment.pk}")
        for role in ASSIGNED_ROLES
    }
    staff = factories.UserFactory()
    enrolment.cohort.organiser.staff.add(staff)
    side.people = {
        "participant": enrolment.participant.user,
        "organiser_staff": staff,
        **{role: a.user for role, a in assignments.items()},
    }
    side.rows = {
        ChangeProject: {project},
        Milestone: {milestone},
        ProgressUpdate: {factories.ProgressUpdateFactory(project=project, milestone=milestone)},
        BudgetLine: {factories.BudgetLineFactory(project=project)},
        Participant: {enrolment.participant},
        Cohort: {enrolment.cohort},
        Assignment: set(assignments.values()),
    }
    side.enrolment, side.project = enrolment, project
    return side


@pytest.fixture
def ours(db):
    return build_side()


@pytest.fixture
def theirs(db):
    return build_side()


def visible(model, user) -> list:
    return list(model.objects.visible_to(user))


# --- each role sees its own participants' rows, and nothing of another's ------------------------------------


@pytest.mark.parametrize("role", ["participant", *ASSIGNED_ROLES, "organiser_staff"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_role_sees_the_rows_of_its_own_participant_only(ours, theirs, model, role):
    rows = visible(model, ours.people[role])
    assert set(rows) == ours.rows[model]
    assert len(rows) == len(ours.rows[model])


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_superuser_sees_everything(ours, theirs, model):
    admin = factories.UserFactory(is_superuser=True)
    assert set(visible(model, admin)) == ours.rows[model] | theirs.rows[model]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_stranger_sees_nothing(ours, model):
    assert visible(model, factories.UserFactory()) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_an_anonymous_visitor_sees_nothing(ours, model):
    assert visible(model, AnonymousUser()) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_staff_of_an_organiser_do_not_see_another_organisers_cohorts(ours, theirs, model):
    assert not set(visible(model, ours.people["organiser_staff"])) & theirs.rows[model]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_django_staff_status_alone_grants_nothing(ours, model):
    assert visible(model, factories.UserFactory(is_staff=True)) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_user_holding_several_roles_for_one_participant_sees_each_row_once(ours, model):
    person = ours.people["mentor"]
    factories.AssignmentFactory(enrolment=ours.enrolment, user=person, role="examiner")
    ours.enrolment.cohort.organiser.staff.add(person)
    rows = visible(model, person)
    assert len(rows) == len(set(rows))
    expected = (
        ours.rows[model] | set(Assignment.objects.filter(user=person)) if model is Assignment else ours.rows[model]
    )
    assert set(rows) == expected


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_participant_who_also_mentors_another_sees_both(ours, theirs, model):
    person = ours.people["participant"]
    Assignment.objects.filter(enrolment=theirs.enrolment, role="mentor").update(user=person)
    theirs.rows[Assignment] = set(Assignment.objects.filter(enrolment=theirs.enrolment))
    assert set(visible(model, person)) == ours.rows[model] | theirs.rows[model]


def test_organiser_staff_see_a_cohort_of_theirs_without_participants(ours):
    empty = factories.CohortFactory(organiser=ours.enrolment.cohort.organiser)
    assert empty in visible(Cohort, ours.people["organiser_staff"])


def test_a_participant_sees_their_own_profile_before_any_enrolment(db):
    loner = factories.ParticipantFactory()
    assert visible(Participant, loner.user) == [loner]


def test_a_withdrawn_mentor_no_longer_sees_the_participant(ours):
    mentor = ours.people["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    assert all(visible(model, mentor) == [] for model in MODELS)


# --- the helpers behind pages and services --------------------------------------------------------------------


def test_the_participant_owns_and_edits_their_project(ours):
    user = ours.people["participant"]
    assert access.is_owner(user, ours.project)
    assert access.can_edit_project(user, ours.project)


@pytest.mark.parametrize("role", [*ASSIGNED_ROLES, "organiser_staff"])
def test_nobody_else_edits_the_project(ours, role):
    assert not access.can_edit_project(ours.people[role], ours.project)


def test_the_mentor_reviews_the_project(ours):
    assert access.is_mentor(ours.people["mentor"], ours.project)
    assert access.can_review_project(ours.people["mentor"], ours.project)


@pytest.mark.parametrize("role", ["participant", "coach", "examiner", "organiser_staff"])
def test_only_the_mentor_or_a_superuser_reviews_the_project(ours, role):
    assert not access.can_review_project(ours.people[role], ours.project)
    assert access.can_review_project(factories.UserFactory(is_superuser=True), ours.project)


def test_the_mentor_of_another_participant_does_not_review_this_project(ours, theirs):
    assert not access.can_review_project(theirs.people["mentor"], ours.project)


def test_organiser_staff_are_recognised_for_their_cohorts_only(ours, theirs):
    staff = ours.people["organiser_staff"]
    assert access.is_organiser_staff(staff, ours.project)
    assert not access.is_organiser_staff(staff, theirs.project)


def test_an_anonymous_visitor_holds_no_role(ours):
    anonymous = AnonymousUser()
    assert not access.is_owner(anonymous, ours.project)
    assert not access.is_mentor(anonymous, ours.project)
    assert not access.is_organiser_staff(anonymous, ours.project)
    assert not access.can_edit_project(anonymous, ours.project)


def test_a_scope_built_once_per_user_object_still_reads_the_rows_of_now(db):
    """The per-user cache keeps the lazy filter, not ids: an assignment made after the first use shows."""
    mentor = factories.UserFactory()
    project = factories.ChangeProjectFactory()
    assert not ChangeProject.objects.reportable_by(mentor).exists()
    factories.AssignmentFactory(enrolment=project.enrolment, user=mentor, role="mentor")
    assert list(ChangeProject.objects.reportable_by(mentor)) == [project]
    assert access.report_project_scope(mentor) is access.report_project_scope(mentor)  # built once


def test_the_per_user_cache_tells_a_superuser_from_the_same_object_before(db):
    user = factories.UserFactory()
    factories.ChangeProjectFactory()
    assert not ChangeProject.objects.reportable_by(user).exists()
    user.is_superuser = True
    assert ChangeProject.objects.reportable_by(user).count() == 1

"""The database guards its own invariants even when validation is bypassed."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from people.models import Participant
from projects.models import ChangeProject, ProjectTransition
from regions.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


def refused_by_the_database(instance, **changes):
    """Apply the changes and save without validation; True when the database refuses the row."""
    for name, value in changes.items():
        setattr(instance, name, value)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def milestone():
    return factories.MilestoneFactory()


@pytest.fixture
def budget_line():
    return factories.BudgetLineFactory()


def test_a_valid_milestone_is_accepted_by_the_database(milestone):
    assert not refused_by_the_database(milestone, progress=100, status="done", completed_on=datetime.date.today())


def test_a_milestone_with_progress_101_is_refused(milestone):
    assert refused_by_the_database(milestone, progress=101)


def test_a_milestone_with_weight_0_is_refused(milestone):
    assert refused_by_the_database(milestone, weight=0)


def test_a_milestone_with_weight_101_is_refused(milestone):
    assert refused_by_the_database(milestone, weight=101)


def test_a_milestone_whose_target_is_before_its_start_is_refused(milestone):
    assert refused_by_the_database(milestone, target_date=milestone.start_date - datetime.timedelta(days=1))


def test_a_done_milestone_with_progress_below_100_is_refused(milestone):
    assert refused_by_the_database(milestone, status="done", progress=99, completed_on=datetime.date.today())


def test_a_done_milestone_without_a_completion_date_is_refused(milestone):
    assert refused_by_the_database(milestone, status="done", progress=100, completed_on=None)


def test_a_milestone_of_an_unknown_horizon_is_refused(milestone):
    assert refused_by_the_database(milestone, horizon="decade")


@pytest.mark.parametrize("field", ["planned", "approved", "realised"])
def test_a_budget_line_with_a_negative_amount_is_refused(budget_line, field):
    assert refused_by_the_database(budget_line, **{field: -1})


def test_a_budget_line_for_fiscal_year_1990_is_refused(budget_line):
    assert refused_by_the_database(budget_line, fiscal_year=1990)


def test_a_budget_line_from_an_unknown_source_is_refused(budget_line):
    assert refused_by_the_database(budget_line, source="loan")


def test_a_second_project_for_the_same_enrolment_is_refused(project):
    twin = ChangeProject(
        enrolment=project.enrolment, agency=project.agency, title="Twin", problem="p", breakthrough="b"
    )
    assert refused_by_the_database(twin)
    assert ChangeProject.objects.filter(enrolment=project.enrolment).count() == 1


def test_a_second_mentor_for_an_enrolment_is_refused(enrolment, mentor):
    second = factories.AssignmentFactory.build(enrolment=enrolment, user=factories.UserFactory(), role="mentor")
    assert refused_by_the_database(second)


def test_a_coach_and_an_examiner_may_join_the_mentor_of_an_enrolment(enrolment, mentor):
    for role in ("coach", "examiner", "examiner"):
        extra = factories.AssignmentFactory.build(enrolment=enrolment, user=factories.UserFactory(), role=role)
        assert not refused_by_the_database(extra)


def test_the_same_person_cannot_hold_the_same_role_twice_for_an_enrolment(enrolment, coach):
    again = factories.AssignmentFactory.build(enrolment=enrolment, user=coach, role="coach")
    assert refused_by_the_database(again)


def test_a_participant_with_a_17_digit_nip_is_refused(participant):
    assert refused_by_the_database(participant, nip="19701218199603200")


def test_a_participant_with_letters_in_the_nip_is_refused(participant):
    assert refused_by_the_database(participant, nip="19701218199603200X")


def test_a_civil_servant_without_a_nip_is_refused(participant):
    assert refused_by_the_database(participant, nip=None)


def test_contract_staff_without_an_ni_pppk_is_refused(participant):
    assert refused_by_the_database(participant, employment=Participant.Employment.PPPK, nip=None, ni_pppk=None)


def test_a_province_with_a_parent_is_refused(db):
    province = Region(code="99", name="Provinsi Uji", level="province", parent=Region.objects.get(code="73"))
    assert refused_by_the_database(province)


def test_a_regency_without_a_province_is_refused(db):
    assert refused_by_the_database(Region(code="99.01", name="Kabupaten Uji", level="regency"))


def test_a_region_in_a_time_zone_outside_indonesia_is_refused(db):
    assert refused_by_the_database(Region.objects.get(code="73"), time_zone="Europe/Paris")


def test_a_cohort_that_ends_before_it_starts_is_refused(enrolment):
    cohort = enrolment.cohort
    assert refused_by_the_database(cohort, end_date=cohort.start_date - datetime.timedelta(days=1))


def test_a_cohort_whose_results_seminar_precedes_its_design_seminar_is_refused(enrolment):
    cohort = enrolment.cohort
    assert refused_by_the_database(cohort, results_seminar_date=cohort.design_seminar_date)


def test_a_cohort_of_year_1999_is_refused(enrolment):
    assert refused_by_the_database(enrolment.cohort, year=1999)


def test_a_participant_cannot_enrol_twice_in_the_same_cohort(enrolment):
    twice = factories.EnrolmentFactory.build(cohort=enrolment.cohort, participant=enrolment.participant)
    assert refused_by_the_database(twice)


def test_a_transition_that_does_not_change_the_status_is_refused(project):
    same = ProjectTransition(project=project, from_status="draft", to_status="draft", by=project.participant.user)
    assert refused_by_the_database(same)


def test_a_project_with_an_unknown_status_is_refused(project):
    assert refused_by_the_database(project, status="abandoned")


def test_a_progress_update_beyond_100_percent_is_refused(project):
    milestone = factories.MilestoneFactory(project=project)
    update = factories.ProgressUpdateFactory.build(project=project, milestone=milestone, progress_after=101)
    assert refused_by_the_database(update)


def test_a_progress_update_with_progress_but_no_milestone_is_refused(project):
    update = factories.ProgressUpdateFactory.build(project=project, milestone=None, progress_after=50)
    assert refused_by_the_database(update)

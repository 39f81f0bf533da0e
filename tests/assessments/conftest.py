"""A results seminar with a small hand-made rubric, one session with a chair and two examiners.

The rubric has two components of two indicators each, weights 30 + 20 and 40 + 10, so a
scorer giving 80, 90, 70, 100 totals 24 + 18 + 28 + 10 = 80.00.
"""

from types import SimpleNamespace

import pytest

from assessments.models import ScoringPolicy
from tests import factories
from tests.assessments.factories import PresentationFactory, SeminarFactory, SessionFactory


@pytest.fixture
def cohort(enrolment):
    return enrolment.cohort


@pytest.fixture
def seminar(cohort):
    return SeminarFactory(cohort=cohort)


@pytest.fixture
def rubric(seminar):
    return seminar.rubric


@pytest.fixture
def indicators(rubric):
    """The rubric's four indicators in order: weights 30, 20, 40, 10."""
    from assessments.models import RubricIndicator

    return list(RubricIndicator.objects.filter(component__rubric=rubric))


@pytest.fixture
def policy(cohort):
    """The seeded scoring policy of the cohort's rule set (mean of examiners, spread 15)."""
    return ScoringPolicy.objects.get(rule_set=cohort.rule_set)


@pytest.fixture
def chair(db):
    return factories.UserFactory(full_name="Ketua Sidang")


@pytest.fixture
def examiner_one(db):
    return factories.UserFactory(full_name="Penguji Satu")


@pytest.fixture
def examiner_two(db):
    return factories.UserFactory(full_name="Penguji Dua")


@pytest.fixture
def session(seminar, chair, examiner_one, examiner_two):
    return SessionFactory(seminar=seminar, name="Ruang A", chair=chair, examiners=[examiner_one, examiner_two])


@pytest.fixture
def presentation(session, enrolment, mentor, coach):
    """The participant of the root ``enrolment`` fixture presents first; ``mentor`` and ``coach`` are theirs."""
    return PresentationFactory(session=session, enrolment=enrolment, order=1)


@pytest.fixture
def other_enrolment(cohort):
    return factories.EnrolmentFactory(cohort=cohort)


@pytest.fixture
def other_mentor(other_enrolment):
    return factories.AssignmentFactory(enrolment=other_enrolment, role="mentor").user


@pytest.fixture
def other_presentation(session, other_enrolment, other_mentor):
    """A second participant in the same session, with their own mentor and coach."""
    factories.AssignmentFactory(enrolment=other_enrolment, role="coach")
    return PresentationFactory(session=session, enrolment=other_enrolment, order=2)


@pytest.fixture
def elsewhere(seminar):
    """Another session of the same seminar, with its own chair, examiner and presenting participant."""
    examiner = factories.UserFactory(full_name="Penguji Ruang B")
    other_session = SessionFactory(seminar=seminar, name="Ruang B", examiners=[examiner])
    other = PresentationFactory(session=other_session, order=1)
    return SimpleNamespace(session=other_session, examiner=examiner, presentation=other, chair=other_session.chair)


def scores_of(indicators, *values):
    """Indicator id → value, in the rubric's order."""
    return {indicator.pk: value for indicator, value in zip(indicators, values, strict=True)}


@pytest.fixture
def full_scores(indicators):
    """A function turning four values into a complete score dict for the small rubric."""
    return lambda *values: scores_of(indicators, *values)

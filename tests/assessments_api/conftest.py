"""A seminar around the shared ``enrolment``: one session with a panel, another session beside it.

- ``session``: chaired by ``chair``, examined by ``session_examiner`` and ``second_examiner``;
  ``presentation`` is the shared participant's (whose ``mentor`` and ``coach`` come from tests/conftest.py).
- ``other_session``: same seminar, examined by ``other_examiner``; ``other_presentation`` is another
  participant of the same cohort.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import Presentation, Rubric, RubricIndicator, Seminar, SeminarSession
from tests import factories


@pytest.fixture(autouse=True)
def _english(api_client, client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.cookies["django_language"] = "en"


@pytest.fixture
def rubric(enrolment):
    return Rubric.objects.current(enrolment.cohort.rule_set, "design")


@pytest.fixture
def indicators(rubric):
    return list(RubricIndicator.objects.filter(component__rubric=rubric).order_by("component__order", "order"))


@pytest.fixture
def seminar(enrolment, rubric):
    return Seminar.objects.create(
        cohort=enrolment.cohort,
        kind="design",
        rubric=rubric,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        place="Aula BPSDM",
    )


@pytest.fixture
def chair(db):
    return factories.UserFactory(full_name="Ketua Sidang")


@pytest.fixture
def session_examiner(db):
    return factories.UserFactory(full_name="Penguji Satu")


@pytest.fixture
def second_examiner(db):
    return factories.UserFactory(full_name="Penguji Dua")


@pytest.fixture
def other_examiner(db):
    return factories.UserFactory(full_name="Penguji Ruang B")


def make_session(seminar, name, chair, examiners):
    session = SeminarSession.objects.create(seminar=seminar, name=name, chair=chair)
    session.examiners.set(examiners)
    return session


@pytest.fixture
def session(seminar, chair, session_examiner, second_examiner):
    return make_session(seminar, "Ruang A", chair, [session_examiner, second_examiner])


@pytest.fixture
def presentation(session, enrolment, project, mentor, coach):
    return Presentation.objects.create(session=session, enrolment=enrolment, order=1)


@pytest.fixture
def other_enrolment(enrolment):
    return factories.EnrolmentFactory(cohort=enrolment.cohort)


@pytest.fixture
def other_session(seminar, chair, other_examiner):
    return make_session(seminar, "Ruang B", factories.UserFactory(), [other_examiner])


@pytest.fixture
def other_presentation(other_session, other_enrolment):
    factories.ChangeProjectFactory(enrolment=other_enrolment)
    return Presentation.objects.create(session=other_session, enrolment=other_enrolment, order=1)


def sheet(indicators, value, skip=()):
    """An API score sheet giving every indicator (but those skipped) the same value."""
    return {
        "scores": [{"indicator": i.pk, "value": str(value), "remark": ""} for i in indicators if i not in skip],
        "complete": True,
        "reason": "",
    }


def score_all(presentation, user, indicators, value):
    """Score every indicator through the service (total = value, as the weights add up to 100)."""
    return services.score_presentation(presentation, by=user, scores={i.pk: Decimal(value) for i in indicators})


@pytest.fixture
def scored(presentation, session_examiner, second_examiner, indicators):
    """Both session examiners have scored the presentation: 84 and 88, combined 86.00 (Memuaskan)."""
    score_all(presentation, session_examiner, indicators, 84)
    score_all(presentation, second_examiner, indicators, 88)
    return presentation


@pytest.fixture
def released(scored, session, chair):
    services.finalise_session(session, by=chair)
    scored.refresh_from_db()
    return scored

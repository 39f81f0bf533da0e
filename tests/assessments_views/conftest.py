"""Fixtures of the seminar pages: a results seminar with one session, its panel and participants."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Presentation, Rubric, RubricIndicator, Score, Seminar, SeminarKind, SeminarSession
from tests import factories


@dataclass
class Day:
    """A seminar session with its chair, examiners and presenting participants (each with a mentor)."""

    seminar: Seminar
    session: SeminarSession
    chair: object
    examiners: list
    presentations: list[Presentation] = field(default_factory=list)
    mentors: list = field(default_factory=list)

    @property
    def indicators(self) -> list[RubricIndicator]:
        return list(RubricIndicator.objects.filter(component__rubric=self.seminar.rubric))

    def participant_user(self, index: int = 0):
        return self.presentations[index].enrolment.participant.user


def add_participants(day: Day, count: int) -> None:
    start = len(day.presentations)
    for order in range(start + 1, start + count + 1):
        enrolment = factories.EnrolmentFactory(cohort=day.seminar.cohort)
        factories.ChangeProjectFactory(enrolment=enrolment, title=f"Proyek Perubahan Peserta {order}")
        day.mentors.append(factories.AssignmentFactory(enrolment=enrolment, role="mentor").user)
        day.presentations.append(Presentation.objects.create(session=day.session, enrolment=enrolment, order=order))


def build_day(participants: int = 2, examiners: int = 2, cohort=None, starts_at=None) -> Day:
    cohort = cohort or factories.CohortFactory()
    rubric = Rubric.objects.current(cohort.rule_set, SeminarKind.RESULTS)
    seminar = Seminar.objects.create(
        cohort=cohort,
        kind=SeminarKind.RESULTS,
        rubric=rubric,
        starts_at=starts_at or timezone.now(),
        place="Aula BPSDM",
    )
    chair = factories.UserFactory(full_name="Ketua Sidang")
    session = SeminarSession.objects.create(seminar=seminar, name="Ruang 1", chair=chair)
    examiner_users = [factories.UserFactory(full_name=f"Penguji {n + 1}") for n in range(examiners)]
    session.examiners.set(examiner_users)
    day = Day(seminar=seminar, session=session, chair=chair, examiners=examiner_users)
    add_participants(day, participants)
    return day


def bulk_scores(presentation: Presentation, scorer, role: str, value, indicators=None) -> None:
    """Scores for every indicator straight into the table (fast set-up, no audit)."""
    indicators = (
        indicators
        if indicators is not None
        else RubricIndicator.objects.filter(component__rubric=presentation.session.seminar.rubric)
    )
    Score.objects.bulk_create(
        Score(presentation=presentation, indicator=i, scorer=scorer, role=role, value=Decimal(str(value)))
        for i in indicators
    )


def score_everyone(day: Day, examiner_values=(85, 87), mentor_value=80) -> None:
    indicators = day.indicators
    for index, presentation in enumerate(day.presentations):
        for examiner, value in zip(day.examiners, examiner_values, strict=False):
            bulk_scores(presentation, examiner, "examiner", value, indicators)
        bulk_scores(presentation, day.mentors[index], "mentor", mentor_value, indicators)


@pytest.fixture
def day(db):
    return build_day()


@pytest.fixture
def scored_day(day):
    score_everyone(day)
    return day


@pytest.fixture
def other_day(db):
    return build_day(participants=1)


@pytest.fixture
def tomorrow():
    return timezone.now() + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English msgids, whatever the Indonesian catalogue says."""
    settings.LANGUAGE_CODE = "en"

"""Factories for seminars, sessions, presentations and feedback."""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from assessments.models import (
    FeedbackItem,
    Presentation,
    Rubric,
    RubricComponent,
    RubricIndicator,
    Seminar,
    SeminarKind,
    SeminarSession,
)
from tests.factories import ChangeProjectFactory, CohortFactory, EnrolmentFactory, UserFactory


def build_rubric(rule_set, components, *, kind=SeminarKind.RESULTS, version=10, name="Rubrik uji") -> Rubric:
    """A rubric from [(component name, [(indicator name, weight), ...]), ...]; component weight = Σ indicators."""
    rubric = Rubric.objects.create(rule_set=rule_set, kind=kind, version=version, name=name)
    for c_order, (c_name, indicators) in enumerate(components):
        component = RubricComponent.objects.create(
            rubric=rubric, name=c_name, weight=sum(Decimal(w) for _, w in indicators), order=c_order
        )
        for i_order, (i_name, weight) in enumerate(indicators):
            RubricIndicator.objects.create(component=component, name=i_name, weight=Decimal(weight), order=i_order)
    return rubric


_versions = itertools.count(10)

SMALL_RUBRIC = [
    ("Capaian", [("Capaian milestone", 30), ("Kualitas output", 20)]),
    ("Keberlanjutan", [("Komitmen anggaran", 40), ("Replikasi", 10)]),
]


class SeminarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seminar

    cohort = factory.SubFactory(CohortFactory)
    kind = SeminarKind.RESULTS
    rubric = factory.LazyAttribute(lambda o: build_rubric(o.cohort.rule_set, SMALL_RUBRIC, version=next(_versions)))
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    place = "Aula BPSDM"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeminarSession
        skip_postgeneration_save = True

    seminar = factory.SubFactory(SeminarFactory)
    name = factory.Sequence(lambda n: f"Ruang {n + 1}")
    chair = factory.SubFactory(UserFactory)

    @factory.post_generation
    def examiners(self, create, extracted, **kwargs):
        if create and extracted:
            self.examiners.set(extracted)


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation

    session = factory.SubFactory(SessionFactory)
    enrolment = factory.SubFactory(EnrolmentFactory, cohort=factory.SelfAttribute("..session.seminar.cohort"))
    order = factory.Sequence(lambda n: n + 1)


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    project = factory.SubFactory(ChangeProjectFactory)
    given_by = factory.SubFactory(UserFactory)
    category = FeedbackItem.Category.SCOPE
    text = "Jangan berhenti di rencana: harus ada implementasi di setiap kantor."
    owner = "Peserta"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))

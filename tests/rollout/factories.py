"""Factories of innovations, targets and adoptions (rows written directly, as a database would hold them)."""

import datetime

import factory
from django.utils import timezone

from regions.models import Region
from rollout.models import Adoption, AdoptionStageChange, Innovation, InnovationStageChange, RolloutTarget
from tests import factories


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation
        skip_postgeneration_save = True

    project = factory.SubFactory(factories.ChangeProjectFactory)
    name = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    form = Innovation.Form.PUBLIC_SERVICE

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            InnovationStageChange.objects.create(
                innovation=obj, to_stage=obj.stage, on=days_ago(60), by=obj.project.enrolment.participant.user
            )


class AdoptionFactory(factory.django.DjangoModelFactory):
    """An adoption at ``stage`` with the dates that stage needs."""

    class Meta:
        model = Adoption
        skip_postgeneration_save = True

    innovation = factory.SubFactory(InnovationFactory)
    agency = factory.SubFactory(factories.AgencyFactory)
    stage = Adoption.Stage.PLANNED
    planned_on = factory.LazyFunction(lambda: days_ago(50))
    piloting_on = factory.LazyAttribute(lambda o: days_ago(40) if o.stage != "planned" else None)
    applied_on = factory.LazyAttribute(lambda o: days_ago(30) if o.stage in Adoption.APPLIED_OR_BEYOND else None)
    institutionalised_on = factory.LazyAttribute(lambda o: days_ago(20) if o.stage == "institutionalised" else None)
    contact_name = "Kepala Subbagian Umum"

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            AdoptionStageChange.objects.create(
                adoption=obj,
                to_stage=obj.stage,
                on=obj.planned_on,
                by=obj.innovation.project.enrolment.participant.user,
            )


def target(innovation, *, agency=None, government=None) -> RolloutTarget:
    return RolloutTarget.objects.create(innovation=innovation, agency=agency, government=government)

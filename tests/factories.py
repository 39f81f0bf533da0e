"""factory_boy factories: valid, realistic rows whose dates fit today's horizons."""

import datetime

import factory
from django.test import Client
from django.utils import timezone

from diklat.models import Cohort, Enrolment, Organiser, Programme
from mentors.models import Assignment
from people.models import Participant, User
from projects.models import BudgetLine, ChangeProject, Milestone, ProgressUpdate
from regions.models import Agency, AgencyKind, Region


def today() -> datetime.date:
    return timezone.localdate()


def valid_nip(n: int, sex: int = 1) -> str:
    """A NIP with a real birth date, a service start after age 18 and a serial."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=37 * (n % 250))
    service_year = birth.year + 24
    return f"{birth:%Y%m%d}{service_year}{(n % 12) + 1:02d}{sex}{(n % 999) + 1:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    password = factory.django.Password("rahasia-uji-123")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = factory.LazyFunction(lambda: AgencyKind.objects.get(code="dinas"))
    government = factory.LazyFunction(lambda: Region.objects.get(code="73"))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    user = factory.SubFactory(UserFactory)
    nip = factory.Sequence(lambda n: valid_nip(n + 1, sex=1 + n % 2))
    rank = "IV/a"
    position = "Kepala Bidang"
    position_type = "administrator"
    echelon = "III.a"
    agency = factory.SubFactory(AgencyFactory)


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser

    name = factory.Sequence(lambda n: f"BPSDM Uji {n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="73"))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.LazyFunction(lambda: Programme.objects.get(code="pkn2"))
    rule_set = factory.LazyAttribute(lambda o: o.programme.rule_sets.order_by("-effective_from").first())
    organiser = factory.SubFactory(OrganiserFactory)
    number = factory.Sequence(lambda n: n + 1)
    year = factory.LazyFunction(lambda: today().year)
    start_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=60))
    end_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=40))
    design_seminar_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    results_seminar_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    participant = factory.SubFactory(ParticipantFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    enrolment = factory.SubFactory(EnrolmentFactory)
    user = factory.SubFactory(UserFactory)
    role = Assignment.Role.MENTOR


class ChangeProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeProject

    enrolment = factory.SubFactory(EnrolmentFactory)
    agency = factory.LazyAttribute(lambda o: o.enrolment.participant.agency)
    title = factory.Sequence(lambda n: f"Proyek Perubahan Uji {n}")
    problem = "Respons terhadap berita negatif lambat."
    breakthrough = "Sistem respons cepat humas."
    status = ChangeProject.Status.DRAFT


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ChangeProjectFactory)
    horizon = Milestone.Horizon.SHORT
    activity = factory.Sequence(lambda n: f"Kegiatan {n}")
    responsible = "Ketua tim"
    start_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    target_date = factory.LazyAttribute(lambda o: default_target(o.horizon))
    weight = 1
    progress = 0


def default_target(horizon: str) -> datetime.date:
    return today() + datetime.timedelta(days={"short": 20, "medium": 300, "long": 500}[horizon])


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ChangeProjectFactory)
    source = "apbd"
    fiscal_year = factory.LazyFunction(lambda: today().year + 1)
    description = "Pengadaan perangkat pemantauan media"
    planned = 3_800_000


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    project = factory.SubFactory(ChangeProjectFactory)
    author = factory.LazyAttribute(lambda o: o.project.enrolment.participant.user)
    happened_on = factory.LazyFunction(today)
    note = "Rapat koordinasi dengan tim."


def confirmed_line(project, *, approved=None, realised=None, **fields) -> BudgetLine:
    """A budget line already approved (with its DPA) and, when ``realised`` is given, realised (with its SP2D)."""
    now = timezone.now()
    if approved is not None:
        fields.update(approved=approved, document_reference="DPA 1.02/2027", document_date=today(), approved_at=now)
    if realised is not None:
        fields.update(realised=realised, realisation_reference="SP2D 001/2027", realised_at=now)
    return BudgetLineFactory(project=project, **fields)


def logged_in(user) -> Client:
    """A page client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client

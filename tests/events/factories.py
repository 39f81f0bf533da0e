"""Factories of leadership events: a three-day capacity-building event in WITA, its people and missions."""

import datetime
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import Event, Group, Invitee, Mission
from regions.models import Region
from tests.factories import AgencyFactory, OrganiserFactory, UserFactory

FIRST_DAY = datetime.date(2027, 3, 15)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    organiser = factory.SubFactory(OrganiserFactory)
    host_government = factory.LazyFunction(lambda: Region.objects.get(code="73"))
    kind = Event.Kind.CAPACITY_BUILDING
    title = factory.Sequence(lambda n: f"Capacity Building ASN {n}")
    starts_on = FIRST_DAY
    ends_on = FIRST_DAY + datetime.timedelta(days=2)
    time_zone = "Asia/Makassar"
    status = Event.Status.RUNNING


class InviteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitee

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    position = "Kepala Dinas"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Kelompok {o.number}")


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    event = factory.SubFactory(EventFactory)
    kind = "evidence"
    title = factory.Sequence(lambda n: f"Tugas {n}")
    instructions = "Foto kelompok di depan kantor camat."
    points = 10
    opens_at = factory.LazyAttribute(lambda o: o.event.local_moment(o.event.starts_on, datetime.time(7)))
    closes_at = factory.LazyAttribute(lambda o: o.event.local_moment(o.event.starts_on, datetime.time(17)))


def member(group: Group, **fields) -> Invitee:
    return InviteeFactory(event=group.event, group=group, **fields)


def photo(name: str = "bukti.jpg", size=(64, 48)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def at(event: Event, day_offset: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    """A wall-clock moment of the event's day ``day_offset`` in its own zone."""
    day = event.starts_on + datetime.timedelta(days=day_offset)
    return event.local_moment(day, datetime.time(hour, minute, second))

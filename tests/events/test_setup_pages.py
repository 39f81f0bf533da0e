"""Staff set an event up through its pages: venues, status, agenda, missions (from the bank too), groups."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, Mission, MissionTemplate
from tests.factories import UserFactory, logged_in

from .factories import EventFactory, InviteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(status="planned", time_zone="Asia/Jayapura")


@pytest.fixture
def staff(event):
    user = UserFactory()
    event.organiser.staff.add(user)
    return logged_in(user)


def test_an_event_is_confirmed_only_once_a_venue_is_chosen(event, staff):
    staff.post(
        reverse("events:venue-add", args=[event.pk]), {"name": "Pulau Samalona", "estimated_cost": "Rp 240.000.000"}
    )
    staff.post(reverse("events:venue-add", args=[event.pk]), {"name": "Malino", "estimated_cost": ""})
    staff.post(reverse("events:status", args=[event.pk]), {"to": "confirmed"})
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED
    malino = event.venues.get(name="Malino")
    staff.post(reverse("events:venue-choose", args=[event.pk, malino.pk]))
    staff.post(reverse("events:status", args=[event.pk]), {"to": "confirmed"})
    event.refresh_from_db()
    assert event.status == Event.Status.CONFIRMED and event.venues.get(chosen=True) == malino
    assert event.venues.get(name="Pulau Samalona").estimated_cost == 240_000_000


def test_a_status_cannot_be_skipped(event, staff):
    response = staff.post(reverse("events:status", args=[event.pk]), {"to": "closed"}, follow=True)
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED and "cannot become" in response.text


def test_an_agenda_session_outside_the_event_is_refused_at_its_day(event, staff):
    response = staff.post(
        reverse("events:session-add", args=[event.pk]),
        {"day": "2030-01-01", "starts_at": "09:00", "ends_at": "08:00", "title": "Wawasan kebangsaan"},
    )
    assert response.status_code == 400 and not event.sessions.exists()
    response = staff.post(
        reverse("events:session-add", args=[event.pk]),
        {"day": event.starts_on.isoformat(), "starts_at": "09:00", "ends_at": "08:00", "title": "Wawasan"},
    )
    assert response.status_code == 400 and "end after it starts" in response.text


def test_a_mission_window_is_in_the_events_zone(event, staff):
    response = staff.post(
        reverse("events:mission-add", args=[event.pk]),
        {
            "kind": "creative",
            "title": "Poster inovasi",
            "instructions": "Buat poster.",
            "points": 20,
            "day": event.starts_on.isoformat(),
            "opens": "07:00",
            "closes": "17:00",
            "criteria_lines": "Gagasan: 12\nKekompakan: 8",
            "keep_in_bank": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    mission = Mission.objects.get()
    assert mission.opens_at == datetime.datetime(2027, 3, 14, 22, tzinfo=datetime.UTC)  # 07:00 WIT
    assert mission.criteria == [{"name": "Gagasan", "max_points": 12}, {"name": "Kekompakan", "max_points": 8}]
    assert MissionTemplate.objects.get(organiser=event.organiser).title == "Poster inovasi"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"criteria_lines": "Gagasan 12"}, "as “name: points”"),
        ({"criteria_lines": "Gagasan: 5"}, "add up to 5 points but the mission is worth 20"),
        ({"kind": "site_visit", "criteria_lines": ""}, "needs the site&#x27;s position and a radius"),
        ({"closes": "06:00"}, "must close after it opens"),
        ({"day": "2030-01-01"}, "Choose a day of the event"),
    ],
)
def test_a_mission_that_cannot_work_is_refused_with_a_message(event, staff, fields, message):
    data = {
        "kind": "creative",
        "title": "Poster",
        "instructions": "Buat poster.",
        "points": 20,
        "day": event.starts_on.isoformat(),
        "opens": "07:00",
        "closes": "17:00",
        "criteria_lines": "Gagasan: 20",
        "order": 0,
    } | fields
    response = staff.post(reverse("events:mission-add", args=[event.pk]), data)
    assert response.status_code == 400 and message in response.text
    assert not Mission.objects.exists()


def test_a_mission_from_the_bank_comes_with_its_content(event, staff):
    template = MissionTemplate.objects.create(
        organiser=event.organiser, kind="question", title="Sejarah Gowa", instructions="Tahun?", expected_answer="1525"
    )
    response = staff.post(reverse("events:mission-from-bank", args=[event.pk]), {"template": template.pk})
    assert response.status_code == 200 and response.context["form"].initial["title"] == "Sejarah Gowa"
    other_bank = MissionTemplate.objects.create(
        organiser=EventFactory().organiser, kind="question", title="Rahasia", instructions="?"
    )
    response = staff.post(
        reverse("events:mission-from-bank", args=[event.pk]), {"template": other_bank.pk}, follow=True
    )
    assert "Choose a mission from the bank" in response.text


def test_staff_split_the_attendees_into_groups_from_the_page(event, staff):
    for _index in range(7):
        InviteeFactory(event=event)
    response = staff.post(reverse("events:groups-split", args=[event.pk]), {"count": 3, "balance": "random"})
    assert response.status_code == 302
    assert sorted(event.groups.values_list("number", flat=True)) == [1, 2, 3]
    response = staff.post(reverse("events:groups-split", args=[event.pk]), {"count": 9, "balance": "random"})
    assert response.status_code == 400 and "make fewer groups" in response.text

"""An event's times in the API are wall-clock times of its zone, written 07:30, as the schema says."""

import datetime

import pytest

from events.models import AgendaSession, Event
from tests.factories import UserFactory

from .api_fixtures import as_user
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_times_are_read_and_written_as_hours_and_minutes(api_client):
    event = EventFactory(day_starts_at=datetime.time(7, 30))
    AgendaSession.objects.create(
        event=event, day=event.starts_on, starts_at=datetime.time(9), ends_at=datetime.time(10, 15), title="Wawasan"
    )
    staff = UserFactory()
    event.organiser.staff.add(staff)
    client = as_user(api_client, staff)
    assert client.get(f"/api/events/{event.pk}/").json()["day_starts_at"] == "07:30"
    session = client.get("/api/event-sessions/", {"event": event.pk}).json()["results"][0]
    assert (session["starts_at"], session["ends_at"]) == ("09:00", "10:15")
    response = client.patch(f"/api/events/{event.pk}/", {"day_starts_at": "06:45"}, format="json")
    assert response.status_code == 200, response.json()
    assert Event.objects.get(pk=event.pk).day_starts_at == datetime.time(6, 45)
    assert client.patch(f"/api/events/{event.pk}/", {"day_starts_at": "25:00"}, format="json").status_code == 400

"""A mission written offline goes through the outbox like an update: answered in JSON, once per client id,
and still refused after the window closed in the event's time zone (it was sent too late, not written)."""

import uuid

import pytest
from django.urls import reverse

from events.models import Submission
from tests.events.factories import EventFactory, GroupFactory, MissionFactory, at, member, photo
from tests.factories import logged_in

pytestmark = pytest.mark.django_db

OUTBOX = {"HTTP_X_OUTBOX": "1"}


@pytest.fixture
def setting():
    event = EventFactory()
    group = GroupFactory(event=event)
    mission = MissionFactory(event=event)
    return mission, member(group).user, reverse("events:mission", args=[event.pk, mission.pk])


def test_a_mission_sent_twice_from_the_outbox_is_handed_in_once(setting, monkeypatch):
    mission, user, url = setting
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(mission.event, 0, 9))
    client = logged_in(user)  # after the clock is set, or the session would have timed out
    client_id = str(uuid.uuid4())
    first = client.post(url, {"files": photo(), "client_id": client_id}, **OUTBOX)
    again = client.post(url, {"files": photo(), "client_id": client_id}, **OUTBOX)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"created": True, "location": url}
    assert Submission.objects.filter(mission=mission).count() == 1
    assert client.get(url, {"delivered": client_id}, **OUTBOX).json() == {"delivered": True, "location": url}


def test_sent_one_second_after_the_window_the_outbox_is_told_why(setting, monkeypatch):
    mission, user, url = setting
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(mission.event, 0, 17, 0, 1))
    client = logged_in(user)
    response = client.post(url, {"files": photo(), "client_id": str(uuid.uuid4())}, **OUTBOX)
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["This mission closed at 17:00 WITA: nothing more can be handed in."]
    assert not Submission.objects.exists()


def test_someone_outside_the_groups_gets_a_refusal_not_a_page(setting, monkeypatch):
    mission, _user, url = setting
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(mission.event, 0, 9))
    outsider = member(GroupFactory(event=mission.event)).user
    outsider_invitee = mission.event.invitees.get(user=outsider)
    outsider_invitee.group = None
    outsider_invitee.save()
    response = logged_in(outsider).post(url, {"files": photo(), "client_id": str(uuid.uuid4())}, **OUTBOX)
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["You are not in a group of this event yet."]


def test_another_events_member_cannot_ask_about_an_id(setting, monkeypatch):
    mission, user, url = setting
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(mission.event, 0, 9))
    client = logged_in(user)  # after the clock is set, or the session would have timed out
    client_id = str(uuid.uuid4())
    client.post(url, {"files": photo(), "client_id": client_id}, **OUTBOX)
    stranger = member(GroupFactory(event=EventFactory())).user
    assert logged_in(stranger).get(url, {"delivered": client_id}, **OUTBOX).status_code == 404

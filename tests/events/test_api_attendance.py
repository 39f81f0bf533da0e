"""Answers, invitations, check-in and groups through the API: who may do each, and bad input as 400s."""

import pytest

from events import checkin_codes
from events.models import AgendaSession, CheckIn, Invitee
from tests.factories import AgencyFactory, UserFactory

from .api_fixtures import as_user, build_world, clock_for
from .factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def clock(monkeypatch):
    return clock_for(monkeypatch)


def respond_url(invitee):
    return f"/api/event-invitees/{invitee.pk}/respond/"


def test_an_invitee_sends_apologies_with_a_reason(api_client, world):
    invitee = world.members[0]
    response = as_user(api_client, invitee.user).post(
        respond_url(invitee), {"attending": False, "reason": "official_duty", "note": "Rapat di Jakarta"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["response"] == "apologised"
    invitee.refresh_from_db()
    assert (invitee.apology_reason, invitee.apology_note) == ("official_duty", "Rapat di Jakarta")


def test_apologies_without_a_reason_are_a_400_on_the_reason(api_client, world):
    invitee = world.members[0]
    response = as_user(api_client, invitee.user).post(respond_url(invitee), {"attending": False})
    assert response.status_code == 400
    assert "reason" in response.json()


def test_another_reason_needs_a_note(api_client, world):
    invitee = world.members[0]
    response = as_user(api_client, invitee.user).post(respond_url(invitee), {"attending": False, "reason": "other"})
    assert response.status_code == 400
    assert "note" in response.json()


def test_staff_answer_on_an_invitees_behalf(api_client, world):
    invitee = world.members[1]
    response = as_user(api_client, world.staff).post(
        respond_url(invitee), {"attending": False, "reason": "other_training", "note": "PKN II angkatan 3"}
    )
    assert response.status_code == 200
    assert Invitee.objects.get(pk=invitee.pk).response == "apologised"


def test_an_attendee_cannot_answer_for_a_colleague(api_client, world):
    response = as_user(api_client, world.members[0].user).post(respond_url(world.members[1]), {"attending": True})
    assert response.status_code == 403
    assert Invitee.objects.get(pk=world.members[1].pk).response == "pending"


def test_an_invitee_of_another_event_is_a_404(api_client, world):
    response = as_user(api_client, world.staff).post(respond_url(world.other_member), {"attending": True})
    assert response.status_code == 404


def test_a_colleagues_apology_note_is_for_staff_only(api_client, world):
    absent = world.members[1]
    as_user(api_client, world.staff).post(
        respond_url(absent), {"attending": False, "reason": "sick", "note": "Rawat inap"}
    )
    row = as_user(api_client, world.members[0].user).get(f"/api/event-invitees/{absent.pk}/").json()
    assert (row["apology_reason"], row["apology_note"]) == ("sick", "")
    row = as_user(api_client, world.staff).get(f"/api/event-invitees/{absent.pk}/").json()
    assert row["apology_note"] == "Rawat inap"


def test_staff_invite_every_head_of_the_host_government(api_client, world):
    headed = [AgencyFactory(head=UserFactory()) for _ in range(2)]
    response = as_user(api_client, world.staff).post(
        f"/api/events/{world.event.pk}/invite-heads/", {"government": "73"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["added"] >= 2
    assert set(world.event.invitees.filter(user__headed_agencies__in=headed).values_list("agency", flat=True)) == {
        agency.pk for agency in headed
    }


def test_inviting_the_heads_of_a_government_elsewhere_is_a_400(api_client, world):
    response = as_user(api_client, world.staff).post(
        f"/api/events/{world.event.pk}/invite-heads/", {"government": "31"}
    )
    assert response.status_code == 400
    assert "government" in response.json()


def test_an_attendee_cannot_invite(api_client, world):
    url = f"/api/events/{world.event.pk}/invite-heads/"
    assert as_user(api_client, world.members[0].user).post(url, {"government": "73"}).status_code == 403


def code_now(event, moment, session=None):
    return checkin_codes.current(event.pk, event.local_today(moment), session.pk if session else None, moment).code


def test_an_attendee_checks_in_with_the_code(api_client, world, clock):
    moment = clock(world.event, 0, 7, 5)
    invitee = world.members[0]
    response = as_user(api_client, invitee.user).post(
        f"/api/events/{world.event.pk}/check-in/", {"code": code_now(world.event, moment)}
    )
    assert response.status_code == 201, response.content
    assert response.json()["late"] is False
    assert CheckIn.objects.get().invitee == invitee


def test_a_wrong_code_is_a_400_on_the_code_and_twice_is_refused(api_client, world, clock):
    moment = clock(world.event, 0, 7, 5)
    as_user(api_client, world.members[0].user)
    url = f"/api/events/{world.event.pk}/check-in/"
    response = api_client.post(url, {"code": "AAAAAA"})
    assert response.status_code == 400
    assert "code" in response.json()
    assert api_client.post(url, {"code": code_now(world.event, moment)}).status_code == 201
    again = api_client.post(url, {"code": code_now(world.event, moment)})
    assert again.status_code == 400
    assert "already checked in" in again.json()["non_field_errors"][0]
    assert CheckIn.objects.count() == 1


def test_a_code_of_another_day_is_refused_naming_it(api_client, world, clock):
    moment = clock(world.event, 1, 7, 5)
    response = as_user(api_client, world.members[0].user).post(
        f"/api/events/{world.event.pk}/check-in/",
        {"code": code_now(world.event, moment), "day": world.event.starts_on.isoformat()},
    )
    assert response.status_code == 400
    assert "not for today" in response.json()["non_field_errors"][0]


def test_a_session_of_another_event_is_a_400_on_the_session(api_client, world, clock):
    moment = clock(world.event, 0, 9)
    session = AgendaSession.objects.create(
        event=world.other, day=world.other.starts_on, starts_at="09:00", ends_at="10:00", title="Wawasan kebangsaan"
    )
    response = as_user(api_client, world.members[0].user).post(
        f"/api/events/{world.event.pk}/check-in/", {"code": code_now(world.event, moment), "session": session.pk}
    )
    assert response.status_code == 400
    assert "session" in response.json()


def test_staff_tick_the_list_and_those_already_there_are_named(api_client, world):
    url = f"/api/events/{world.event.pk}/tick/"
    people = [world.members[0].pk, world.members[1].pk]
    day = world.event.starts_on.isoformat()
    response = as_user(api_client, world.staff).post(url, {"invitees": people, "day": day}, format="json")
    assert response.status_code == 200, response.content
    assert len(response.json()["checked_in"]) == 2
    again = api_client.post(url, {"invitees": people[:1], "day": day}, format="json")
    assert again.json()["checked_in"] == [] and len(again.json()["refused"]) == 1


def test_ticking_someone_of_another_event_is_a_400_and_an_attendee_may_not_tick(api_client, world):
    url = f"/api/events/{world.event.pk}/tick/"
    body = {"invitees": [world.other_member.pk], "day": world.event.starts_on.isoformat()}
    response = as_user(api_client, world.staff).post(url, body, format="json")
    assert response.status_code == 400
    assert "invitees" in response.json()
    assert as_user(api_client, world.members[0].user).post(url, body, format="json").status_code == 403
    assert not CheckIn.objects.exists()


def test_ticking_a_day_outside_the_event_is_a_400(api_client, world):
    body = {"invitees": [world.members[0].pk], "day": "2027-01-01"}
    response = as_user(api_client, world.staff).post(f"/api/events/{world.event.pk}/tick/", body, format="json")
    assert response.status_code == 400


def test_staff_split_the_attendees_into_groups(api_client, world):
    response = as_user(api_client, world.staff).post(f"/api/events/{world.event.pk}/split/", {"count": 2})
    assert response.status_code == 200, response.content
    groups = response.json()
    assert len(groups) == 2 and sum(len(group["members"]) for group in groups) == 4
    assert all(group["captain"] for group in groups)


def test_too_many_groups_is_a_400_on_the_count(api_client, world):
    response = as_user(api_client, world.staff).post(f"/api/events/{world.event.pk}/split/", {"count": 9})
    assert response.status_code == 400
    assert "count" in response.json()


def test_an_attendee_cannot_split(api_client, world):
    url = f"/api/events/{world.event.pk}/split/"
    assert as_user(api_client, world.members[0].user).post(url, {"count": 2}).status_code == 403


def test_staff_move_someone_to_another_group(api_client, world):
    invitee, target = world.members[0], world.groups[1]
    response = as_user(api_client, world.staff).post(
        f"/api/event-invitees/{invitee.pk}/move/", {"group": target.pk}, format="json"
    )
    assert response.status_code == 200
    assert Invitee.objects.get(pk=invitee.pk).group == target


def test_moving_into_a_group_of_another_event_is_a_400_and_an_attendee_may_not_move(api_client, world):
    invitee = world.members[0]
    url = f"/api/event-invitees/{invitee.pk}/move/"
    other_group = world.other_member.group
    response = as_user(api_client, world.staff).post(url, {"group": other_group.pk}, format="json")
    assert response.status_code == 400
    assert "group" in response.json()
    response = as_user(api_client, invitee.user).post(url, {"group": world.groups[1].pk}, format="json")
    assert response.status_code == 403


def test_a_late_arrival_is_flagged(api_client, world, clock):
    moment = clock(world.event, 0, 8, 0)
    assert moment == at(world.event, 0, 8)
    response = as_user(api_client, world.members[0].user).post(
        f"/api/events/{world.event.pk}/check-in/", {"code": code_now(world.event, moment)}
    )
    assert response.json()["late"] is True

"""The events endpoint: each user sees the events they manage, attend or judge; staff create and change their own."""

import pytest

from events.models import Event
from tests.factories import OrganiserFactory, UserFactory

from .api_fixtures import as_user, build_world
from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_staff_attendees_and_judges_each_see_their_event_and_no_other(api_client, world):
    for user in (world.staff, world.members[0].user, world.judge):
        assert ids(as_user(api_client, user).get("/api/events/")) == {world.event.pk}
    assert ids(as_user(api_client, world.other_member.user).get("/api/events/")) == {world.other.pk}


def test_another_events_detail_is_a_404(api_client, world):
    response = as_user(api_client, world.members[0].user).get(f"/api/events/{world.other.pk}/")
    assert response.status_code == 404


def test_anonymous_gets_401(api_client, world):
    assert api_client.get("/api/events/").status_code == 401
    assert api_client.get(f"/api/events/{world.event.pk}/leaderboard/").status_code == 401


def test_the_detail_says_who_manages_it(api_client, world):
    url = f"/api/events/{world.event.pk}/"
    assert as_user(api_client, world.staff).get(url).json()["may_manage"] is True
    data = as_user(api_client, world.members[0].user).get(url).json()
    assert data["may_manage"] is False
    assert data["zone_abbreviation"] == "WITA"


def body(organiser, **fields):
    return {
        "organiser": organiser.pk,
        "host_government": "73",
        "kind": "retreat",
        "title": "Retret Kepala OPD",
        "starts_on": "2027-05-01",
        "ends_on": "2027-05-02",
        "time_zone": "Asia/Makassar",
        **fields,
    }


def test_staff_create_an_event_for_their_organiser(api_client, world):
    response = as_user(api_client, world.staff).post("/api/events/", body(world.event.organiser), format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get(pk=response.json()["id"])
    assert (event.organiser, event.title, event.kind) == (world.event.organiser, "Retret Kepala OPD", "retreat")
    assert response.json()["may_manage"] is True


def test_staff_cannot_create_an_event_for_another_organiser(api_client, world):
    response = as_user(api_client, world.staff).post("/api/events/", body(OrganiserFactory()), format="json")
    assert response.status_code == 400
    assert "organiser" in response.json()


def test_an_attendee_cannot_create_an_event(api_client, world):
    response = as_user(api_client, world.members[0].user).post("/api/events/", body(world.event.organiser))
    assert response.status_code == 403


def test_an_event_ending_before_it_starts_is_a_400_on_its_last_day(api_client, world):
    response = as_user(api_client, world.staff).post(
        "/api/events/", body(world.event.organiser, ends_on="2027-04-30"), format="json"
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()


def test_a_time_zone_outside_indonesia_is_refused(api_client, world):
    response = as_user(api_client, world.staff).post(
        "/api/events/", body(world.event.organiser, time_zone="Europe/Paris"), format="json"
    )
    assert response.status_code == 400
    assert "time_zone" in response.json()


def test_staff_change_their_event_and_an_attendee_or_judge_may_not(api_client, world):
    url = f"/api/events/{world.event.pk}/"
    response = as_user(api_client, world.staff).patch(url, {"title": "Retret OPD"}, format="json")
    assert response.status_code == 200
    assert Event.objects.get(pk=world.event.pk).title == "Retret OPD"
    for user in (world.members[0].user, world.judge):
        assert as_user(api_client, user).patch(url, {"title": "X"}, format="json").status_code == 403
    assert as_user(api_client, world.staff).patch(f"/api/events/{world.other.pk}/", {"title": "X"}).status_code == 404


def test_a_patch_naming_an_unknown_field_is_refused(api_client, world):
    response = as_user(api_client, world.staff).patch(
        f"/api/events/{world.event.pk}/", {"colour": "red"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["colour"] == ["There is no such field."]


def test_a_superuser_sees_every_event(api_client, world):
    response = as_user(api_client, UserFactory(is_superuser=True)).get("/api/events/")
    assert ids(response) == {world.event.pk, world.other.pk}


def test_the_event_list_runs_a_fixed_number_of_queries(api_client, world, django_assert_max_num_queries):
    as_user(api_client, world.staff)
    for _ in range(3):
        EventFactory(organiser=world.event.organiser)
    with django_assert_max_num_queries(8) as small:
        assert api_client.get("/api/events/").status_code == 200
    for _ in range(20):
        EventFactory(organiser=world.event.organiser)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(api_client.get("/api/events/").json()["results"]) == 24


def test_staff_advance_their_event_along_its_statuses_only(api_client, world):
    url = f"/api/events/{world.event.pk}/advance/"
    as_user(api_client, world.staff)
    assert api_client.post(url, {"status": "planned"}).status_code == 400  # running goes on to closed only
    response = api_client.post(url, {"status": "closed"})
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert as_user(api_client, world.members[0].user).post(url, {"status": "closed"}).status_code == 403


def test_the_status_is_not_patched(api_client, world):
    response = as_user(api_client, world.staff).patch(
        f"/api/events/{world.event.pk}/", {"status": "closed"}, format="json"
    )
    assert response.status_code == 400
    assert "advance" in response.json()["status"][0]

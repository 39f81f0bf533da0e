"""Submitting missions from a phone, judging them and the leaderboard, through the API."""

import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Submission

from .api_fixtures import as_user, build_world, clock_for
from .factories import MissionFactory, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def clock(monkeypatch):
    return clock_for(monkeypatch)


def submit_url(mission):
    return f"/api/event-missions/{mission.pk}/submit/"


def send(api_client, world, mission=None, **fields):
    return api_client.post(submit_url(mission or world.mission), {"files": [photo()], **fields}, format="multipart")


def test_a_group_member_submits_a_photo_and_the_same_client_id_again_gives_the_first(api_client, world, clock):
    clock(world.event, 0, 9)
    as_user(api_client, world.members[0].user)
    client_id = str(uuid.uuid4())
    first = send(api_client, world, client_id=client_id)
    assert first.status_code == 201, first.content
    data = first.json()
    assert (data["group"], data["status"], len(data["files"])) == (world.groups[0].pk, "pending", 1)
    again = send(api_client, world, client_id=client_id)
    assert again.status_code == 200
    assert again.json()["id"] == data["id"]
    assert Submission.objects.count() == 1


def test_a_second_submission_while_one_is_pending_is_refused(api_client, world, clock):
    clock(world.event, 0, 9)
    assert send(as_user(api_client, world.members[0].user), world).status_code == 201
    response = send(as_user(api_client, world.members[1].user), world)
    assert response.status_code == 400
    assert "waits for a judge" in response.json()["non_field_errors"][0]
    assert Submission.objects.count() == 1


def test_one_second_after_the_window_closes_is_refused(api_client, world, clock):
    clock(world.event, 0, 17, 0, 1)
    response = send(as_user(api_client, world.members[0].user), world)
    assert response.status_code == 400
    assert "closed at 17:00 WITA" in response.json()["non_field_errors"][0]
    assert not Submission.objects.exists()


def test_a_file_that_is_not_a_photo_is_a_400_on_the_files(api_client, world, clock):
    clock(world.event, 0, 9)
    fake = SimpleUploadedFile("bukti.jpg", b"not a picture at all", content_type="image/jpeg")
    response = as_user(api_client, world.members[0].user).post(
        submit_url(world.mission), {"files": [fake]}, format="multipart"
    )
    assert response.status_code == 400
    assert "files" in response.json()


def test_a_site_visit_outside_its_radius_is_a_400_on_the_latitude(api_client, world, clock):
    clock(world.event, 0, 9)
    visit = MissionFactory(
        event=world.event, kind="site_visit", latitude=Decimal("-5.135"), longitude=Decimal("119.423"), radius_m=100
    )
    as_user(api_client, world.members[0].user)
    far = send(api_client, world, visit, latitude="-5.140", longitude="119.423", accuracy="12")
    assert far.status_code == 400
    assert "latitude" in far.json()
    near = send(api_client, world, visit, latitude="-5.1352", longitude="119.4231", accuracy="12")
    assert near.status_code == 201, near.content
    assert near.json()["distance_m"] < 100


def test_a_mission_of_another_event_is_a_404(api_client, world, clock):
    clock(world.event, 0, 9)
    response = send(as_user(api_client, world.members[0].user), world, world.other_mission)
    assert response.status_code == 404


def test_the_expected_answer_is_hidden_from_the_groups(api_client, world):
    question = MissionFactory(event=world.event, kind="question", expected_answer="Sulawesi")
    url = f"/api/event-missions/{question.pk}/"
    assert as_user(api_client, world.members[0].user).get(url).json()["expected_answer"] == ""
    assert as_user(api_client, world.judge).get(url).json()["expected_answer"] == "Sulawesi"


@pytest.fixture
def pending(api_client, world, clock):
    clock(world.event, 0, 9)
    response = send(as_user(api_client, world.members[0].user), world, answer="Kantor camat")
    api_client.force_authenticate(None)
    return Submission.objects.get(pk=response.json()["id"])


def test_the_queue_hides_the_group_and_the_submitter(api_client, world, pending):
    response = as_user(api_client, world.judge).get(f"/api/events/{world.event.pk}/queue/")
    assert response.status_code == 200
    [item] = response.json()
    assert item["reference"] == pending.reference and item["answer"] == "Kantor camat"
    assert not {"group", "group_name", "submitted_by", "submitted_by_name"} & set(item)
    assert "original_name" not in item["files"][0]


def test_an_attendee_cannot_read_the_queue(api_client, world, pending):
    response = as_user(api_client, world.members[0].user).get(f"/api/events/{world.event.pk}/queue/")
    assert response.status_code == 403


def test_a_judge_approves_with_adjusted_points_and_the_leaderboard_changes(api_client, world, pending):
    as_user(api_client, world.judge)
    response = api_client.post(
        f"/api/event-submissions/{pending.pk}/judge/", {"approve": True, "points": 8}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["points"]) == ("approved", 8)
    board = as_user(api_client, world.members[2].user).get(f"/api/events/{world.event.pk}/leaderboard/").json()
    assert [(row["name"], row["score"], row["rank"]) for row in board] == [("Kelompok 1", 8, 1), ("Kelompok 2", 0, 2)]


def test_points_above_the_missions_are_a_400_on_the_points(api_client, world, pending):
    response = as_user(api_client, world.judge).post(
        f"/api/event-submissions/{pending.pk}/judge/", {"approve": True, "points": 11}, format="json"
    )
    assert response.status_code == 400
    assert "points" in response.json()


def test_a_rejection_needs_a_note_and_then_the_group_may_send_again(api_client, world, pending, clock):
    url = f"/api/event-submissions/{pending.pk}/judge/"
    as_user(api_client, world.judge)
    assert "note" in api_client.post(url, {"approve": False}, format="json").json()
    assert api_client.post(url, {"approve": False, "note": "Foto buram"}, format="json").status_code == 200
    clock(world.event, 0, 10)
    again = send(as_user(api_client, world.members[1].user), world)
    assert again.status_code == 201
    assert again.json()["attempt"] == 2


def test_an_attendee_cannot_judge_their_own_groups_work(api_client, world, pending):
    response = as_user(api_client, world.members[1].user).post(
        f"/api/event-submissions/{pending.pk}/judge/", {"approve": True}, format="json"
    )
    assert response.status_code == 403
    assert Submission.objects.get(pk=pending.pk).status == "pending"


def test_an_attendee_sees_their_own_groups_submissions_only(api_client, world, pending):
    own = as_user(api_client, world.members[1].user).get("/api/event-submissions/").json()["results"]
    assert [row["id"] for row in own] == [pending.pk]
    other_group = as_user(api_client, world.members[2].user)
    assert other_group.get("/api/event-submissions/").json()["results"] == []
    assert other_group.get(f"/api/event-submissions/{pending.pk}/").status_code == 404
    judged = as_user(api_client, world.judge).get(f"/api/event-submissions/?event={world.event.pk}").json()
    assert [row["id"] for row in judged["results"]] == [pending.pk]
    assert as_user(api_client, world.other_member.user).get(f"/api/event-submissions/{pending.pk}/").status_code == 404


def test_a_mission_released_after_another_is_shown_once_the_group_hands_that_one_in(api_client, world, clock):
    clock(world.event, 0, 9)
    later = MissionFactory(event=world.event, after=world.mission)
    url = f"/api/event-missions/?event={world.event.pk}"

    def seen(user):
        return {row["id"] for row in as_user(api_client, user).get(url).json()["results"]}

    assert seen(world.members[0].user) == {world.mission.pk}
    assert seen(world.judge) == {world.mission.pk, later.pk}
    assert send(as_user(api_client, world.members[0].user), world).status_code == 201
    assert seen(world.members[1].user) == {world.mission.pk, later.pk}
    assert seen(world.members[2].user) == {world.mission.pk}  # the other group has not

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Submission
from events.submitting import submit

from .factories import EventFactory, GroupFactory, MissionFactory, at, member, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(event=EventFactory())


@pytest.fixture
def captain(group):
    return member(group).user


@pytest.mark.parametrize(
    "zone, abbreviation", [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")]
)
def test_the_window_closes_at_five_in_the_events_own_zone(zone, abbreviation):
    group = GroupFactory(event=EventFactory(time_zone=zone))
    user = member(group).user
    mission = MissionFactory(event=group.event)
    last_second = at(group.event, 0, 17, 0, 0)
    assert submit(mission, user, files=[photo()], now=last_second).created
    Submission.objects.all().delete()
    with pytest.raises(ValidationError, match=f"closed at 17:00 {abbreviation}"):
        submit(mission, user, files=[photo()], now=last_second + datetime.timedelta(seconds=1))
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "zone, abbreviation", [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")]
)
def test_the_window_opens_at_seven_in_the_events_own_zone(zone, abbreviation):
    group = GroupFactory(event=EventFactory(time_zone=zone))
    user = member(group).user
    mission = MissionFactory(event=group.event)
    with pytest.raises(ValidationError, match=f"opens at 07:00 {abbreviation}"):
        submit(mission, user, files=[photo()], now=at(group.event, 0, 6, 59, 59))
    assert submit(mission, user, files=[photo()], now=at(group.event, 0, 7)).created


def test_seven_in_wib_is_still_before_the_window_in_wit():
    jayapura = GroupFactory(event=EventFactory(time_zone="Asia/Jayapura"))
    mission = MissionFactory(event=jayapura.event)
    seven_in_jakarta = datetime.datetime.combine(
        mission.opens_at.date(), datetime.time(7), tzinfo=datetime.UTC
    ) - datetime.timedelta(hours=7)
    # 07:00 WIB is 09:00 WIT: open in Jayapura.
    assert submit(mission, member(jayapura).user, files=[photo()], now=seven_in_jakarta).created


def test_an_evidence_mission_needs_a_photo(group, captain):
    mission = MissionFactory(event=group.event)
    with pytest.raises(ValidationError) as error:
        submit(mission, captain, now=at(group.event, 0, 9))
    assert "files" in error.value.message_dict


def test_a_file_that_is_not_a_photo_is_refused(group, captain):
    mission = MissionFactory(event=group.event)
    fake = SimpleUploadedFile("bukti.jpg", b"this is text, not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not really a JPG"):
        submit(mission, captain, files=[fake], now=at(group.event, 0, 9))
    assert not Submission.objects.exists()


def test_a_photo_gets_a_thumbnail(group, captain):
    mission = MissionFactory(event=group.event)
    sent = submit(mission, captain, files=[photo(size=(2000, 1000))], now=at(group.event, 0, 9))
    stored = sent.submission.files.get()
    assert stored.content_type == "image/jpeg" and stored.thumbnail
    from PIL import Image

    with Image.open(stored.thumbnail.open("rb")) as thumbnail:
        assert max(thumbnail.size) == 480


def test_a_short_video_is_accepted_and_a_fake_one_is_not(group, captain):
    mission = MissionFactory(event=group.event)
    video = SimpleUploadedFile("tugas.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100, content_type="video/mp4")
    sent = submit(mission, captain, files=[video], now=at(group.event, 0, 9))
    assert sent.submission.files.get().is_video
    Submission.objects.all().delete()
    with pytest.raises(ValidationError, match="not really a video"):
        submit(mission, captain, files=[SimpleUploadedFile("x.mp4", b"plain text" * 3)], now=at(group.event, 0, 9))


def test_a_second_submission_while_one_is_pending_is_refused_naming_who_sent_it(group, captain):
    other = member(group).user
    mission = MissionFactory(event=group.event)
    submit(mission, captain, files=[photo()], now=at(group.event, 0, 9))
    with pytest.raises(ValidationError, match=f"by {captain}, 09:00 WITA"):
        submit(mission, other, files=[photo()], now=at(group.event, 0, 9, 5))
    assert Submission.objects.count() == 1


def test_each_group_hands_in_for_itself(group, captain):
    other_group = GroupFactory(event=group.event)
    mission = MissionFactory(event=group.event)
    submit(mission, captain, files=[photo()], now=at(group.event, 0, 9))
    assert submit(mission, member(other_group).user, files=[photo()], now=at(group.event, 0, 9)).created


def test_someone_without_a_group_cannot_hand_in(group, stranger):
    mission = MissionFactory(event=group.event)
    with pytest.raises(ValidationError, match="not in a group"):
        submit(mission, stranger, files=[photo()], now=at(group.event, 0, 9))


def test_the_same_client_id_twice_gives_the_first_submission(group, captain):
    mission = MissionFactory(event=group.event)
    client_id = uuid.uuid4()
    first = submit(mission, captain, files=[photo()], client_id=client_id, now=at(group.event, 0, 9))
    again = submit(mission, captain, files=[photo()], client_id=client_id, now=at(group.event, 0, 9, 1))
    assert first.created and not again.created
    assert again.submission.pk == first.submission.pk and Submission.objects.count() == 1


def test_a_client_id_is_not_reused_for_another_mission(group, captain):
    first, second = MissionFactory(event=group.event), MissionFactory(event=group.event)
    client_id = uuid.uuid4()
    submit(first, captain, files=[photo()], client_id=client_id, now=at(group.event, 0, 9))
    with pytest.raises(ValidationError) as error:
        submit(second, captain, files=[photo()], client_id=client_id, now=at(group.event, 0, 9))
    assert "client_id" in error.value.message_dict


def test_a_question_is_checked_automatically(group, captain):
    mission = MissionFactory(
        event=group.event, kind="question", expected_answer="Sultan Hasanuddin | Hasanuddin", points=5
    )
    wrong = submit(mission, captain, answer="Pattimura", now=at(group.event, 0, 9)).submission
    assert wrong.status == Submission.Status.REJECTED and wrong.points is None
    right = submit(mission, captain, answer="  sultan   HASANUDDIN ", now=at(group.event, 0, 9, 1)).submission
    assert (right.status, right.points, right.attempt) == (Submission.Status.APPROVED, 5, 2)
    with pytest.raises(ValidationError, match="already approved"):
        submit(mission, captain, answer="Hasanuddin", now=at(group.event, 0, 9, 2))


def test_attempts_run_out(group, captain):
    mission = MissionFactory(event=group.event, kind="question", expected_answer="42", max_attempts=2)
    for minute in (1, 2):
        submit(mission, captain, answer="41", now=at(group.event, 0, 9, minute))
    with pytest.raises(ValidationError, match="used all 2 attempts"):
        submit(mission, captain, answer="42", now=at(group.event, 0, 9, 3))


def test_a_question_needs_an_answer(group, captain):
    mission = MissionFactory(event=group.event, kind="question")
    with pytest.raises(ValidationError) as error:
        submit(mission, captain, answer="  ", now=at(group.event, 0, 9))
    assert "answer" in error.value.message_dict


@pytest.fixture
def site_visit(group):
    # Kantor Gubernur Sulawesi Selatan, Makassar.
    return MissionFactory(
        event=group.event, kind="site_visit", latitude="-5.138100", longitude="119.432600", radius_m=100
    )


def test_a_site_visit_within_the_radius_is_accepted_with_its_distance(site_visit, captain, group):
    sent = submit(
        site_visit,
        captain,
        files=[photo()],
        latitude="-5.138500",
        longitude="119.432600",
        accuracy="12.4",
        now=at(group.event, 0, 9),
    )
    assert 40 <= sent.submission.distance_m <= 50 and sent.submission.accuracy_m == 12


def test_a_site_visit_outside_the_radius_is_refused_with_the_distance(site_visit, captain, group):
    with pytest.raises(ValidationError, match=r"You are 1\.\d{3} m from the site; come within 100 m") as error:
        submit(
            site_visit,
            captain,
            files=[photo()],
            latitude="-5.128100",
            longitude="119.432600",
            now=at(group.event, 0, 9),
        )
    assert "latitude" in error.value.message_dict


@pytest.mark.parametrize(
    "latitude, longitude", [(None, None), ("", "119.4"), ("abc", "119.4"), ("95", "119.4"), ("NaN", "1")]
)
def test_a_site_visit_without_a_usable_location_is_refused(site_visit, captain, group, latitude, longitude):
    with pytest.raises(ValidationError, match="needs your phone's location"):
        submit(site_visit, captain, files=[photo()], latitude=latitude, longitude=longitude, now=at(group.event, 0, 9))


def test_a_mission_released_after_another_waits_until_that_one_is_handed_in(group, captain):
    first = MissionFactory(event=group.event)
    second = MissionFactory(event=group.event, after=first)
    with pytest.raises(ValidationError, match=f"Hand in “{first.title}” first"):
        submit(second, captain, files=[photo()], now=at(group.event, 0, 9))
    submit(first, captain, files=[photo()], now=at(group.event, 0, 9))
    assert submit(second, captain, files=[photo()], now=at(group.event, 0, 9, 1)).created


def test_nothing_is_handed_in_once_the_event_is_closed(group, captain):
    mission = MissionFactory(event=group.event)
    group.event.status = "closed"
    group.event.save()
    with pytest.raises(ValidationError, match="closed"):
        submit(mission, captain, files=[photo()], now=at(group.event, 0, 9))

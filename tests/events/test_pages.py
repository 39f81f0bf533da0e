"""The events' pages: who sees what (refusals included), and the main flows through the forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import checkin_codes
from events.models import CheckIn, Event, Invitee, Mission, Submission
from tests.factories import UserFactory, logged_in

from .factories import EventFactory, GroupFactory, InviteeFactory, MissionFactory, at, member, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def staff(event):
    user = UserFactory()
    event.organiser.staff.add(user)
    return user


@pytest.fixture
def attendee(event):
    return InviteeFactory(event=event)


STAFF_PAGES = [
    "invitees",
    "attendance",
    "attendance-print",
    "check-in-screen",
    "groups",
    "funding",
    "evaluation",
    "review",
    "judged",
]
EVERYONE_PAGES = ["detail", "missions", "leaderboard", "gallery", "actions", "check-in"]


@pytest.mark.parametrize("name", STAFF_PAGES + EVERYONE_PAGES)
def test_the_events_staff_open_every_page(event, staff, name):
    assert logged_in(staff).get(reverse(f"events:{name}", args=[event.pk])).status_code == 200


@pytest.mark.parametrize("name", EVERYONE_PAGES)
def test_an_attendee_opens_their_pages(event, attendee, name):
    assert logged_in(attendee.user).get(reverse(f"events:{name}", args=[event.pk])).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_an_attendee_is_refused_the_staff_pages(event, attendee, name):
    assert logged_in(attendee.user).get(reverse(f"events:{name}", args=[event.pk])).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES + EVERYONE_PAGES)
def test_nobody_sees_another_event(event, name):
    other = InviteeFactory()  # invited to another event
    elsewhere_staff = UserFactory()
    EventFactory(organiser=other.event.organiser)
    other.event.organiser.staff.add(elsewhere_staff)
    for user in (other.user, elsewhere_staff):
        assert logged_in(user).get(reverse(f"events:{name}", args=[event.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(event, client):
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_judge_sees_the_review_queue_but_not_the_set_up(event):
    judge = UserFactory()
    event.judges.add(judge)
    client = logged_in(judge)
    assert client.get(reverse("events:review", args=[event.pk])).status_code == 200
    assert client.get(reverse("events:funding", args=[event.pk])).status_code == 403


def test_the_events_list_shows_only_ones_own_events(event, attendee):
    EventFactory(title="Retret Rahasia")
    response = logged_in(attendee.user).get(reverse("events:list"))
    assert event.title in response.text and "Retret Rahasia" not in response.text


def test_staff_create_an_event_for_their_organiser(staff):
    response = logged_in(staff).post(
        reverse("events:new"),
        {
            "organiser": staff.organisers.get().pk,
            "kind": "retreat",
            "title": "Retret Kepala OPD",
            "host_government": Event._meta.get_field("host_government").related_model.objects.get(code="73").pk,
            "starts_on": "2027-01-16",
            "ends_on": "2027-01-17",
            "time_zone": "Asia/Makassar",
            "day_starts_at": "07:00",
            "late_after_minutes": 15,
        },
    )
    created = Event.objects.get(title="Retret Kepala OPD")
    assert response.status_code == 302 and created.status == Event.Status.PLANNED


def test_an_event_longer_than_two_weeks_is_refused_at_its_last_day(staff):
    response = logged_in(staff).post(
        reverse("events:new"),
        {
            "organiser": staff.organisers.get().pk,
            "kind": "retreat",
            "title": "Salah ketik",
            "host_government": Event._meta.get_field("host_government").related_model.objects.get(code="73").pk,
            "starts_on": "2027-01-16",
            "ends_on": "2028-01-17",
            "time_zone": "Asia/Makassar",
            "day_starts_at": "07:00",
            "late_after_minutes": 15,
        },
    )
    assert response.status_code == 200 and "14 days at most" in response.text
    assert not Event.objects.filter(title="Salah ketik").exists()


def test_someone_who_is_no_organisers_staff_cannot_create_events(attendee):
    assert logged_in(attendee.user).get(reverse("events:new")).status_code == 403


def test_an_attendee_sends_apologies_with_a_reason(event, attendee):
    client = logged_in(attendee.user)
    client.post(
        reverse("events:respond", args=[event.pk]), {"attending": "no", "reason": "official_duty", "note": "Dinas luar"}
    )
    attendee.refresh_from_db()
    assert (attendee.response, attendee.apology_reason, attendee.apology_note) == (
        "apologised",
        "official_duty",
        "Dinas luar",
    )


def test_the_qr_link_fills_in_the_code_and_the_tap_checks_in(event, attendee, monkeypatch):
    now = at(event, 0, 7, 2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    code = checkin_codes.current(event.pk, event.starts_on, None, now).code
    client = logged_in(attendee.user)
    url = reverse("events:check-in", args=[event.pk])
    shown = client.get(url, {"code": code, "day": event.starts_on.isoformat()})
    assert shown.status_code == 200 and code in shown.text and not CheckIn.objects.exists()
    response = client.post(url, {"code": code, "day": event.starts_on.isoformat()})
    assert response.status_code == 302 and CheckIn.objects.get().invitee == attendee


def test_an_expired_code_is_refused_at_the_field(event, attendee, monkeypatch):
    shown_at = at(event, 0, 7, 2)
    code = checkin_codes.current(event.pk, event.starts_on, None, shown_at).code
    monkeypatch.setattr("django.utils.timezone.now", lambda: shown_at + datetime.timedelta(minutes=5))
    response = logged_in(attendee.user).post(reverse("events:check-in", args=[event.pk]), {"code": code})
    assert response.status_code == 400 and "This code has expired" in response.text


def test_the_screen_shows_a_qr_code_and_its_json_turns(event, staff, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(event, 0, 7))
    client = logged_in(staff)
    page = client.get(reverse("events:check-in-screen", args=[event.pk]))
    assert "<svg" in page.text
    data = client.get(reverse("events:check-in-code", args=[event.pk])).json()
    assert len(data["code"]) == 6 and data["day"] == event.starts_on.isoformat() and data["in_event"]
    assert f"code={data['code']}" in data["url"]


def test_staff_tick_people_present_with_their_arrival_time(event, staff, attendee):
    response = logged_in(staff).post(
        reverse("events:attendance-tick", args=[event.pk]),
        {"day": event.starts_on.isoformat(), "invitee": [attendee.pk], "time": "07:40"},
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert check_in.late and check_in.checked_in_at == at(event, 0, 7, 40)


def test_a_group_member_hands_in_a_photo_mission_from_the_page(event, monkeypatch):
    group = GroupFactory(event=event)
    user = member(group).user
    mission = MissionFactory(event=event)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(event, 0, 9))
    url = reverse("events:mission", args=[event.pk, mission.pk])
    client = logged_in(user)
    page = client.get(url)
    client_id = page.context["form"].initial["client_id"]
    for _attempt in range(2):  # pressing send twice hands in once
        response = client.post(url, {"files": photo(), "client_id": str(client_id)})
        assert response.status_code == 302
    assert Submission.objects.filter(mission=mission).count() == 1


def test_a_submission_after_the_window_says_so_on_the_page(event, monkeypatch):
    group = GroupFactory(event=event)
    mission = MissionFactory(event=event)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(event, 0, 17, 0, 1))
    response = logged_in(member(group).user).post(
        reverse("events:mission", args=[event.pk, mission.pk]), {"files": photo()}
    )
    assert response.status_code == 400
    assert "This mission closed at 17:00 WITA: nothing more can be handed in." in response.text
    assert "This mission closed on" in response.text  # and the form is gone
    assert not Submission.objects.exists()


def test_the_review_queue_hides_the_group_and_who_sent_it(event, staff):
    group = GroupFactory(event=event, name="Kelompok Rajawali")
    sender = member(group, user=UserFactory(full_name="Andi Pengirim")).user
    mission = MissionFactory(event=event)
    from events.submitting import submit

    submission = submit(mission, sender, files=[photo()], now=at(event, 0, 9)).submission
    response = logged_in(staff).get(reverse("events:review", args=[event.pk]))
    assert submission.reference in response.text
    assert "Kelompok Rajawali" not in response.text and "Andi Pengirim" not in response.text


def test_a_judge_approves_from_the_queue_and_the_leaderboard_changes(event, staff):
    group = GroupFactory(event=event)
    mission = MissionFactory(event=event, points=25)
    from events.submitting import submit

    submission = submit(mission, member(group).user, files=[photo()], now=at(event, 0, 9)).submission
    client = logged_in(staff)
    client.post(reverse("events:judge", args=[event.pk, submission.pk]), {"decision": "approve", "points": ""})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED
    board = client.get(reverse("events:leaderboard", args=[event.pk]))
    assert board.context["groups"][0].score == 25


def test_photos_are_seen_only_by_their_group_and_the_judges(event, staff):
    group, other_group = GroupFactory(event=event), GroupFactory(event=event)
    sender, outsider = member(group).user, member(other_group).user
    from events.submitting import submit

    stored = submit(MissionFactory(event=event), sender, files=[photo()], now=at(event, 0, 9)).submission.files.get()
    for name in ("file", "thumbnail"):
        url = reverse(f"events:{name}", args=[event.pk, stored.pk])
        assert logged_in(sender).get(url).status_code == 200
        assert logged_in(staff).get(url).status_code == 200
        assert logged_in(outsider).get(url).status_code == 403
        assert logged_in(UserFactory()).get(url).status_code == 404


def test_staff_record_an_action_item_due_in_a_quarter(event, staff, attendee):
    response = logged_in(staff).post(
        reverse("events:action-add", args=[event.pk]),
        {"title": "Integrasi data kinerja OPD", "owner": attendee.user.pk, "due": "TW II 2027"},
    )
    assert response.status_code == 302
    item = event.action_items.get()
    assert item.due_date == datetime.date(2027, 6, 30)
    # The owner sees it and reports it done; another attendee does not see it.
    owner = logged_in(attendee.user)
    page = owner.post(reverse("events:action", args=[event.pk, item.pk]), {"to": "done", "note": "Dashboard aktif"})
    assert page.status_code == 302
    other = InviteeFactory(event=event)
    assert logged_in(other.user).get(reverse("events:action", args=[event.pk, item.pk])).status_code == 404


def test_a_csr_line_without_its_company_is_refused_at_the_field(event, staff):
    response = logged_in(staff).post(
        reverse("events:funding-add", args=[event.pk]),
        {"source": "csr", "description": "Akomodasi", "planned": "Rp 150.000.000"},
    )
    assert response.status_code == 400 and "Name the company" in response.text
    response = logged_in(staff).post(
        reverse("events:funding-add", args=[event.pk]),
        {"source": "csr", "company": "PT Semen Tonasa", "description": "Akomodasi", "planned": "Rp 150.000.000"},
    )
    assert response.status_code == 302 and event.funding_lines.get().planned == 150_000_000


def sized(event, groups: int, per_group: int):
    from events.submitting import submit

    missions = [MissionFactory(event=event) for _index in range(2)]
    for _index in range(groups):
        group = GroupFactory(event=event)
        people = [member(group) for _person in range(per_group)]
        for index, mission in enumerate(missions):
            submit(mission, people[0].user, files=[photo()], now=at(event, 0, 9, index))
        CheckIn.objects.bulk_create(
            [CheckIn(invitee=p, day=event.starts_on, checked_in_at=at(event, 0, 7), method="staff") for p in people]
        )


@pytest.mark.parametrize(
    "name, budget", [("leaderboard", 14), ("review", 14), ("attendance", 15), ("attendance-print", 13)]
)
def test_the_lists_take_the_same_number_of_queries_at_two_sizes(staff, name, budget):
    counts = []
    for groups, per_group in ((2, 2), (6, 5)):
        event = EventFactory(organiser=staff.organisers.get())
        sized(event, groups, per_group)
        client = logged_in(staff)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= budget


def test_missions_are_listed_for_a_group_with_what_it_did(event, monkeypatch):
    group = GroupFactory(event=event)
    first = MissionFactory(event=event, title="Foto di Pantai Losari")
    MissionFactory(event=event, title="Wawancara warga", after=first)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(event, 0, 9))
    page = logged_in(member(group).user).get(reverse("events:missions", args=[event.pk]))
    assert "Foto di Pantai Losari" in page.text and "Opens after" in page.text
    assert Mission.objects.count() == 2 and Invitee.objects.count() == 1


def test_staff_find_the_downloads_on_their_pages_and_attendees_do_not(event, staff, attendee):
    client = logged_in(staff)
    assert (
        f"/events/{event.pk}/export/attendance/?format=xlsx"
        in client.get(reverse("events:attendance", args=[event.pk])).text
    )
    assert (
        f"/events/{event.pk}/export/funding/?format=csv" in client.get(reverse("events:funding", args=[event.pk])).text
    )
    assert "/export/scores/" in client.get(reverse("events:leaderboard", args=[event.pk])).text
    assert "/export/" not in logged_in(attendee.user).get(reverse("events:leaderboard", args=[event.pk])).text

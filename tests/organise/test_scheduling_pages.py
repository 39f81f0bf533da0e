"""The organiser's seminar pages: the list, a seminar with its split, a session's panel, order and moves."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import scheduling
from assessments.models import Seminar, SeminarKind, SeminarSession
from assessments.scheduling import Method
from tests import factories
from tests.assessments.factories import SeminarFactory
from tests.factories import logged_in
from tests.organise.overview_fixtures import score
from tests.organise.setup_fixtures import enrol_many, scheduling_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return scheduling_world(participants=7)


@pytest.fixture
def staff(world):
    return logged_in(world.staff)


@pytest.fixture
def sessions(world):
    return scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=3)


def url(name, world, *args):
    return reverse(f"organise:{name}", args=[world.cohort.pk, *args])


def test_the_seminars_page_lists_each_seminar_with_its_sessions_counts_and_panel(staff, world, sessions):
    scheduling.set_panel(sessions[0], chair=world.coach, examiners=world.examiners)
    response = staff.get(url("seminars", world))
    assert response.status_code == 200
    text = response.text
    assert "3 sessions, 7 participants placed, 0 without a session." in text
    assert "Penguji Satu, Penguji Dua" in text and '<div class="table-scroll">' in text
    assert f'href="{url("seminars", world)}" aria-current="page"' in text
    assert response.context["form"].fields["kind"].choices == [("design", "Design seminar")]


def test_the_seminars_page_keeps_its_query_count_with_many_sessions(staff, world, django_assert_max_num_queries):
    design = SeminarFactory(cohort=world.cohort, kind=SeminarKind.DESIGN)
    enrol_many(world.cohort, 23)
    for seminar in (world.seminar, design):
        for session in scheduling.split_participants(seminar, method=Method.EVENLY, chair=world.coach, count=10):
            session.examiners.set(world.examiners)
    with django_assert_max_num_queries(15):
        response = staff.get(url("seminars", world))
    assert response.text.count("Penguji Satu, Penguji Dua") == 20


def test_a_seminar_is_scheduled_from_the_page_at_the_hosts_local_time(staff, world):
    response = staff.post(
        url("seminar-new", world), {"kind": "design", "day": "2027-03-12", "time": "08:00", "place": "Aula"}
    )
    seminar = Seminar.objects.get(cohort=world.cohort, kind="design")
    assert response.status_code == 302 and response.url == url("seminar", world, seminar.pk)
    assert timezone.localtime(seminar.starts_at, timezone.get_fixed_timezone(8 * 60)).hour == 8  # WITA


def test_a_seminar_of_a_kind_already_there_is_a_form_error(staff, world):
    response = staff.post(url("seminar-new", world), {"kind": "results", "day": "2027-03-12", "time": "08:00"})
    assert response.status_code == 400 and "kind" in response.context["form"].errors


def test_the_seminar_page_splits_the_participants(staff, world):
    response = staff.post(
        url("seminar", world, world.seminar.pk), {"method": "evenly", "count": "3", "chair": world.coach.pk}
    )
    assert response.status_code == 302
    assert [s.presentations.count() for s in world.seminar.sessions.order_by("name")] == [3, 2, 2]


def test_a_split_by_room_from_the_page_reads_one_room_a_line(staff, world):
    data = {"method": "room", "rooms": "Ruang Kenari, 3\nRuang Melati", "chair": world.coach.pk}
    assert staff.post(url("seminar", world, world.seminar.pk), data).status_code == 302
    assert list(world.seminar.sessions.order_by("name").values_list("name", "place")) == [
        ("Ruang Kenari", "Ruang Kenari"),
        ("Ruang Melati", "Ruang Melati"),
    ]


def test_a_split_with_too_many_sessions_is_shown_at_the_field(staff, world):
    response = staff.post(
        url("seminar", world, world.seminar.pk), {"method": "evenly", "count": "9", "chair": world.coach.pk}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["count"] == ["There are only 7 participants to place."]


def test_an_examiner_seated_by_the_organiser_sees_the_session_in_their_schedule_at_once(staff, world, sessions):
    examiner = world.examiners[1]
    day = logged_in(examiner).get(reverse("assessments:day")).text
    assert sessions[0].get_absolute_url() not in day
    data = {"chair": world.coach.pk, "examiners": [examiner.pk]}
    assert staff.post(url("session-panel", world, sessions[0].pk), data).status_code == 302
    assert sessions[0].get_absolute_url() in logged_in(examiner).get(reverse("assessments:day")).text
    assert logged_in(examiner).get(sessions[0].get_absolute_url()).status_code == 200


def test_only_candidates_can_be_seated(staff, world, sessions):
    outsider = factories.UserFactory()
    response = staff.post(
        url("session-panel", world, sessions[0].pk), {"chair": outsider.pk, "examiners": [outsider.pk]}
    )
    assert response.status_code == 400
    assert response.context["panel_form"].errors["chair"] == ["Choose someone from the list."]


def test_the_order_form_and_the_up_button_reorder_the_session(staff, world, sessions):
    session = sessions[0]
    first, second, third = session.presentations.order_by("order")
    data = {f"order_{first.pk}": 3, f"order_{second.pk}": 1, f"order_{third.pk}": 2}
    assert staff.post(url("session-order", world, session.pk), data).status_code == 302
    assert [p.pk for p in session.presentations.order_by("order")] == [second.pk, third.pk, first.pk]
    assert staff.post(url("session-order", world, session.pk), {"up": first.pk}).status_code == 302
    assert [p.pk for p in session.presentations.order_by("order")] == [second.pk, first.pk, third.pk]
    repeated = {f"order_{first.pk}": 1, f"order_{second.pk}": 1, f"order_{third.pk}": 2}
    response = staff.post(url("session-order", world, session.pk), repeated)
    assert response.status_code == 400 and "Give each participant a different place." in response.text


def test_a_participant_is_moved_from_the_session_page(staff, world, sessions):
    moving = sessions[0].presentations.get(order=1).enrolment
    data = {"enrolment": moving.pk, "session": sessions[2].pk}
    assert staff.post(url("session-move", world, sessions[0].pk), data).status_code == 302
    assert list(sessions[0].presentations.values_list("order", flat=True)) == [1, 2]
    assert sessions[2].presentations.get(order=3).enrolment == moving


def test_the_pages_refuse_changes_to_a_scored_session_with_the_reason(staff, world, sessions):
    session = sessions[0]
    session.examiners.set(world.examiners)
    score(session.presentations.get(order=1), [(world.examiners[0], 80)])
    page = staff.get(url("session", world, session.pk))
    assert "has scores already" in page.text and "Save the order" not in page.text
    first = session.presentations.get(order=1)
    response = staff.post(url("session-order", world, session.pk), {"down": first.pk})
    assert response.status_code == 400 and "“Session 1” has scores already" in response.text
    response = staff.post(
        url("session-move", world, session.pk), {"enrolment": first.enrolment_id, "session": sessions[1].pk}
    )
    assert response.status_code == 400 and "has scores already" in response.text
    assert session.presentations.get(order=1) == first


def test_the_pages_refuse_changes_to_a_finalised_session(staff, world, sessions):
    SeminarSession.objects.filter(pk=sessions[1].pk).update(status="finalised", finalised_at=timezone.now())
    data = {"chair": world.coach.pk, "examiners": [world.examiners[0].pk]}
    response = staff.post(url("session-panel", world, sessions[1].pk), data)
    assert response.status_code == 400 and "“Session 2” is finalised" in response.text


def test_another_organisers_staff_get_not_found(world, sessions):
    other = logged_in(factories.OrganiserFactory().staff.create(username="lain", full_name="Staf Lain"))
    assert other.get(url("seminars", world)).status_code == 404
    assert other.get(url("seminar", world, world.seminar.pk)).status_code == 404
    assert other.get(url("session", world, sessions[0].pk)).status_code == 404
    assert other.post(url("session-move", world, sessions[0].pk), {}).status_code == 404


def test_a_session_of_another_cohort_is_not_found_under_this_one(staff, world):
    foreign = scheduling_world(participants=2)
    (session,) = scheduling.split_participants(foreign.seminar, method=Method.EVENLY, chair=foreign.coach, count=1)
    assert staff.get(url("session", world, session.pk)).status_code == 404
    assert staff.get(url("seminar", world, foreign.seminar.pk)).status_code == 404


def test_a_participant_is_refused_and_a_visitor_sent_to_log_in(client, world, sessions):
    participant = logged_in(world.enrolments[0].participant.user)
    for page in (
        url("seminars", world),
        url("seminar", world, world.seminar.pk),
        url("session", world, sessions[0].pk),
    ):
        assert participant.get(page).status_code == 403
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_pages_are_in_indonesian_by_default(staff, world, sessions, settings):
    settings.LANGUAGE_CODE = "id"
    listing = staff.get(url("seminars", world)).text
    assert "3 sesi, 7 peserta sudah ditempatkan, 0 belum memiliki sesi." in listing
    page = staff.get(url("session", world, sessions[0].pk)).text
    assert "Urutan presentasi" in page and "Pindahkan peserta" in page


def test_the_seminars_page_counts_who_has_no_session_among_the_active_participants(staff, world, sessions):
    late = enrol_many(world.cohort, 2)
    late[1].status = "withdrawn"
    late[1].save()
    text = staff.get(url("seminars", world)).text
    assert "3 sessions, 7 participants placed, 1 without a session." in text


def test_the_session_page_keeps_its_query_count(staff, world, django_assert_max_num_queries):
    enrol_many(world.cohort, 20)
    (session,) = scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=1)
    session.examiners.set(world.examiners)
    with django_assert_max_num_queries(18):
        response = staff.get(url("session", world, session.pk))
    assert response.text.count('class="order-name"') == 27


def test_a_session_gets_its_own_start_room_and_name_in_the_hosts_time(staff, world, sessions):
    data = {"name": "Sesi Pagi", "day": "2027-03-12", "time": "09:30", "place": "Ruang Kenari"}
    assert staff.post(url("session-details", world, sessions[0].pk), data).status_code == 302
    sessions[0].refresh_from_db()
    assert (sessions[0].name, sessions[0].place) == ("Sesi Pagi", "Ruang Kenari")
    assert sessions[0].starts_at.isoformat() == "2027-03-12T01:30:00+00:00"  # 09:30 WITA
    page = staff.get(url("session", world, sessions[0].pk))
    assert page.context["details_form"]["time"].value() == "09:30"


def test_a_session_name_taken_or_a_day_without_time_is_shown_at_its_field(staff, world, sessions):
    response = staff.post(url("session-details", world, sessions[0].pk), {"name": sessions[1].name})
    assert response.status_code == 400
    assert response.context["details_form"].errors["name"] == ["The seminar has a session named Session 2 already."]
    response = staff.post(url("session-details", world, sessions[0].pk), {"name": "X", "day": "2027-03-12"})
    assert response.context["details_form"].errors["time"] == ["Give the time it starts."]

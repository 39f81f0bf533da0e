"""Seminar scheduling: seminars, sessions split evenly, by room or by theme, panels, order, moves and their
refusal once a session is scored or finalised; the organiser's pages for it, and who may use them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments import scheduling
from assessments.models import Presentation, SeminarKind, SeminarSession
from assessments.scheduling import Method, split_evenly
from assessments.scheduling.split import split_by_capacity, split_by_theme
from tests import factories
from tests.organise.overview_fixtures import score
from tests.organise.setup_fixtures import enrol_many, scheduling_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return scheduling_world(participants=7)


def sizes(sessions) -> list[int]:
    return [s.presentations.count() for s in sessions]


def names_in(session) -> list[str]:
    return [str(p.enrolment.participant) for p in session.presentations.order_by("order")]


def orders(session) -> list[int]:
    return list(session.presentations.order_by("order").values_list("order", flat=True))


# --- the pure splits ----------------------------------------------------------------------------


def test_an_even_split_deals_round_robin_with_sizes_differing_by_one():
    assert [len(b) for b in split_evenly(list(range(7)), 3)] == [3, 2, 2]
    assert split_evenly(list("abcdefg"), 3) == [["a", "d", "g"], ["b", "e"], ["c", "f"]]


def test_a_split_by_room_fills_limited_rooms_and_shares_the_rest():
    assert [len(b) for b in split_by_capacity(list(range(10)), [3, None, None])] == [3, 4, 3]
    with pytest.raises(ValidationError):
        split_by_capacity(list(range(10)), [3, 4])


def test_a_split_by_theme_keeps_each_theme_together():
    items = ["dinas"] * 4 + ["badan"] * 2 + ["inspektorat"] * 1
    assert split_by_theme(items, str, None) == [
        (["badan"], ["badan"] * 2),
        (["dinas"], ["dinas"] * 4),
        (["inspektorat"], ["inspektorat"]),
    ]
    packed = split_by_theme(items, str, 2)
    assert packed == [(["dinas"], ["dinas"] * 4), (["badan", "inspektorat"], ["badan", "badan", "inspektorat"])]


# --- creating seminars and sessions -------------------------------------------------------------


def test_the_design_seminar_is_created_with_the_rule_sets_current_rubric(world):
    starts = timezone.now() + datetime.timedelta(days=3)
    seminar = scheduling.create_seminar(world.cohort, kind=SeminarKind.DESIGN, starts_at=starts, place="Aula")
    assert seminar.rubric.rule_set == world.cohort.rule_set and seminar.rubric.kind == SeminarKind.DESIGN
    with pytest.raises(ValidationError) as refused:
        scheduling.create_seminar(world.cohort, kind=SeminarKind.DESIGN, starts_at=starts)
    assert "kind" in refused.value.message_dict


def test_seven_participants_split_evenly_into_three_sessions_of_three_two_two(world):
    sessions = scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=3)
    assert [s.name for s in sessions] == ["Session 1", "Session 2", "Session 3"]
    assert sizes(sessions) == [3, 2, 2]
    assert names_in(sessions[0]) == ["Peserta 01", "Peserta 04", "Peserta 07"]
    assert all(orders(s) == list(range(1, len(orders(s)) + 1)) for s in sessions)
    assert {s.chair for s in sessions} == {world.coach}


def test_a_split_places_only_those_without_a_session_and_refuses_when_none_is_left(world):
    scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=2)
    late = enrol_many(world.cohort, 1)[0]
    (extra,) = scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=1)
    assert extra.name == "Session 3" and [p.enrolment for p in extra.presentations.all()] == [late]
    with pytest.raises(ValidationError, match="Every active participant has a session"):
        scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=1)


def test_a_split_by_room_names_the_sessions_after_the_rooms(world):
    sessions = scheduling.split_participants(
        world.seminar, method=Method.ROOM, chair=world.coach, rooms=[("Ruang Kenari", 2), ("Ruang Melati", None)]
    )
    assert [(s.name, s.place) for s in sessions] == [("Ruang Kenari", "Ruang Kenari"), ("Ruang Melati", "Ruang Melati")]
    assert sizes(sessions) == [2, 5]


def test_a_split_by_theme_groups_participants_by_their_kind_of_agency():
    world = scheduling_world(participants=6, kinds=("dinas", "badan", "dinas"))
    sessions = scheduling.split_participants(world.seminar, method=Method.THEME, chair=world.coach)
    assert [s.name for s in sessions] == ["Badan", "Dinas"]
    assert sizes(sessions) == [2, 4]


def test_more_sessions_than_participants_is_a_field_error(world):
    with pytest.raises(ValidationError) as refused:
        scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=8)
    assert refused.value.message_dict == {"count": ["There are only 7 participants to place."]}
    assert not SeminarSession.objects.filter(seminar=world.seminar).exists()


# --- panel, order and moves ---------------------------------------------------------------------


@pytest.fixture
def split(world):
    return scheduling.split_participants(world.seminar, method=Method.EVENLY, chair=world.coach, count=3)


def test_the_chair_and_examiners_are_seated(world, split):
    scheduling.set_panel(split[0], chair=world.examiners[0], examiners=world.examiners)
    split[0].refresh_from_db()
    assert split[0].chair == world.examiners[0] and set(split[0].examiners.all()) == set(world.examiners)


def test_a_participant_presenting_cannot_examine_their_session(world, split):
    presenting = split[0].presentations.first().enrolment.participant.user
    with pytest.raises(ValidationError) as refused:
        scheduling.set_panel(split[0], chair=world.coach, examiners=[presenting])
    assert list(refused.value.message_dict) == ["examiners"]


def test_the_order_is_set_and_moved_up_and_down(split):
    session = split[0]
    first, second, third = session.presentations.order_by("order")
    scheduling.set_order(session, [third.pk, first.pk, second.pk])
    assert names_in(session) == [str(p.enrolment.participant) for p in (third, first, second)]
    scheduling.move_up(Presentation.objects.get(pk=second.pk))
    assert [p.pk for p in session.presentations.order_by("order")] == [third.pk, second.pk, first.pk]
    with pytest.raises(ValidationError, match="first or last already"):
        scheduling.move_up(Presentation.objects.get(pk=third.pk))
    with pytest.raises(ValidationError, match="one place in the order"):
        scheduling.set_order(session, [third.pk, first.pk])


def test_a_move_puts_the_participant_last_and_closes_the_gap(split):
    source, target = split[0], split[1]
    leaving = source.presentations.get(order=2)
    scheduling.move_participant(leaving.enrolment, target)
    assert orders(source) == [1, 2] and orders(target) == [1, 2, 3]
    assert target.presentations.get(order=3).enrolment == leaving.enrolment
    assert Presentation.objects.filter(enrolment=leaving.enrolment).count() == 1


def test_a_participant_without_a_session_is_added_by_a_move(world, split):
    late = enrol_many(world.cohort, 1)[0]
    scheduling.move_participant(late, split[2])
    assert split[2].presentations.get(order=3).enrolment == late


def test_nothing_changes_once_the_session_has_scores(world, split):
    session = split[0]
    session.examiners.set(world.examiners)
    score(session.presentations.get(order=1), [(world.examiners[0], 80)])
    message = "“Session 1” has scores already: its schedule and panel can no longer change."
    ids = [p.pk for p in session.presentations.order_by("-order")]
    with pytest.raises(ValidationError, match=message):
        scheduling.set_order(session, ids)
    with pytest.raises(ValidationError, match=message):
        scheduling.set_panel(session, chair=world.coach, examiners=world.examiners[:1])
    with pytest.raises(ValidationError, match=message):
        scheduling.move_participant(session.presentations.get(order=2).enrolment, split[1])
    with pytest.raises(ValidationError, match=message):
        scheduling.move_participant(split[1].presentations.get(order=1).enrolment, session)
    assert orders(session) == [1, 2, 3] and session.examiners.count() == 2


def test_nothing_changes_once_the_session_is_finalised(world, split):
    session = split[1]
    SeminarSession.objects.filter(pk=session.pk).update(status="finalised", finalised_at=timezone.now())
    session.refresh_from_db()
    with pytest.raises(ValidationError, match="“Session 2” is finalised"):
        scheduling.move_up(session.presentations.get(order=2))
    with pytest.raises(ValidationError, match="is finalised"):
        scheduling.set_panel(session, chair=world.coach, examiners=world.examiners)
    with pytest.raises(ValidationError, match="is finalised"):
        scheduling.set_session_details(session, name="Sesi Baru", starts_at=None, place="Aula")


def test_the_candidates_are_the_organisers_examiners_coaches_and_staff_never_a_participant(world):
    factories.AssignmentFactory(role="examiner")  # another organiser's examiner
    candidates = set(scheduling.panel_candidates(world.cohort))
    assert candidates == {*world.examiners, world.coach, world.staff}

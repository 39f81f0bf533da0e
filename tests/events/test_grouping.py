import pytest
from django.core.exceptions import ValidationError

from events import grouping
from events.models import Invitee
from events.submitting import submit
from regions.models import AgencyKind
from tests.factories import AgencyFactory

from .factories import EventFactory, InviteeFactory, MissionFactory, at, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory()
    kinds = list(AgencyKind.objects.order_by("order")[:3])
    for index in range(31):
        InviteeFactory(event=event, agency=AgencyFactory(kind=kinds[index % 3]))
    return event


def test_31_attendees_in_three_groups_of_11_10_10(event):
    groups = grouping.split(event, 3)
    assert [group.members.count() for group in groups] == [11, 10, 10]
    assert [group.name for group in groups] == ["Group 1", "Group 2", "Group 3"]
    assert all(group.captain.group_id == group.pk for group in groups)


def test_groups_mix_the_kinds_of_agency(event):
    for group in grouping.split(event, 3):
        kinds = list(group.members.values_list("agency__kind", flat=True))
        assert max(kinds.count(kind) for kind in set(kinds)) - min(kinds.count(kind) for kind in set(kinds)) <= 1
        assert len(set(kinds)) == 3


def test_a_random_split_is_repeatable_with_its_seed(event):
    first = [sorted(g.members.values_list("pk", flat=True)) for g in grouping.split(event, 3, balance="random", seed=7)]
    again = [sorted(g.members.values_list("pk", flat=True)) for g in grouping.split(event, 3, balance="random", seed=7)]
    assert first == again


def test_those_who_sent_apologies_are_left_out(event):
    absent = event.invitees.first()
    absent.response, absent.apology_reason = Invitee.Response.APOLOGISED, "official_duty"
    absent.save()
    groups = grouping.split(event, 3)
    assert sum(group.members.count() for group in groups) == 30
    absent.refresh_from_db()
    assert absent.group is None


@pytest.mark.parametrize("count", [0, 51, 32])
def test_an_impossible_number_of_groups_is_refused(event, count):
    with pytest.raises(ValidationError) as error:
        grouping.split(event, count)
    assert "count" in error.value.message_dict


def test_splitting_again_after_missions_were_handed_in_is_refused(event):
    group = grouping.split(event, 3)[0]
    mission = MissionFactory(event=event)
    submit(mission, group.members.first().user, files=[photo()], now=at(event, 0, 9))
    with pytest.raises(ValidationError, match="handed in missions already"):
        grouping.split(event, 2)
    assert event.groups.count() == 3


def test_moving_the_captain_out_hands_the_captaincy_on(event):
    first, second, _third = grouping.split(event, 3)
    captain = first.captain
    grouping.move(captain, second)
    first.refresh_from_db()
    assert first.captain is not None and first.captain != captain and first.captain.group_id == first.pk
    captain.refresh_from_db()
    assert captain.group == second


def test_a_captain_must_be_a_member(event):
    first, second, _third = grouping.split(event, 3)
    with pytest.raises(ValidationError):
        grouping.set_captain(first, second.members.first())


def test_a_group_cannot_take_a_name_another_has(event):
    first, second, _third = grouping.split(event, 3)
    grouping.rename(first, "  Kelompok   Elang ")
    first.refresh_from_db()
    assert first.name == "Kelompok Elang"
    with pytest.raises(ValidationError):
        grouping.rename(second, "kelompok elang")


def test_a_group_of_another_event_is_refused(event):
    first = grouping.split(event, 3)[0]
    stranger = InviteeFactory()
    with pytest.raises(ValidationError):
        grouping.move(stranger, first)

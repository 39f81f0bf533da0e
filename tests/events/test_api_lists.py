"""The lists of what belongs to an event, scoped to the user's events, at a fixed number of queries;
the funding summary, the action items' moves and the report tables as JSON."""

import datetime
import itertools

import pytest
from django.utils import timezone

from events.models import ActionItem, AgendaSession, CheckIn, FundingLine, Submission, Venue

from .api_fixtures import as_user, build_world, make_event
from .factories import EventFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


NUMBERS = itertools.count()
LISTS = [
    "event-venues",
    "event-sessions",
    "event-invitees",
    "event-groups",
    "event-missions",
    "event-submissions",
    "event-funding-lines",
    "event-action-items",
]


def fill(event, staff, groups, members, size: int) -> None:
    """Rows of every kind, ``size`` of each (submissions: one per group and mission)."""
    for _ in range(size):
        n = next(NUMBERS)
        Venue.objects.create(event=event, name=f"Venue {n}")
        AgendaSession.objects.create(
            event=event, day=event.starts_on, starts_at="09:00", ends_at="10:00", title=f"Sesi {n}"
        )
        FundingLine.objects.create(event=event, source="csr", company=f"PT {n}", description="Konsumsi", planned=10)
        ActionItem.objects.create(event=event, title=f"Keputusan {n}", owner=staff, due_date=event.ends_on)
    for _ in range(size):
        mission = MissionFactory(event=event)
        for group in groups:
            Submission.objects.create(
                mission=mission, group=group, submitted_by=members[0].user, submitted_at=timezone.now()
            )


def counted(api_client, django_assert_max_num_queries, url, budget=12) -> int:
    with django_assert_max_num_queries(budget) as queries:
        response = api_client.get(url)
        assert response.status_code == 200, response.content
    return len(queries.captured_queries)


@pytest.mark.parametrize("name", LISTS)
def test_each_list_costs_the_same_at_two_sizes(api_client, django_assert_max_num_queries, name):
    event, staff, judge, groups, members = make_event(groups=2, per_group=2)
    fill(event, staff, groups, members, 2)
    as_user(api_client, staff)
    url = f"/api/{name}/?event={event.pk}"
    small = counted(api_client, django_assert_max_num_queries, url)
    bigger_groups = make_event(groups=6, per_group=5)
    fill(event, staff, groups, members, 12)
    fill(bigger_groups[0], staff, bigger_groups[3], bigger_groups[4], 2)
    assert counted(api_client, django_assert_max_num_queries, url) == small


@pytest.mark.parametrize("name", ["leaderboard", "queue"])
def test_the_leaderboard_and_the_queue_cost_the_same_at_two_sizes(api_client, django_assert_max_num_queries, name):
    small_event = make_event(groups=2, per_group=2)
    fill(*small_event[:2], *small_event[3:], 2)
    large_event = make_event(groups=8, per_group=4)
    fill(*large_event[:2], *large_event[3:], 10)
    counts = []
    for event, staff, *_rest in (small_event, large_event):
        as_user(api_client, staff)
        counts.append(counted(api_client, django_assert_max_num_queries, f"/api/events/{event.pk}/{name}/"))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("name", LISTS)
def test_nobody_reads_another_events_rows(api_client, world, name):
    fill(world.other, world.staff, [world.other_member.group], [world.other_member], 1)
    for user in (world.staff, world.judge, world.members[0].user):
        rows = as_user(api_client, user).get(f"/api/{name}/").json()["results"]
        assert all(row.get("event", world.event.pk) == world.event.pk for row in rows)
        assert as_user(api_client, user).get(f"/api/{name}/?event={world.other.pk}").json()["results"] == []


def test_another_events_venue_is_a_404(api_client, world):
    venue = Venue.objects.create(event=world.other, name="Pulau Samalona")
    assert as_user(api_client, world.staff).get(f"/api/event-venues/{venue.pk}/").status_code == 404


def test_funding_lines_and_summary_are_for_staff(api_client, world):
    FundingLine.objects.create(event=world.event, source="csr", company="PT Semen", description="Tenda", planned=300)
    FundingLine.objects.create(event=world.event, source="apbd", description="Transport", planned=100)
    summary = as_user(api_client, world.staff).get(f"/api/events/{world.event.pk}/funding/")
    assert summary.status_code == 200
    assert (summary.json()["planned"], summary.json()["csr_share_planned"]) == (400, 75.0)
    as_user(api_client, world.members[0].user)
    assert api_client.get(f"/api/events/{world.event.pk}/funding/").status_code == 403
    assert api_client.get("/api/event-funding-lines/").json()["results"] == []


def test_the_owner_reports_an_action_item_done_and_staff_verify_it(api_client, world):
    owner = world.members[0].user
    item = ActionItem.objects.create(event=world.event, title="Satu data", owner=owner, due_date=world.event.ends_on)
    url = f"/api/event-action-items/{item.pk}/move/"
    response = as_user(api_client, owner).post(url, {"status": "verified"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert "note" in api_client.post(url, {"status": "done"}, format="json").json()
    assert api_client.post(url, {"status": "done", "note": "SK terbit"}, format="json").json()["status"] == "done"
    assert as_user(api_client, world.staff).post(url, {"status": "verified"}, format="json").status_code == 200
    assert ActionItem.objects.get(pk=item.pk).status == "verified"


def test_a_colleague_cannot_move_someone_elses_action_item(api_client, world):
    item = ActionItem.objects.create(
        event=world.event, title="Satu data", owner=world.members[0].user, due_date=world.event.ends_on
    )
    response = as_user(api_client, world.members[1].user).post(
        f"/api/event-action-items/{item.pk}/move/", {"status": "in_progress"}, format="json"
    )
    assert response.status_code == 404  # not among the items they may see


def test_the_attendance_report_as_json(api_client, world):
    CheckIn.objects.create(
        invitee=world.members[0],
        day=world.event.starts_on,
        checked_in_at=world.event.local_moment(world.event.starts_on, datetime.time(7, 40)),
        late=True,
        method="staff",
    )
    response = as_user(api_client, world.staff).get(f"/api/events/{world.event.pk}/reports/attendance/")
    assert response.status_code == 200
    data = response.json()
    row = next(row for row in data["rows"] if row["name"] == world.members[0].user.full_name)
    assert (row["day1_arrival"], row["day1_late"], row["day2_arrival"]) == ("07:40 WITA", True, None)
    assert "Attendance rate 25.0%" in data["note"]


def test_report_refusals(api_client, world):
    url = f"/api/events/{world.event.pk}/reports/"
    assert as_user(api_client, world.staff).get(url + "nothing/").status_code == 404
    assert as_user(api_client, world.members[0].user).get(url + "scores/").status_code == 403
    assert as_user(api_client, world.staff).get(f"/api/events/{world.other.pk}/reports/scores/").status_code == 404
    assert EventFactory  # the other event's own staff see it: tested in test_exports

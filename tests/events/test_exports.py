"""An event's reports as CSV and XLSX: their columns and typed cells, who may download them, their queries."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import CheckIn, FundingLine, Submission
from tests.factories import OrganiserFactory, UserFactory

from .api_fixtures import build_world, make_event
from .factories import InviteeFactory, MissionFactory

pytestmark = pytest.mark.django_db
TABLES = ["attendance", "absentees", "scores", "mission-scores", "funding"]


@pytest.fixture
def world(db):
    return build_world()


def url(event, table, fmt="csv"):
    return f"{reverse('events:export', args=[event.pk, table])}?format={fmt}"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def workbook_rows(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return list(sheet.iter_rows(values_only=True))


def arrive(invitee, day_offset, hour, minute, late=False):
    day = invitee.event.starts_on + datetime.timedelta(days=day_offset)
    return CheckIn.objects.create(
        invitee=invitee,
        day=day,
        checked_in_at=invitee.event.local_moment(day, datetime.time(hour, minute)),
        late=late,
        method="staff",
    )


def test_the_attendance_csv_has_a_row_per_invitee_and_the_arrivals_per_day(client, world):
    arrive(world.members[0], 0, 7, 5)
    arrive(world.members[0], 1, 7, 40, late=True)
    client.force_login(world.staff)
    response = client.get(url(world.event, "attendance"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert header[:7] == ["Name", "Position", "Agency", "Group", "Answer to the invitation", "Reason", "Note"]
    assert header[7:] == [
        "Day 1 (15-03-2027): arrived",
        "Day 1: late",
        "Day 2 (16-03-2027): arrived",
        "Day 2: late",
        "Day 3 (17-03-2027): arrived",
        "Day 3: late",
    ]
    assert len(rows) == 4
    came = next(row for row in rows if row[0] == world.members[0].user.full_name)
    assert came[3] == "Kelompok 1"
    assert came[7:11] == ["07:05 WITA", "No", "07:40 WITA", "Yes"]
    assert came[11:] == ["", ""]


def test_the_absentees_name_the_excused_first_with_their_reason(client, world):
    arrive(world.members[0], 0, 7, 5)
    excused = world.members[3]
    excused.response, excused.apology_reason, excused.apology_note = "apologised", "other_training", "PKN II"
    excused.save()
    client.force_login(world.staff)
    header, *rows = csv_rows(client.get(url(world.event, "absentees")))
    assert header == ["Name", "Position", "Agency", "Status", "Reason", "Note"]
    assert [row[3] for row in rows] == ["Excused", "Absent without a reason", "Absent without a reason"]
    assert rows[0][4:] == ["In other training (e.g. a Diklat)", "PKN II"]


def test_the_funding_xlsx_has_whole_rupiah_as_numbers_and_a_total(client, world):
    FundingLine.objects.create(
        event=world.event, source="csr", company="PT Semen Tonasa", description="Tenda", planned=300_000_000
    )
    FundingLine.objects.create(event=world.event, source="apbd", description="Transport", planned=100_000_000)
    client.force_login(world.staff)
    response = client.get(url(world.event, "funding", "xlsx"))
    assert response.status_code == 200
    header, *rows = workbook_rows(response)
    assert header == ("Source", "Company", "For", "Planned", "Committed funds", "Realised")
    assert rows[0][:4] == ("Regional budget (APBD)", None, "Transport", 100_000_000)
    assert rows[1][:4] == ("Company CSR funds", "PT Semen Tonasa", "Tenda", 300_000_000)
    assert rows[-1][0] == "Total" and rows[-1][3] == 400_000_000
    assert all(isinstance(row[3], int) for row in rows)


def test_the_scores_xlsx_ranks_the_groups_with_numbers(client, world):
    Submission.objects.create(
        mission=world.mission,
        group=world.groups[1],
        submitted_by=world.members[2].user,
        submitted_at=timezone.now(),
        status="approved",
        points=10,
        judged_at=timezone.now(),
    )
    client.force_login(world.staff)
    header, *rows = workbook_rows(client.get(url(world.event, "scores", "xlsx")))
    assert header == ("Group", "Captain", "Missions approved", "Submissions pending", "Points", "Ranking")
    assert [(row[0], row[2], row[4], row[5]) for row in rows] == [("Kelompok 2", 1, 10, 1), ("Kelompok 1", 0, 0, 2)]


def test_the_mission_scores_have_a_row_per_group_and_mission(client, world):
    second = MissionFactory(event=world.event, title="Tugas kedua")
    Submission.objects.create(
        mission=second, group=world.groups[0], submitted_by=world.members[0].user, submitted_at=timezone.now()
    )
    client.force_login(world.staff)
    header, *rows = csv_rows(client.get(url(world.event, "mission-scores")))
    assert header == ["Group", "Mission", "Kind", "Status", "Attempts", "Points", "Out of"]
    assert len(rows) == 4
    assert ["Kelompok 1", "Tugas kedua", "Photo or video evidence", "Waiting for a judge", "1", "", "10"] in rows


def test_text_that_a_spreadsheet_would_run_is_made_inert(client, world):
    user = world.members[0].user
    user.full_name = "=HYPERLINK(1)"
    user.save()
    client.force_login(world.staff)
    rows = csv_rows(client.get(url(world.event, "attendance")))
    assert any(row[0] == "'=HYPERLINK(1)" for row in rows)


def test_a_superuser_downloads_any_event(client, world):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(url(world.other, "attendance", "xlsx")).status_code == 200


def test_an_attendee_and_a_judge_get_403(client, world):
    for user in (world.members[0].user, world.judge):
        client.force_login(user)
        assert client.get(url(world.event, "attendance")).status_code == 403


def test_another_organisers_staff_get_404(client, world):
    stranger = UserFactory()
    OrganiserFactory().staff.add(stranger)
    client.force_login(stranger)
    assert client.get(url(world.event, "attendance")).status_code == 404
    client.force_login(world.staff)
    assert client.get(url(world.other, "attendance")).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url(world.event, "attendance"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_table_is_a_404_and_a_bad_format_a_400_in_plain_text(client, world):
    client.force_login(world.staff)
    assert client.get(url(world.event, "nothing")).status_code == 404
    response = client.get(url(world.event, "attendance", "pdf"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "csv or xlsx" in response.content.decode()
    twice = client.get(f"{reverse('events:export', args=[world.event.pk, 'funding'])}?format=csv&format=xlsx")
    assert twice.status_code == 400


def grow(event, groups, members, missions: int, extra_invitees: int) -> None:
    for _ in range(extra_invitees):
        arrive(InviteeFactory(event=event, group=groups[0]), 0, 7, 10)
    for _ in range(missions):
        mission = MissionFactory(event=event)
        for group in groups:
            Submission.objects.create(
                mission=mission, group=group, submitted_by=members[0].user, submitted_at=timezone.now()
            )
    for n in range(missions):
        FundingLine.objects.create(event=event, source="csr", company=f"PT {n}", description="Konsumsi", planned=5)


@pytest.mark.parametrize("table", TABLES)
def test_each_export_costs_the_same_at_two_sizes(client, django_assert_max_num_queries, table):
    counts = []
    for groups, per_group, missions, extra in ((2, 2, 1, 1), (6, 5, 8, 20)):
        event, staff, _judge, made, members = make_event(groups, per_group)
        grow(event, made, members, missions, extra)
        client.force_login(staff)
        # The session, the user, their zone and the session's save make four of them.
        with django_assert_max_num_queries(15) as queries:
            response = client.get(url(event, table, "xlsx"))
            body(response)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1], counts

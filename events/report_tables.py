"""An event's reports as report tables: attendance per day, the absentees, the groups' scores, the funding.

Each is built in a fixed number of queries whatever the size of the event, and serves the CSV and
XLSX exports and the API alike.
"""

from collections.abc import Callable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.tables import Column, Kind, ReportTable

from .attendance import attendance
from .funding import summary
from .judging import leaderboard
from .models import ApologyReason, Event, FundingSource, Group, Invitee, Mission, MissionKind, Submission

REASONS = dict(ApologyReason.choices)
RESPONSES = dict(Invitee.Response.choices)


def _percent(value: float | None) -> str:
    return "—" if value is None else formats.number_format(value, 1)


def _person(invitee: Invitee) -> dict:
    return {
        "name": invitee.user.get_full_name(),
        "position": invitee.position,
        "agency": invitee.agency.name if invitee.agency else "",
    }


PERSON_COLUMNS = [
    Column("name", gettext_lazy("Name")),
    Column("position", gettext_lazy("Position")),
    Column("agency", gettext_lazy("Agency")),
]


def attendance_table(event: Event) -> ReportTable:
    """One row per invitee: their answer and, for each day, the local time they arrived and whether late."""
    figures = attendance(event)
    days = event.days
    zone = event.zone_abbreviation
    rows = []
    for row in figures.rows:
        invitee = row.invitee
        line = {
            **_person(invitee),
            "group": invitee.group.name if invitee.group else "",
            "answer": RESPONSES.get(invitee.response, invitee.response),
            "apology_reason": REASONS.get(invitee.apology_reason, ""),
            "apology_note": invitee.apology_note,
        }
        for number, day in enumerate(days, start=1):
            check_in = row.days.get(day)
            arrived = check_in.checked_in_at.astimezone(event.zone) if check_in else None
            line[f"day{number}_arrival"] = f"{arrived:%H:%M} {zone}" if arrived else None
            line[f"day{number}_late"] = check_in.late if check_in else None
        rows.append(line)
    columns = [
        *PERSON_COLUMNS,
        Column("group", gettext_lazy("Group")),
        Column("answer", gettext_lazy("Answer to the invitation")),
        Column("apology_reason", gettext_lazy("Reason")),
        Column("apology_note", gettext_lazy("Note")),
    ]
    for number, day in enumerate(days, start=1):
        label = {"number": number, "date": f"{day:%d-%m-%Y}"}
        columns.append(Column(f"day{number}_arrival", _("Day %(number)s (%(date)s): arrived") % label))
        columns.append(Column(f"day{number}_late", _("Day %(number)s: late") % {"number": number}))
    note = _("Attendance rate %(attendance)s%%; commitment rate (present or excused) %(commitment)s%%.") % {
        "attendance": _percent(figures.attendance_rate),
        "commitment": _percent(figures.commitment_rate),
    }
    return ReportTable("event-attendance", _("Attendance list: %(event)s") % {"event": event}, columns, rows, note)


def absentees_table(event: Event) -> ReportTable:
    """Everyone who came on no day: the excused with their reason first, then those absent without one."""
    figures = attendance(event)
    rows = [
        {
            **_person(row.invitee),
            "status": _("Excused") if row.excused else _("Absent without a reason"),
            "reason": REASONS.get(row.invitee.apology_reason, ""),
            "note": row.invitee.apology_note,
        }
        for row in figures.absentees
    ]
    columns = [
        *PERSON_COLUMNS,
        Column("status", gettext_lazy("Status")),
        Column("reason", gettext_lazy("Reason")),
        Column("note", gettext_lazy("Note")),
    ]
    return ReportTable("event-absentees", _("Absentees: %(event)s") % {"event": event}, columns, rows)


def scores_table(event: Event) -> ReportTable:
    """The leaderboard: each group's approved missions, points and place."""
    rows = [
        {
            "group": group.name,
            "captain": group.captain.user.get_full_name() if group.captain else "",
            "approved": group.approved_count,
            "pending": group.pending_count,
            "points": group.score,
            "place": group.rank,
        }
        for group in leaderboard(event)
    ]
    columns = [
        Column("group", gettext_lazy("Group")),
        Column("captain", gettext_lazy("Captain")),
        Column("approved", gettext_lazy("Missions approved"), Kind.INTEGER),
        Column("pending", gettext_lazy("Submissions pending"), Kind.INTEGER),
        Column("points", gettext_lazy("Points"), Kind.INTEGER),
        Column("place", gettext_lazy("Ranking"), Kind.INTEGER),
    ]
    return ReportTable("event-scores", _("Scores by group: %(event)s") % {"event": event}, columns, rows)


def mission_scores_table(event: Event) -> ReportTable:
    """One row per group and mission: the status of the group's latest attempt and the points it earned."""
    groups = list(Group.objects.filter(event=event).order_by("number"))
    missions = list(Mission.objects.filter(event=event).order_by("opens_at", "order", "pk"))
    latest, attempts = {}, {}
    for submission in Submission.objects.filter(mission__event=event).order_by("attempt", "pk"):
        key = (submission.group_id, submission.mission_id)
        latest[key] = submission
        attempts[key] = attempts.get(key, 0) + 1
    statuses, kinds = dict(Submission.Status.choices), dict(MissionKind.choices)
    rows = []
    for group in groups:
        for mission in missions:
            submission = latest.get((group.pk, mission.pk))
            approved = submission is not None and submission.status == Submission.Status.APPROVED
            rows.append(
                {
                    "group": group.name,
                    "mission": mission.title,
                    "kind": kinds.get(mission.kind, mission.kind),
                    "status": statuses[submission.status] if submission else _("Not handed in"),
                    "attempts": attempts.get((group.pk, mission.pk), 0),
                    "points": submission.points if approved else None,
                    "out_of": mission.points,
                }
            )
    columns = [
        Column("group", gettext_lazy("Group")),
        Column("mission", gettext_lazy("Mission")),
        Column("kind", gettext_lazy("Kind")),
        Column("status", gettext_lazy("Status")),
        Column("attempts", gettext_lazy("Attempts"), Kind.INTEGER),
        Column("points", gettext_lazy("Points"), Kind.INTEGER),
        Column("out_of", gettext_lazy("Out of"), Kind.INTEGER),
    ]
    title = _("Mission scores by group: %(event)s") % {"event": event}
    return ReportTable("event-mission-scores", title, columns, rows)


def funding_table(event: Event) -> ReportTable:
    """Each funding line with its source and company, then the total; the CSR share under the title."""
    sources = dict(FundingSource.choices)
    lines = list(event.funding_lines.order_by("source", "pk"))
    rows = [
        {
            "source": sources.get(line.source, line.source),
            "company": line.company,
            "description": line.description,
            "planned": line.planned,
            "committed": line.committed,
            "realised": line.realised,
        }
        for line in lines
    ]
    totals = summary(event)
    rows.append(
        {
            "source": _("Total"),
            "company": "",
            "description": "",
            "planned": totals.planned,
            "committed": totals.committed,
            "realised": totals.realised,
        }
    )
    columns = [
        Column("source", gettext_lazy("Source")),
        Column("company", gettext_lazy("Company")),
        Column("description", gettext_lazy("For")),
        Column("planned", gettext_lazy("Planned"), Kind.RUPIAH),
        Column("committed", gettext_lazy("Committed funds"), Kind.RUPIAH),
        Column("realised", gettext_lazy("Realised"), Kind.RUPIAH),
    ]
    note = _("CSR share: %(planned)s%% of the planned total, %(realised)s%% of the realised total.") % {
        "planned": _percent(totals.csr_share_planned),
        "realised": _percent(totals.csr_share_realised),
    }
    return ReportTable("event-funding", _("Funding by source: %(event)s") % {"event": event}, columns, rows, note)


TABLES: dict[str, Callable[[Event], ReportTable]] = {
    "attendance": attendance_table,
    "absentees": absentees_table,
    "scores": scores_table,
    "mission-scores": mission_scores_table,
    "funding": funding_table,
}

"""The data an official document is made from, read once at finalising and stored with it as JSON.

Everything the PDF shows comes from here, as text and plain numbers, in Indonesian (the language
of the record whatever the chair's): the PDF can be rendered again from the stored data alone.
"""

from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone, translation

from assessments.models import Classification, FeedbackItem, PanelRole, SessionAbsence
from assessments.results import session_results
from diklat.formatting import rupiah
from mentors.models import Assignment
from people.models import Participant
from regions.models import ZONE_ABBREVIATIONS

from .models import Letterhead

ROLE_ORDER = ["chair", "examiner", "mentor", "coach"]
ROLE_LABELS = {"chair": "Ketua", "examiner": "Penguji", "mentor": "Mentor", "coach": "Coach"}


def letterhead(organiser) -> dict:
    """The organiser's letterhead; without one stored, a heading made from its government and name."""
    stored = Letterhead.objects.filter(organiser=organiser).first()
    region = organiser.region
    government = ""
    if region is not None:
        government = f"PEMERINTAH PROVINSI {region.name}" if region.level == "province" else f"PEMERINTAH {region.name}"
    agency = organiser.agency.name if organiser.agency_id else organiser.name
    return {
        "government": (stored.government if stored and stored.government else government).upper(),
        "name": (stored.name if stored and stored.name else agency).upper(),
        "organiser": organiser.name,
        "address": stored.address if stored else "",
        "city": stored.city if stored else (region.name if region else ""),
    }


def _local(moment, zone_name: str):
    return timezone.localtime(moment, timezone=ZoneInfo(zone_name)), ZONE_ABBREVIATIONS.get(zone_name, zone_name)


def _number(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _panel(session, assignments: list[Assignment]) -> list[dict]:
    """Everyone on the panel once, with all their roles: the chair who also examines signs once."""
    people: dict[int, dict] = {}

    def add(user, role, enrolment_id=None):
        entry = people.setdefault(user.pk, {"user_id": user.pk, "name": user.get_full_name(), "roles": []})
        if role not in entry["roles"]:
            entry["roles"].append(role)
        if enrolment_id is not None:
            entry.setdefault("guides", []).append(enrolment_id)

    add(session.chair, "chair")
    for examiner in session.examiners.order_by("full_name", "pk"):
        add(examiner, "examiner")
    for assignment in assignments:
        add(assignment.user, assignment.role, assignment.enrolment_id)
    return list(people.values())


def labelled(panel: list[dict], nips: dict) -> list[dict]:
    """The panel in signing order (chair, examiners, mentors, coaches), each with their roles as one label."""
    panel = [{**p, "roles": sorted(p["roles"], key=ROLE_ORDER.index)} for p in panel if p["roles"]]
    panel.sort(key=lambda p: (ROLE_ORDER.index(p["roles"][0]), p["name"]))
    for entry in panel:
        entry["role"] = ", ".join(ROLE_LABELS[r] for r in entry["roles"])
        entry["nip"] = nips.get(str(entry["user_id"]), "")
    return panel


def _feedback(item: FeedbackItem) -> dict:
    budget = _budget_of(item)
    return {
        "presentation_id": item.presentation_id,
        "participant": item.presentation.enrolment.participant.user.get_full_name(),
        "category": item.get_category_display(),
        "text": item.text,
        "owner": item.owner,
        "due_date": item.due_date.isoformat(),
        "given_by": item.given_by.get_full_name(),
        "budget": (
            f"{rupiah(budget.amount_requested)} · {budget.get_source_display()} {budget.fiscal_year}" if budget else ""
        ),
        "milestone": item.milestone.activity if item.milestone_id else "",
    }


def _budget_of(item):
    try:
        return item.budget
    except ObjectDoesNotExist:
        return None


def session_data(session) -> dict:
    """What every document of a finalised session shows, read in a fixed number of queries."""
    with translation.override("id"):
        return _session_data(session)


# The documents are in Indonesian whatever the reader's language: they are the official record.
ABSENT_AS = {SessionAbsence.Kind.MEMBER: "Anggota panel", SessionAbsence.Kind.PARTICIPANT: "Peserta, tidak presentasi"}


def _absences_of(session) -> list[dict]:
    recorded = SessionAbsence.objects.filter(session=session).select_related(
        "member", "presentation__enrolment__participant__user"
    )
    rows = []
    for absence in recorded:
        presenter = absence.presentation.enrolment.participant.user.get_full_name() if absence.presentation else ""
        is_member = absence.kind == SessionAbsence.Kind.MEMBER
        role = ABSENT_AS[absence.kind] + (f" (untuk {presenter})" if is_member and presenter else "")
        rows.append(
            {
                "name": absence.member.get_full_name() if is_member else presenter,
                "role": role,
                "reason": absence.reason,
                "presentation_id": absence.presentation_id,
                "member_id": absence.member_id,
            }
        )
    return rows


def _session_data(session) -> dict:
    seminar = session.seminar
    organiser = seminar.cohort.organiser
    zone = organiser.time_zone
    pairs = session_results(session)
    enrolments = [p.enrolment_id for p, _result in pairs]
    assignments = list(
        Assignment.objects.filter(enrolment_id__in=enrolments, role__in=["mentor", "coach"])
        .select_related("user")
        .order_by("role", "pk")
    )
    users = {session.chair_id, *session.examiners.values_list("pk", flat=True), *(a.user_id for a in assignments)}
    users |= {p.enrolment.participant.user_id for p, _result in pairs}
    # JSON keys are text: the stored data reads back as it was written.
    nips = {str(p.user_id): p.nip_formatted for p in Participant.objects.filter(user_id__in=users).exclude(nip=None)}
    verdicts: dict[int, list] = {}
    for verdict in Classification.objects.filter(presentation__session=session).select_related("examiner"):
        verdicts.setdefault(verdict.presentation_id, []).append(
            {"examiner": verdict.examiner.get_full_name(), "verdict": verdict.verdict, "reason": verdict.reason}
        )
    participants = []
    for presentation, result in pairs:
        project = _project_of(presentation)
        participants.append(
            {
                "presentation_id": presentation.pk,
                "order": presentation.order,
                "name": presentation.enrolment.participant.user.get_full_name(),
                "nip": nips.get(str(presentation.enrolment.participant.user_id), ""),
                "project": project.title if project else "",
                "scorers": [
                    {
                        "name": s.scorer_name,
                        "role": str(PanelRole(s.role).label),
                        "total": _number(s.total),
                        "complete": s.complete,
                    }
                    for s in result.scorers
                ],
                "final": _number(result.final),
                "predicate": result.predicate,
                "passing": result.passing,
                "flagged": result.flagged,
                "verdicts": verdicts.get(presentation.pk, []),
                "enrolment_id": presentation.enrolment_id,
            }
        )
    feedback = (
        FeedbackItem.objects.filter(presentation__session=session)
        .select_related("given_by", "milestone", "budget", "presentation__enrolment__participant__user")
        .order_by("presentation__order", "pk")
    )
    start, zone_label = _local(session.starts_at or seminar.starts_at, zone)
    finalised, _zone = _local(session.finalised_at or timezone.now(), zone)
    return {
        "letterhead": letterhead(organiser),
        "cohort": str(seminar.cohort),
        "seminar": seminar.get_kind_display(),
        "rubric": str(seminar.rubric),
        "session": {
            "name": session.name,
            "place": session.place or seminar.place,
            "date": start.date().isoformat(),
            "time": f"{start:%H:%M} {zone_label}",
        },
        "panel": labelled(_panel(session, assignments), nips),
        "nips": nips,
        "participants": participants,
        # Recorded absences of panel members and participants who did not present: [{name, role, reason}].
        "absences": _absences_of(session),
        "feedback": [_feedback(item) for item in feedback],
        "finalised_at": f"{finalised:%d-%m-%Y %H:%M} {zone_label}",
        "finalised_by": session.finalised_by.get_full_name() if session.finalised_by_id else "",
    }


def _project_of(presentation):
    try:
        return presentation.enrolment.project
    except ObjectDoesNotExist:
        return None


def sheet_data(data: dict, presentation_id: int) -> dict:
    """The part of the session's data one participant's result sheet shows: their row, their panel, their feedback."""
    row = next(p for p in data["participants"] if p["presentation_id"] == presentation_id)
    absences = [a for a in data["absences"] if a.get("presentation_id") in (None, presentation_id)]
    # A member recorded absent for this participant did not see the presentation: they do not sign its sheet.
    absent = {a.get("member_id") for a in absences} - {None}
    panel = []
    for person in data["panel"]:
        if person["user_id"] in absent:
            continue
        own = row["enrolment_id"] in person.get("guides", [])
        roles = [r for r in person["roles"] if r in ("chair", "examiner") or own]
        panel.append({**person, "roles": roles})
    return {
        **{key: value for key, value in data.items() if key != "nips"},
        "panel": labelled(panel, data["nips"]),
        "participants": [row],
        "absences": absences,
        "feedback": [f for f in data["feedback"] if f["presentation_id"] == presentation_id],
    }

"""The demo seminars' sessions: their rooms, panels and order of presentation, and who scores each participant."""

import datetime
from zoneinfo import ZoneInfo

from assessments.models import Presentation, Rubric, Seminar, SeminarSession
from mentors.models import Assignment
from mentors.roles import GUIDES
from projects.models import ChangeProject

from . import agencies
from .people import Cast, Enrolled

PLACE = f"Aula {agencies.ORGANISER_NAME}"
SESSIONS = 4
MINUTES_EACH = 25
# Indexes into cast.examiners per session, the chair first: `penguji` chairs Ruang 1 of both seminars.
DESIGN_PANELS = [(0, 1), (1, 2), (2, 3), (3, 0)]
RESULTS_PANELS = [(0, 2), (1, 3), (2, 0), (3, 1)]


def acronym(title: str) -> str:
    """The project's short name, written in brackets in its title: "(SIGAP HUMAS)"."""
    start, end = title.find("("), title.find(")")
    return title[start + 1 : end] if 0 <= start < end else title[:30]


class SessionBuilder:
    """Opens a seminar's sessions with their panel and participants; SeminarBuilder then scores them."""

    def __init__(self, cast: Cast):
        self.cast, self.cohort = cast, cast.cohort
        self.zone = ZoneInfo(cast.organiser.region.time_zone)
        enrolments = [e.enrolment.pk for e in cast.enrolled]
        self.panel = {
            (a.enrolment_id, a.role): a.user
            for a in Assignment.objects.filter(enrolment__in=enrolments, role__in=GUIDES).select_related("user")
        }
        projects = ChangeProject.objects.filter(enrolment__in=enrolments).values_list("enrolment", "status", "title")
        self.status = {enrolment: status for enrolment, status, _title in projects}
        self.titles = {enrolment: title for enrolment, _status, title in projects}
        self.created = 0

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.zone)

    def seminar(self, kind: str, day: datetime.date) -> Seminar:
        seminar, _ = Seminar.objects.get_or_create(
            cohort=self.cohort,
            kind=kind,
            defaults={
                "rubric": Rubric.objects.current(self.cohort.rule_set, kind),
                "starts_at": self.at(day, 8),
                "place": PLACE,
            },
        )
        return seminar

    def session(self, seminar: Seminar, number: int, panel, group: list[Enrolled]) -> SeminarSession | None:
        name = f"Ruang {number}"
        if seminar.sessions.filter(name=name).exists():
            return None
        examiners = [self.cast.examiners[index] for index in panel]
        session = SeminarSession.objects.create(
            seminar=seminar, name=name, starts_at=seminar.starts_at, place=f"{name}, {PLACE}", chair=examiners[0]
        )
        session.examiners.set(examiners)
        session.panel_users = examiners
        session.rows = Presentation.objects.bulk_create(
            Presentation(session=session, enrolment=person.enrolment, order=order)
            for order, person in enumerate(group, start=1)
        )
        self.created += 1
        return session

    def scorers(self, session: SeminarSession, person: Enrolled) -> list[tuple[object, str]]:
        enrolment = person.enrolment.pk
        return [(examiner, "examiner") for examiner in session.panel_users] + [
            (self.panel[(enrolment, "mentor")], "mentor"),
            (self.panel[(enrolment, "coach")], "coach"),
        ]

    def acronym(self, person: Enrolled) -> str:
        return acronym(self.titles.get(person.enrolment.pk, ""))

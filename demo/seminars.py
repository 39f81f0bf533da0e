"""The demo seminars: the design seminar held, scored and released; the results seminar ahead.

Scores of the design seminar are written in bulk with the rows score_presentation would
write (a Score per scorer and indicator, a ScoreChange for each first entry). Finalising,
reopening and the correction after release go through the services, which also check
that every result is complete. Timestamps are then set back to the seminar day.
A session that exists already is left as it is: a second run adds nothing.
"""

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Case, Value, When

from assessments import services
from assessments.models import (
    Classification,
    Presentation,
    Rubric,
    RubricIndicator,
    Score,
    ScoreChange,
    ScoringPolicy,
    Seminar,
    SeminarKind,
    SeminarSession,
    SessionEvent,
)
from mentors.models import Assignment
from mentors.roles import GUIDES
from projects.models import ChangeProject

from . import agencies, remarks
from .people import Cast, Enrolled

SEED = 20260928
PLACE = f"Aula {agencies.ORGANISER_NAME}"
SESSIONS = 4
MINUTES_EACH = 25
# Indexes into cast.examiners per session, the chair first: `penguji` chairs Ruang 1 of both seminars.
DESIGN_PANELS = [(0, 1), (1, 2), (2, 3), (3, 0)]
RESULTS_PANELS = [(0, 2), (1, 3), (2, 0), (3, 1)]
# (session, order): the mentor scores far above the examiners, so the chair is alerted.
FLAGGED = {(2, 6), (3, 11)}
# (session, order, scorer, indicator): a score corrected during the session, before release.
FIXED_BEFORE_RELEASE = (2, 3, 0, 3)
REOPENED = 1  # the session reopened once; its first participant's budget score is corrected after release
BUDGET_INDICATOR, NOVELTY_INDICATOR = 7, 2  # positions in the design rubric
QUALITY = {
    "draft": (68, 76),
    "submitted": (72, 80),
    "returned": (70, 78),
    "approved": (75, 84),
    "in_implementation": (77, 91),
    "completed": (84, 92),
}


def clamp(value: float, low: int = 65, high: int = 95) -> int:
    return int(max(low, min(high, round(value))))


def total(values: list[int], weights: list[Decimal]) -> Decimal:
    return sum((Decimal(v) * w / 100 for v, w in zip(values, weights, strict=True)), Decimal(0))


def acronym(title: str) -> str:
    """The project's short name, written in brackets in its title: "(SIGAP HUMAS)"."""
    start, end = title.find("("), title.find(")")
    return title[start + 1 : end] if 0 <= start < end else title[:30]


class SeminarBuilder:
    def __init__(self, cast: Cast):
        self.cast, self.cohort = cast, cast.cohort
        self.zone = ZoneInfo(cast.organiser.region.time_zone)
        self.policy = ScoringPolicy.objects.filter(rule_set=self.cohort.rule_set).first()
        self.max_spread = self.policy.max_spread if self.policy else Decimal(15)
        enrolments = [e.enrolment.pk for e in cast.enrolled]
        self.panel = {
            (a.enrolment_id, a.role): a.user
            for a in Assignment.objects.filter(enrolment__in=enrolments, role__in=GUIDES).select_related("user")
        }
        projects = ChangeProject.objects.filter(enrolment__in=enrolments).values_list("enrolment", "status", "title")
        self.status = {enrolment: status for enrolment, status, _title in projects}
        self.titles = {enrolment: title for enrolment, _status, title in projects}
        weak = [e.enrolment.pk for e in cast.enrolled if self.status.get(e.enrolment.pk) in {"returned", "draft"}]
        # Routine work dressed up as change: both examiners say so of the first, one of the next two.
        self.routine = {pk: (2 if n == 0 else 1) for n, pk in enumerate(weak[:3])}
        self.created = 0

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.zone)

    def build(self) -> int:
        for kind, day, panels in (
            (SeminarKind.DESIGN, self.cohort.design_seminar_date, DESIGN_PANELS),
            (SeminarKind.RESULTS, self.cohort.results_seminar_date, RESULTS_PANELS),
        ):
            seminar = self.seminar(kind, day)
            indicators = list(RubricIndicator.objects.filter(component__rubric=seminar.rubric))
            size = -(-len(self.cast.enrolled) // SESSIONS)
            for number, panel in enumerate(panels, start=1):
                group = self.cast.enrolled[(number - 1) * size : number * size]
                session = self.session(seminar, number, panel, group)
                if session is None:
                    continue
                if kind == SeminarKind.DESIGN:
                    self.score_design(session, number, group, indicators)
                    self.finalise(session, number, group, indicators)
                elif number == 1:
                    self.score_ahead(session, group, indicators)
        return self.created

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

    # --- the design seminar: scores, verdicts, finalising ----------------------------------------------

    def draw_values(self, rng: random.Random, person: Enrolled, roles: list[str], weights, *, flagged: bool):
        """Each scorer's values per indicator, near one level per participant; wide apart only when flagged."""
        low, high = QUALITY.get(self.status.get(person.enrolment.pk), (74, 86))
        routine = self.routine.get(person.enrolment.pk, 0)
        for _attempt in range(50):
            quality = rng.uniform(low, high)
            rows = []
            for position, role in enumerate(roles):
                level = quality + rng.uniform(-3, 3)
                if flagged:
                    level = rng.uniform(91, 94) if role == "mentor" else rng.uniform(70, 74)
                values = [clamp(level + max(-5.0, min(5.0, rng.gauss(0, 3)))) for _ in weights]
                if routine and role == "examiner" and position < routine:
                    values[min(NOVELTY_INDICATOR, len(values) - 1)] = rng.randint(65, 69)
                rows.append(values)
            totals = [total(values, weights) for values in rows]
            spread = max(totals) - min(totals)
            if (spread > self.max_spread + 2) if flagged else (spread < self.max_spread - 3):
                break
        return rows  # a policy edited to a tiny spread flags more than the two planned

    def score_design(self, session, number: int, group: list[Enrolled], indicators) -> None:
        rng = random.Random(f"{SEED}-design-{number}")
        weights = [indicator.weight for indicator in indicators]
        scores, changes, verdicts, moments = [], [], [], {}
        for presentation, person in zip(session.rows, group, strict=True):
            order = presentation.order
            scored_at = session.starts_at + datetime.timedelta(minutes=MINUTES_EACH * (order - 1) + 20)
            moments[presentation.pk] = scored_at
            scorers = self.scorers(session, person)
            rows = self.draw_values(
                rng, person, [role for _, role in scorers], weights, flagged=(number, order) in FLAGGED
            )
            if number == REOPENED and order == 1:
                rows[1][self.budget_indicator(indicators)] = 68  # mistyped; corrected after release
            for position, ((scorer, role), values) in enumerate(zip(scorers, rows, strict=True)):
                for index, (indicator, value) in enumerate(zip(indicators, values, strict=True)):
                    remark = self.remark(rng, index, value, role)
                    scores.append(
                        Score(
                            presentation=presentation,
                            indicator=indicator,
                            scorer=scorer,
                            role=role,
                            value=value,
                            remark=remark,
                        )
                    )
                    fixed = (number, order, position, index) == FIXED_BEFORE_RELEASE
                    first = value - 5 if fixed else value
                    changes.append(self.change(presentation, indicator, scorer, None, first, "", remark))
                    if fixed:
                        changes.append(
                            self.change(presentation, indicator, scorer, first, value, remark, remark)
                            | {"reason": remarks.SCORE_FIX_BEFORE_RELEASE}
                        )
            for position, (examiner, _role) in enumerate(scorers[:2]):
                routine = position < self.routine.get(person.enrolment.pk, 0)
                reasons = remarks.ROUTINE_REASONS if routine else remarks.INNOVATION_REASONS
                verdicts.append(
                    Classification(
                        presentation=presentation,
                        examiner=examiner,
                        verdict=Classification.Verdict.ROUTINE if routine else Classification.Verdict.INNOVATION,
                        reason=rng.choice(reasons).format(agency=person.site.name, acronym=self.acronym(person)),
                    )
                )
        Score.objects.bulk_create(scores)
        ScoreChange.objects.bulk_create(ScoreChange(**change) for change in changes)
        Classification.objects.bulk_create(verdicts)
        # Back to the moment each participant was scored: one UPDATE per table for the whole session.
        when = Case(*(When(presentation_id=pk, then=Value(moment)) for pk, moment in moments.items()))
        Score.objects.filter(presentation__in=moments).update(updated_at=when)
        ScoreChange.objects.filter(presentation__in=moments).update(at=when)
        Classification.objects.filter(presentation__in=moments).update(updated_at=when)
        for change in changes:
            if change["reason"]:
                later = moments[change["presentation"].pk] + datetime.timedelta(minutes=10)
                ScoreChange.objects.filter(**{k: change[k] for k in ("presentation", "indicator", "scorer")}).filter(
                    old_value__isnull=False
                ).update(at=later)

    @staticmethod
    def budget_indicator(indicators: list) -> int:
        return min(BUDGET_INDICATOR, len(indicators) - 1)

    def acronym(self, person: Enrolled) -> str:
        return acronym(self.titles.get(person.enrolment.pk, ""))

    @staticmethod
    def change(presentation, indicator, scorer, old, new, old_remark: str, new_remark: str) -> dict:
        return {
            "presentation": presentation,
            "indicator": indicator,
            "scorer": scorer,
            "changed_by": scorer,
            "old_value": old,
            "new_value": new,
            "old_remark": old_remark,
            "new_remark": new_remark,
            "reason": "",
        }

    @staticmethod
    def remark(rng: random.Random, index: int, value: int, role: str) -> str:
        if rng.random() > (0.25 if role == "examiner" else 0.08):
            return ""
        known = index < len(remarks.INDICATOR_REMARKS)
        strong, weak = remarks.INDICATOR_REMARKS[index] if known else remarks.GENERIC_REMARKS
        if value >= 85:
            return strong
        return weak if value < 78 else ""

    def finalise(self, session, number: int, group: list[Enrolled], indicators) -> None:
        """The chair releases the results; one session is reopened the next morning for a correction."""
        day = self.cohort.design_seminar_date
        chair = session.panel_users[0]
        services.finalise_session(session, by=chair, acknowledge_flags=True)
        moments = [self.at(day, 15, 10 * number)]
        if number == REOPENED:
            next_day = day + datetime.timedelta(days=1)
            services.reopen_session(session, by=chair, reason=remarks.REOPEN_REASON)
            presentation, examiner = session.rows[0], session.panel_users[1]
            indicator = indicators[self.budget_indicator(indicators)]
            services.score_presentation(
                presentation,
                by=examiner,
                scores={indicator.pk: 86},
                reason=remarks.SCORE_CORRECTION_REASON.format(value=86),
                complete=False,
            )
            corrected = self.at(next_day, 9, 20)
            ScoreChange.objects.filter(presentation=presentation, after_release=True).update(at=corrected)
            Score.objects.filter(presentation=presentation, scorer=examiner, indicator=indicator).update(
                updated_at=corrected
            )
            services.finalise_session(session, by=chair, acknowledge_flags=True)
            moments += [self.at(next_day, 9), self.at(next_day, 9, 40)]
        events = list(session.events.order_by("pk"))
        for event, moment in zip(events, moments, strict=True):
            event.at = moment
        SessionEvent.objects.bulk_update(events, ["at"])
        SeminarSession.objects.filter(pk=session.pk).update(finalised_at=moments[-1])
        session.presentations.update(released_at=moments[-1])

    # --- the results seminar: one session partly scored ahead, for the examiner's demo -------------------

    def score_ahead(self, session, group: list[Enrolled], indicators) -> None:
        """The co-examiner, mentor and coach have scored the first participant; the second only in part."""
        rng = random.Random(f"{SEED}-results")
        first, second = session.rows[0], session.rows[1]
        for presentation, person, scorers, count in (
            (first, group[0], self.scorers(session, group[0])[1:], len(indicators)),
            (second, group[1], self.scorers(session, group[1])[1:2], 5),
        ):
            low, high = QUALITY.get(self.status.get(person.enrolment.pk), (74, 86))
            quality = rng.uniform(low, high)
            for scorer, _role in scorers:
                level = quality + rng.uniform(-2, 2)
                values = {i.pk: clamp(level + rng.uniform(-4, 4)) for i in indicators[:count]}
                services.score_presentation(presentation, by=scorer, scores=values, complete=count == len(indicators))

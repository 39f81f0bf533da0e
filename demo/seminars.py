"""The demo seminars: the design seminar held, scored and released; the results seminar ahead.

Scores of the design seminar are written in bulk with the rows score_presentation would
write (a Score per scorer and indicator, a ScoreChange for each first entry). Finalising,
reopening and the correction after release go through the services, which also check
that every result is complete and issue the official documents (records): release() runs
once the panel's feedback is on record, so that the minutes hold it. Timestamps are then set
back to the seminar day; the documents keep the moment they were issued.
A session that exists already is left as it is: a second run adds nothing.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import Case, Value, When

from assessments import services
from assessments.absences import record_absence
from assessments.models import (
    Classification,
    RubricIndicator,
    Score,
    ScoreChange,
    ScoringPolicy,
    SeminarKind,
    SeminarSession,
    SessionAbsence,
    SessionEvent,
)
from records.models import Letterhead

from . import agencies, remarks
from .people import Cast, Enrolled
from .seminar_sessions import DESIGN_PANELS, MINUTES_EACH, RESULTS_PANELS, SESSIONS, SessionBuilder

SEED = 20260928
# (session, order): the mentor scores far above the examiners, so the chair is alerted.
FLAGGED = {(2, 6), (3, 11)}
# (session, order, scorer, indicator): a score corrected during the session, before release.
FIXED_BEFORE_RELEASE = (2, 3, 0, 3)
# (session, order): the second examiner left before this participant presented; the chair records it.
EXAMINER_LEFT = (4, 2)
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


class SeminarBuilder(SessionBuilder):
    """Opens both seminars' sessions, scores and releases the design seminar, and scores ahead in the results one."""

    def __init__(self, cast: Cast):
        super().__init__(cast)
        self.policy = ScoringPolicy.objects.filter(rule_set=self.cohort.rule_set).first()
        self.max_spread = self.policy.max_spread if self.policy else Decimal(15)
        weak = [e.enrolment.pk for e in cast.enrolled if self.status.get(e.enrolment.pk) in {"returned", "draft"}]
        # Routine work dressed up as change: both examiners say so of the first, one of the next two.
        self.routine = {pk: (2 if n == 0 else 1) for n, pk in enumerate(weak[:3])}
        self.to_release: list[tuple] = []

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
                    self.to_release.append((session, number, group, indicators))
                elif number == 1:
                    self.score_ahead(session, group, indicators)
        return self.created

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
                if (number, order) == EXAMINER_LEFT and position == 1:
                    continue
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
                if (number, order) == EXAMINER_LEFT and position == 1:
                    continue
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

    def release(self) -> None:
        """Finalise the design sessions scored by build(): their documents are issued with the feedback given."""
        Letterhead.objects.get_or_create(
            organiser=self.cast.organiser,
            defaults={
                "government": "Pemerintah Provinsi Sulawesi Selatan",
                "name": agencies.ORGANISER_AGENCY,
                "address": "Jl. Urip Sumoharjo No. 269, Makassar 90231",
                "city": "Makassar",
            },
        )
        for pending in self.to_release:
            self.finalise(*pending)
        self.to_release = []

    def finalise(self, session, number: int, group: list[Enrolled], indicators) -> None:
        """The chair releases the results; one session is reopened the next morning for a correction."""
        day = self.cohort.design_seminar_date
        chair = session.panel_users[0]
        if number == EXAMINER_LEFT[0]:
            absence = record_absence(
                session,
                by=chair,
                kind=SessionAbsence.Kind.MEMBER,
                member=session.panel_users[1],
                presentation=next(p for p in session.rows if p.order == EXAMINER_LEFT[1]),
                reason=remarks.EXAMINER_LEFT_REASON,
            )
            SessionAbsence.objects.filter(pk=absence.pk).update(at=self.at(day, 14, 50))
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

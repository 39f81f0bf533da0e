"""What a session still lacks before it may be finalised: one list for the service, the page and the API.

A session is complete when it has started and, for every participant who presented, every
expected panel member has scored every indicator of the rubric, unless the chair recorded
that member as absent. Who is expected follows the rule set's scoring policy: the session's
examiners always (when the policy counts examiners), the participant's mentor and coach
when the policy counts their role. A participant recorded as not presenting needs nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.models import Assignment
from mentors.roles import GUIDES
from people.models import User
from regions.models import ZONE_ABBREVIATIONS

from .models import Presentation, RubricIndicator, Score, ScoringPolicy, SeminarSession, SessionAbsence
from .models.scores import PanelRole

ROLES = (PanelRole.EXAMINER, PanelRole.MENTOR, PanelRole.COACH)


@dataclass(frozen=True)
class Gap:
    """One thing missing: a sheet, a start time passed, someone left to score."""

    code: str
    message: str
    scorer: User | None = None
    presentation: Presentation | None = None

    @property
    def participant(self):
        return self.presentation.enrolment.participant if self.presentation else None


@dataclass
class Panel:
    """Who is expected to score each presentation of a session, and what the chair recorded."""

    presentations: list[Presentation]
    expected: dict[int, list[tuple[User, str]]] = field(default_factory=dict)
    absences: list[SessionAbsence] = field(default_factory=list)

    def members(self) -> list[User]:
        """Every expected scorer once, examiners first."""
        seen: dict[int, User] = {}
        for scorers in self.expected.values():
            for user, _role in scorers:
                seen.setdefault(user.pk, user)
        return list(seen.values())

    def no_shows(self) -> set[int]:
        return {a.presentation_id for a in self.absences if a.kind == SessionAbsence.Kind.PARTICIPANT}

    def is_absent(self, user_id: int, presentation_id: int) -> bool:
        return any(
            a.kind == SessionAbsence.Kind.MEMBER
            and a.member_id == user_id
            and a.presentation_id in (None, presentation_id)
            for a in self.absences
        )


def counted_roles(policy: ScoringPolicy) -> set[str]:
    """The panel roles whose sheets the policy combines into the result."""
    if policy.method == ScoringPolicy.Method.MEAN_OF_EXAMINERS:
        return {PanelRole.EXAMINER}
    if policy.method == ScoringPolicy.Method.MEAN_OF_ALL:
        return set(ROLES)
    return {role for role in ROLES if policy.weight_of(role)}


def policy_of(session: SeminarSession) -> ScoringPolicy:
    rule_set_id = session.seminar.rubric.rule_set_id
    return ScoringPolicy.objects.filter(rule_set_id=rule_set_id).first() or ScoringPolicy(rule_set_id=rule_set_id)


def panel_of(session: SeminarSession) -> Panel:
    """The expected scorers of every presentation, in four queries whatever the session's size."""
    roles = counted_roles(policy_of(session))
    presentations = list(session.presentations.select_related("enrolment__participant__user").order_by("order"))
    session_examiners = list(session.examiners.order_by("full_name", "pk"))
    examiner_ids = {e.pk for e in session_examiners}
    examiners = session_examiners if PanelRole.EXAMINER in roles else []
    guides = (
        Assignment.objects.filter(enrolment__in=[p.enrolment_id for p in presentations], role__in=GUIDES)
        .filter(role__in=roles)
        .select_related("user")
        .order_by("role", "pk")
    )
    by_enrolment: dict[int, list[Assignment]] = {}
    for assignment in guides:
        by_enrolment.setdefault(assignment.enrolment_id, []).append(assignment)
    panel = Panel(presentations=presentations)
    for presentation in presentations:
        presentation.session = session
        # A session examiner who is also the participant's mentor scores as examiner (access.panel_role).
        own = [
            (a.user, a.role) for a in by_enrolment.get(presentation.enrolment_id, []) if a.user_id not in examiner_ids
        ]
        panel.expected[presentation.pk] = [(e, PanelRole.EXAMINER) for e in examiners] + own
    panel.absences = list(session.absences.select_related("member", "by", "presentation__enrolment__participant__user"))
    return panel


def local_start(session: SeminarSession) -> str:
    """The session's start as the host's wall clock shows it, with WIB, WITA or WIT."""
    start = session.starts_at or session.seminar.starts_at
    zone = session.seminar.cohort.time_zone
    local = timezone.localtime(start, ZoneInfo(zone))
    return f"{local:%d-%m-%Y %H:%M} {ZONE_ABBREVIATIONS.get(zone, zone)}"


def has_started(session: SeminarSession, now=None) -> bool:
    return (session.starts_at or session.seminar.starts_at) <= (now or timezone.now())


def missing_for_finalise(session: SeminarSession, panel: Panel | None = None, now=None) -> list[Gap]:
    """Everything that stops the session being finalised, in the order of presentation."""
    gaps = []
    if not has_started(session, now):
        gaps.append(
            Gap(
                "not_started",
                _("The session starts at %(start)s: it can be finalised only once it has started.")
                % {"start": local_start(session)},
            )
        )
    panel = panel or panel_of(session)
    indicator_count = RubricIndicator.objects.filter(component__rubric_id=session.seminar.rubric_id).count()
    scored = Counter(
        {
            (row["presentation_id"], row["scorer_id"]): row["n"]
            for row in Score.objects.filter(presentation__session=session)
            .values("presentation_id", "scorer_id")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    no_shows = panel.no_shows()
    for presentation in panel.presentations:
        if presentation.pk in no_shows:
            continue
        participant = presentation.enrolment.participant
        present = [(u, r) for u, r in panel.expected[presentation.pk] if not panel.is_absent(u.pk, presentation.pk)]
        if not present:
            gaps.append(
                Gap(
                    "no_scorer",
                    _("Nobody is left to score %(participant)s: every expected panel member is recorded absent.")
                    % {"participant": participant},
                    presentation=presentation,
                )
            )
        for user, role in present:
            count = scored[(presentation.pk, user.pk)]
            if count >= indicator_count:
                continue
            names = {"scorer": user, "role": PanelRole(role).label.lower(), "participant": participant}
            if count == 0:
                gap = Gap("no_sheet", _("%(scorer)s (%(role)s) has not scored %(participant)s.") % names)
            else:
                names.update(scored=count, total=indicator_count)
                gap = Gap(
                    "incomplete_sheet",
                    _("%(scorer)s (%(role)s) scored %(scored)s of %(total)s indicators for %(participant)s.") % names,
                )
            gaps.append(Gap(gap.code, gap.message, scorer=user, presentation=presentation))
    return gaps


class IncompleteSession(ValidationError):
    """Finalising refused: carries the gaps, so the API can return them as a list."""

    def __init__(self, gaps: list[Gap]):
        self.gaps = gaps
        super().__init__({"missing": [gap.message for gap in gaps]})

"""Who may see seminar sessions, presentations and scores.

- an examiner sees the sessions they sit on and every presentation in them;
- the chair sees their session;
- a mentor or coach sees the sessions and presentations of their own participants;
- organiser staff see their cohorts' seminars; superusers everything;
- a participant sees their own presentation, and its scores only once released
  (checked where scores are shown: ``scores_visible``).

Like diklat.access, whose primitives it composes, this module imports no models: the
querysets of assessments.models call it, and it reaches seats and panels through the user.
"""

from django.db.models import Q

from diklat.access import NOTHING, among, enrolment_branches, reached
from mentors.roles import GUIDES


def examines(user, session_ref: str) -> Q:
    """Rows whose session (``session_ref``) has the user among its examiners."""
    return among(session_ref, user.examined_sessions.order_by().values("pk"))


def _guided(user):
    """The assignments as mentor or coach: they see their own participants' sessions and presentations."""
    return user.assignments.filter(role__in=GUIDES)


def session_scope(user) -> Q:
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    return among(
        "pk",
        reached(
            _guided(user).values("enrolment__presentations__session"),
            user.chaired_sessions.values("pk"),
            user.examined_sessions.values("pk"),
            user.organisers.values("cohorts__seminars__sessions"),
        ),
    )


def presentation_scope(user) -> Q:
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    # Examiners see the participants of the sessions they sit on, not every participant an
    # examiner assignment names; mentors and coaches see their own participants.
    own, _assigned, _organised = enrolment_branches(user, "presentations")
    return among(
        "pk",
        reached(
            own,
            _guided(user).values("enrolment__presentations"),
            user.examined_sessions.values("presentations"),
            user.chaired_sessions.values("presentations"),
            user.organisers.values("cohorts__seminars__sessions__presentations"),
        ),
    )


def feedback_scope(user) -> Q:
    """Feedback on the projects one may see, feedback one gave, and feedback on what one examined."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    return among(
        "pk",
        reached(
            *enrolment_branches(user, "project__feedback"),
            user.feedback_given.values("pk"),
            user.examined_sessions.values("presentations__enrolment__project__feedback"),
        ),
    )


def is_panel_member(user, presentation) -> bool:
    return panel_role(user, presentation) is not None


def panel_role(user, presentation) -> str | None:
    """The role in which this user scores this presentation, or None if they do not."""
    if not user.is_authenticated:
        return None
    if presentation.session.examiners.filter(pk=user.pk).exists():
        return "examiner"
    return (
        user.assignments.filter(enrolment_id=presentation.enrolment_id, role__in=GUIDES)
        .values_list("role", flat=True)
        .first()
    )


def scores_visible(user, presentation) -> bool:
    """The participant sees their own scores only after release; everyone else in scope always."""
    if presentation.enrolment.participant.user_id == user.pk:
        return presentation.released_at is not None
    return True


def can_chair(user, session) -> bool:
    return user.is_authenticated and (session.chair_id == user.pk or user.is_superuser)

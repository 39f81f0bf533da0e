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

from django.db.models import Exists, OuterRef, Q

from diklat.access import NOTHING, assigned, organised
from mentors.roles import GUIDES


def examines(user, session_ref: str) -> Q:
    """Rows whose session (``session_ref``) has the user among its examiners."""
    return Q(Exists(user.examined_sessions.through.objects.filter(seminarsession=OuterRef(session_ref), user=user)))


def session_scope(user) -> Q:
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    own_participant_presents = user.assignments.filter(
        role__in=GUIDES, enrolment__presentations__session=OuterRef("pk")
    )
    return (
        Q(Exists(own_participant_presents))
        | Q(chair=user)
        | examines(user, "pk")
        | organised(user, "seminar__cohort__organiser")
    )


def presentation_scope(user) -> Q:
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    # Examiners see the participants of the sessions they sit on, not every participant an
    # examiner assignment names; mentors and coaches see their own participants.
    return (
        Q(enrolment__participant__user=user)
        | assigned(user, "enrolment", roles=GUIDES)
        | examines(user, "session")
        | Q(session__chair=user)
        | organised(user, "session__seminar__cohort__organiser")
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

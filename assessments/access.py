"""Who may see seminar sessions, presentations and scores.

- an examiner sees the sessions they sit on and every presentation in them;
- the chair sees their session;
- a mentor or coach sees the sessions and presentations of their own participants;
- organiser staff see their cohorts' seminars; superusers everything;
- a participant sees their own presentation, and its scores only once released
  (checked where scores are shown: ``scores_visible``).
"""

from django.db.models import Exists, OuterRef, Q

from diklat import access as diklat_access


def session_scope(user) -> Q:
    from mentors.models import Assignment

    from .models import Presentation

    if not user.is_authenticated:
        return diklat_access.NOTHING
    if user.is_superuser:
        return Q()
    own_participant_presents = Presentation.objects.filter(
        session=OuterRef("pk"),
        enrolment__in=Assignment.objects.filter(user=user, role__in=["mentor", "coach"]).values("enrolment"),
    )
    staff = diklat_access._staff_of(user, "seminar__cohort__organiser")
    return Q(Exists(own_participant_presents)) | Q(chair=user) | Q(Exists(_examiner_of(user, "pk"))) | Q(staff)


def _examiner_of(user, session_ref: str):
    from .models import SeminarSession

    return SeminarSession.examiners.through.objects.filter(seminarsession=OuterRef(session_ref), user=user)


def presentation_scope(user) -> Q:
    if not user.is_authenticated:
        return diklat_access.NOTHING
    if user.is_superuser:
        return Q()
    from mentors.models import Assignment

    # Examiners see the participants of the sessions they sit on, not every participant an
    # examiner assignment names; mentors and coaches see their own participants.
    own_participant = Assignment.objects.filter(
        enrolment=OuterRef("enrolment"), user=user, role__in=["mentor", "coach"]
    )
    return (
        Q(enrolment__participant__user=user)
        | Q(Exists(own_participant))
        | Q(Exists(_examiner_of(user, "session")))
        | Q(session__chair=user)
        | Q(diklat_access._staff_of(user, "session__seminar__cohort__organiser"))
    )


def is_panel_member(user, presentation) -> bool:
    return panel_role(user, presentation) is not None


def panel_role(user, presentation) -> str | None:
    """The role in which this user scores this presentation, or None if they do not."""
    from mentors.models import Assignment

    if not user.is_authenticated:
        return None
    if presentation.session.examiners.filter(pk=user.pk).exists():
        return "examiner"
    role = (
        Assignment.objects.filter(enrolment_id=presentation.enrolment_id, user=user, role__in=["mentor", "coach"])
        .values_list("role", flat=True)
        .first()
    )
    return role


def scores_visible(user, presentation) -> bool:
    """The participant sees their own scores only after release; everyone else in scope always."""
    if presentation.enrolment.participant.user_id == user.pk:
        return presentation.released_at is not None
    return True


def can_chair(user, session) -> bool:
    return user.is_authenticated and (session.chair_id == user.pk or user.is_superuser)

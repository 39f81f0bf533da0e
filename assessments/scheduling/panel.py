"""A session's panel: its chair and examiners (SeminarSession.chair and .examiners), chosen from the
people who examine or coach for the organiser, earlier panels of its cohorts, and its staff."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from diklat.history import attribute
from diklat.models import Cohort, Enrolment, Organiser
from mentors.models import Assignment
from mentors.roles import Role
from people.models import User

from ..models import SeminarSession
from .announce import announce
from .locks import locked_sessions, refuse_if_locked


def panel_candidates(cohort: Cohort):
    """Who may sit on this cohort's panels: never one of its participants, never an inactive account."""
    organiser = cohort.organiser_id
    sessions = SeminarSession.objects.filter(seminar__cohort__organiser_id=organiser)
    return (
        User.objects.filter(
            Q(
                pk__in=Assignment.objects.filter(
                    enrolment__cohort__organiser_id=organiser, role__in=[Role.EXAMINER, Role.COACH]
                ).values("user")
            )
            | Q(pk__in=SeminarSession.examiners.through.objects.filter(seminarsession__in=sessions).values("user"))
            | Q(pk__in=sessions.values("chair"))
            | Q(pk__in=Organiser.staff.through.objects.filter(organiser_id=organiser).values("user"))
        )
        .filter(is_active=True)
        .exclude(pk__in=Enrolment.objects.filter(cohort=cohort).values("participant__user"))
        .order_by("full_name", "pk")
    )


@transaction.atomic
def set_panel(
    session: SeminarSession, *, chair: User, examiners: Iterable[User], by: User | None = None
) -> SeminarSession:
    """Seat the session's chair and examiners; they see the session in their schedule at once."""
    (session,) = locked_sessions(session.pk)
    refuse_if_locked(session)
    examiners = list(examiners)
    presenting = set(session.presentations.values_list("enrolment__participant__user", flat=True))
    if chair.pk in presenting:
        raise ValidationError({"chair": _("A participant presenting in the session cannot chair it.")})
    if any(examiner.pk in presenting for examiner in examiners):
        raise ValidationError({"examiners": _("A participant presenting in the session cannot examine it.")})
    if not examiners:
        raise ValidationError({"examiners": _("Choose at least one examiner.")})
    if session.chair_id != chair.pk:
        session.chair = chair
        attribute(session, by=by)
        session.save(update_fields=["chair"])
    session.examiners.set(examiners)
    announce(session.pk)
    return session

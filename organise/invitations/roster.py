"""Everyone a cohort involves, with their roles in it and their invitation: the invitations page's rows."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import SeminarSession
from diklat.models import Cohort
from mentors.models import Assignment
from organise.models import Invitation

from .tokens import lifetime

User = get_user_model()
ROLE_ORDER = [Invitation.Role.PARTICIPANT, Invitation.Role.MENTOR, Invitation.Role.COACH, Invitation.Role.EXAMINER]


@dataclass
class Person:
    user: object
    roles: set = field(default_factory=set)
    status: str = ""
    invitation: Invitation | None = None

    @property
    def main_role(self) -> str:
        return next(role for role in ROLE_ORDER if role in self.roles)

    @property
    def role_labels(self) -> list[str]:
        return [Invitation.Role(role).label for role in ROLE_ORDER if role in self.roles]

    @property
    def can_be_invited(self) -> bool:
        return self.status not in {Invitation.Status.JOINED, "has_password"} and bool(self.user.email)


def cohort_roles(cohort: Cohort) -> dict[int, set]:
    """{user id: roles in the cohort}: its participants, their mentors, coaches and examiners, the session panels."""
    roles: dict[int, set] = {}
    for user_id in cohort.enrolments.values_list("participant__user", flat=True):
        roles.setdefault(user_id, set()).add(Invitation.Role.PARTICIPANT)
    for user_id, role in Assignment.objects.filter(enrolment__cohort=cohort).values_list("user", "role"):
        roles.setdefault(user_id, set()).add(role)
    sessions = SeminarSession.objects.filter(seminar__cohort=cohort)
    for user_id in [*sessions.values_list("chair", flat=True), *sessions.values_list("examiners", flat=True)]:
        if user_id:
            roles.setdefault(user_id, set()).add(Invitation.Role.EXAMINER)
    return roles


def roster(cohort: Cohort) -> list[Person]:
    """The cohort's people in name order, each with a status: joined, invited, … or "has_password" already."""
    roles = cohort_roles(cohort)
    users = User.objects.filter(pk__in=roles).select_related("invitation").order_by("full_name", "username")
    now, valid = timezone.now(), lifetime()
    people = []
    for user in users:
        invitation = getattr(user, "invitation", None)
        if user.has_usable_password():  # through the link, or a password reset, or set before any invitation
            status = Invitation.Status.JOINED if invitation is not None else "has_password"
        else:
            status = invitation.status(now, valid) if invitation is not None else ""
        people.append(Person(user, roles[user.pk], status, invitation))
    return people

"""Who may see and do what: the one place pages, the API and the admin ask.

Visibility is expressed as Q objects built from EXISTS subqueries, so scoping a list never
duplicates rows nor adds a query per row:
- a participant sees their own enrolments and project;
- a mentor, coach or examiner sees the participants assigned to them;
- organiser staff see the cohorts their organiser runs, and everything in them;
- a superuser sees everything; anyone else sees nothing.
"""

from django.db.models import Exists, OuterRef, Q

NOTHING = Q(pk__in=[])


def _assigned(user, enrolment_ref: str) -> Exists:
    from mentors.models import Assignment

    return Exists(Assignment.objects.filter(enrolment=OuterRef(enrolment_ref), user=user))


def _staff_of(user, organiser_ref: str) -> Exists:
    from diklat.models import Organiser

    return Exists(Organiser.staff.through.objects.filter(organiser=OuterRef(organiser_ref), user=user))


def enrolment_scope(user, prefix: str = "") -> Q:
    """Filter for Enrolment rows (or rows reaching one through ``prefix``)."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    enrolment_ref = prefix.removesuffix("__") or "pk"
    return (
        Q(**{f"{prefix}participant__user": user})
        | Q(_assigned(user, enrolment_ref))
        | Q(_staff_of(user, f"{prefix}cohort__organiser"))
    )


def project_scope(user, prefix: str = "") -> Q:
    """Filter for ChangeProject rows (or rows reaching one through ``prefix``)."""
    return enrolment_scope(user, prefix=f"{prefix}enrolment__")


def participant_scope(user) -> Q:
    from diklat.models import Enrolment

    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    visible_enrolments = Enrolment.objects.filter(enrolment_scope(user), participant=OuterRef("pk"))
    return Q(user=user) | Q(Exists(visible_enrolments))


def cohort_scope(user) -> Q:
    from diklat.models import Enrolment

    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    visible_enrolments = Enrolment.objects.filter(enrolment_scope(user), cohort=OuterRef("pk"))
    return Q(_staff_of(user, "organiser")) | Q(Exists(visible_enrolments))


def assignment_scope(user) -> Q:
    return enrolment_scope(user, prefix="enrolment__")


def is_owner(user, project) -> bool:
    return user.is_authenticated and project.enrolment.participant.user_id == user.pk


def is_mentor(user, project) -> bool:
    from mentors.models import Assignment

    return (
        user.is_authenticated
        and Assignment.objects.filter(
            enrolment_id=project.enrolment_id, user=user, role=Assignment.Role.MENTOR
        ).exists()
    )


def is_organiser_staff(user, project) -> bool:
    return user.is_authenticated and project.enrolment.cohort.organiser.staff.filter(pk=user.pk).exists()


def can_edit_project(user, project) -> bool:
    """Only the participant edits their project (staff use the admin)."""
    return is_owner(user, project)


def can_review_project(user, project) -> bool:
    return user.is_superuser or is_mentor(user, project)

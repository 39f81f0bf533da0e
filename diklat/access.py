"""Who may see and do what in a training programme: the scope primitives and the checks.

Every app's QuerySet exposes ``visible_to(user)`` and builds it from the primitives here, so
pages, the API and the admin ask one place:
- a participant sees their own enrolments and project;
- a mentor, coach or examiner sees the participants assigned to them;
- organiser staff see the cohorts their organiser runs, and everything in them;
- provincial staff report on the projects and adoptions of their province's agencies;
- a superuser sees everything; anyone else sees nothing.

This module imports no models: it reaches a user's assignments, organisers and provinces
through the user's own relations, so the models of every app may use it and it needs none
of them. Each primitive is a Q of EXISTS subqueries, so scoping a list never duplicates rows
nor adds a query per row; ``prefix`` is the lookup from the scoped rows to the row the rule
is about, e.g. ``"project__"``.
"""

from django.db.models import Exists, OuterRef, Q

from mentors.roles import Role

NOTHING = Q(pk__in=[])


def assigned(user, enrolment_ref: str, roles=None) -> Q:
    """Rows whose enrolment (``enrolment_ref``, relative to the scoped rows) the user is assigned to."""
    assignments = user.assignments.filter(enrolment=OuterRef(enrolment_ref))
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return Q(Exists(assignments))


def organised(user, organiser_ref: str) -> Q:
    """Rows whose organiser (``organiser_ref``) has the user on its staff."""
    return Q(Exists(user.organisers.through.objects.filter(organiser=OuterRef(organiser_ref), user=user)))


def enrolment_scope(user, prefix: str = "") -> Q:
    """Filter for Enrolment rows (or rows reaching one through ``prefix``)."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    return (
        Q(**{f"{prefix}participant__user": user})
        | assigned(user, prefix.removesuffix("__") or "pk")
        | organised(user, f"{prefix}cohort__organiser")
    )


def project_scope(user, prefix: str = "") -> Q:
    """Filter for ChangeProject rows (or rows reaching one through ``prefix``)."""
    return enrolment_scope(user, prefix=f"{prefix}enrolment__")


def assignment_scope(user) -> Q:
    """Filter for Assignment rows: the panels of the enrolments the user may see."""
    return enrolment_scope(user, prefix="enrolment__")


def participant_scope(user) -> Q:
    """Filter for Participant rows: oneself, and the participants of the enrolments one may see."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    return (
        Q(user=user)
        | Q(Exists(user.assignments.filter(enrolment__participant=OuterRef("pk"))))
        | Q(Exists(user.organisers.filter(cohorts__enrolments__participant=OuterRef("pk"))))
    )


# --- reports and rollout ---------------------------------------------------------------------
# Provincial staff report on their province: every project carried out by an agency of the
# province (or of its regencies and cities), and every adoption by such an agency.


def in_reported_province(user, agency_ref: str) -> Q:
    """Rows whose agency (reached through ``agency_ref``) lies in a province the user reports on."""
    if not user.is_authenticated:
        return NOTHING
    provinces = user.provinces_reported.all()
    return Q(Exists(provinces.filter(province=OuterRef(f"{agency_ref}__government")))) | Q(
        Exists(provinces.filter(province=OuterRef(f"{agency_ref}__government__parent")))
    )


def report_project_scope(user, prefix: str = "") -> Q:
    """Projects a user may report on: those they may see, plus their province's for provincial staff."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    return project_scope(user, prefix) | in_reported_province(user, f"{prefix}agency")


# --- one project -------------------------------------------------------------------------------


def is_owner(user, project) -> bool:
    return user.is_authenticated and project.enrolment.participant.user_id == user.pk


def is_mentor(user, project) -> bool:
    return (
        user.is_authenticated and user.assignments.filter(enrolment_id=project.enrolment_id, role=Role.MENTOR).exists()
    )


def is_organiser_staff(user, project) -> bool:
    return user.is_authenticated and project.enrolment.cohort.organiser.staff.filter(pk=user.pk).exists()


def can_edit_project(user, project) -> bool:
    """Only the participant edits their project (staff use the admin)."""
    return is_owner(user, project)


def can_review_project(user, project) -> bool:
    """The mentor reviews; never the participant, even if wrongly assigned as their own mentor."""
    if is_owner(user, project):
        return False
    return user.is_superuser or is_mentor(user, project)

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
    """The mentor reviews; never the participant, even if wrongly assigned as their own mentor."""
    if is_owner(user, project):
        return False
    return user.is_superuser or is_mentor(user, project)


# --- reports and rollout ---------------------------------------------------------------------
# Provincial staff report on their province: every project carried out by an agency of the
# province (or of its regencies and cities), and every adoption by such an agency.


def in_reported_province(user, agency_ref: str) -> Q:
    """Rows whose agency (reached through ``agency_ref``) lies in a province the user reports on."""
    from people.models import ProvincialStaff

    if not user.is_authenticated:
        return NOTHING
    provinces = ProvincialStaff.objects.filter(user=user)
    return Q(Exists(provinces.filter(province=OuterRef(f"{agency_ref}__government")))) | Q(
        Exists(provinces.filter(province=OuterRef(f"{agency_ref}__government__parent")))
    )


def report_project_scope(user, prefix: str = "") -> Q:
    """Projects a user may report on: those they may see, plus their province's for provincial staff."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    return project_scope(user, prefix) | in_reported_province(user, f"{prefix}agency")


def reported_provinces(user):
    """The provinces a user reports on (all for a superuser)."""
    from regions.models import Region

    if user.is_authenticated and user.is_superuser:
        return Region.objects.filter(level=Region.Level.PROVINCE)
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.filter(reporting_staff__user=user)

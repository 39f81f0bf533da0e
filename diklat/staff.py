"""The admin permissions of organiser staff: one group, whose rows the admin then scopes to their cohorts."""

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Organiser staff"
# Organiser staff view, add and change these in the admin; the reference data they only view.
STAFF_PERMISSIONS = {
    "diklat": ["cohort", "cohortstage", "enrolment"],
    "people": ["participant", "user"],
    "regions": ["agency"],
    "mentors": ["assignment"],
    "projects": ["changeproject", "milestone", "progressupdate", "budgetline", "stakeholder", "risk", "teammember"],
    "records": ["letterhead"],
    "assessments": ["seminar", "seminarsession", "presentation"],
    "rollout": ["innovation", "rollouttarget", "adoption", "adoptionevidence"],
}
STAFF_VIEW_ONLY = {
    "diklat": ["programme", "ruleset", "organiser"],
    "regions": ["region", "agencykind"],
    "projects": ["evidence", "projecttransition"],
    "records": ["officialdocument"],
    # A seminar names its rubric; a session shows its events and absences; an innovation its stages.
    "assessments": [
        "rubric",
        "rubriccomponent",
        "rubricindicator",
        "leveldescriptor",
        "sessionevent",
        "sessionabsence",
    ],
    "rollout": ["innovationstagechange", "adoptionstagechange", "governmentaffair"],
}


def organiser_staff_group(using: str = "default") -> Group:
    """The group that gives organiser staff their admin permissions (their rows are scoped by the admin)."""
    group, _ = Group.objects.using(using).get_or_create(name=STAFF_GROUP)
    wanted = {
        f"{action}_{model}"
        for models in STAFF_PERMISSIONS.values()
        for model in models
        for action in ("view", "add", "change")
    } | {f"view_{model}" for models in STAFF_VIEW_ONLY.values() for model in models}
    apps = set(STAFF_PERMISSIONS) | set(STAFF_VIEW_ONLY)
    group.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label__in=apps, codename__in=wanted)
    )
    return group


def refresh_staff_group(sender, using="default", **kwargs):
    """After every migration: an existing group gains the permissions added to the lists above since.

    Connected to every app's post_migrate, because each app's permissions are created by its own."""
    if Group.objects.using(using).filter(name=STAFF_GROUP).exists():
        organiser_staff_group(using)

"""Landing: send each user to the page of their role; a superuser gets a start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

# A superuser's start page: (URL name, title, what is there).
START_LINKS = [
    ("organise:cohorts", _("Cohorts"), _("Set up and run cohorts: participants, invitations, panels, seminars.")),
    (
        "admin:index",
        _("Administration"),
        _("Programmes and rule sets, cohorts and participants, panels, rubrics and seminars."),
    ),
    (
        "reports:index",
        _("Reports"),
        _("Progress, seminars, feedback, budget and rollout across the cohorts, to view and download."),
    ),
    ("reports:my-province", _("Province dashboard"), _("The change projects and innovations of one province.")),
    (
        "admin:projects_changeproject_changelist",
        _("Change projects"),
        _("Every participant's project, its milestones, budget and progress."),
    ),
    ("assessments:day", _("Seminars"), _("The seminar sessions, today's first: panels, scores and minutes.")),
    ("assessments:feedback-list", _("Feedback given"), _("The examiners' feedback and how it is followed up.")),
    (
        "admin:rollout_innovation_changelist",
        _("Innovations"),
        _("The innovations grown from the projects, their rollout and adoptions."),
    ),
    ("api-docs", _("API documentation"), _("The REST API: its operations, fields and schema.")),
]


@login_required
def home(request):
    user = request.user
    if hasattr(user, "participant"):
        return redirect("projects:dashboard")
    if user.assignments.exists():
        return redirect("mentors:participants")
    if user.provinces_reported.exists():
        return redirect("reports:my-province")
    if user.organisers.exists():
        return redirect("organise:cohorts")
    if user.is_superuser:
        # Not the admin: its "view site" link comes back here, and would loop.
        return render(request, "home.html", {"links": START_LINKS})
    if user.is_staff:
        return redirect("admin:index")
    return redirect("projects:dashboard")

"""The pages of mentors, coaches and examiners: their participants, and the mentor's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat import access
from projects.forms import add_service_errors
from projects.models import ChangeProject, Milestone
from projects.plan_timeline import timeline_of
from projects.services.lifecycle import apply_transition

from .forms import ReviewForm
from .models import Assignment

PAGE_SIZE = 50

NO_PROJECT = "none"


def status_choices() -> list[tuple[str, str]]:
    return [("", gettext_lazy("All")), *ChangeProject.Status.choices, (NO_PROJECT, gettext_lazy("No project yet"))]


@login_required
def participants(request):
    """Every participant assigned to the user, submitted projects awaiting the mentor first."""
    user = request.user
    status = request.GET.get("status", "")
    awaiting = When(role=Assignment.Role.MENTOR, enrolment__project__status=ChangeProject.Status.SUBMITTED, then=0)
    assignments = (
        Assignment.objects.filter(user=user)
        .select_related("enrolment__participant__user", "enrolment__cohort__programme")
        .annotate(awaiting=Case(awaiting, default=Value(1), output_field=IntegerField()))
        .order_by(
            "awaiting",
            "-enrolment__cohort__year",
            "enrolment__cohort__number",
            "enrolment__participant__user__full_name",
            "role",
        )
    )
    if status == NO_PROJECT:
        assignments = assignments.filter(enrolment__project__isnull=True)
    elif status in ChangeProject.Status.values:
        assignments = assignments.filter(enrolment__project__status=status)
    else:
        status = ""
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    projects = ChangeProject.objects.visible_to(user).filter(enrolment__in=[a.enrolment_id for a in page])
    by_enrolment = {project.enrolment_id: project for project in projects.with_progress()}
    rows = [{"assignment": a, "project": by_enrolment.get(a.enrolment_id)} for a in page]
    return render(
        request,
        "mentors/participants.html",
        {
            "rows": rows,
            "page": page,
            "status": status,
            "status_choices": status_choices(),
            "awaiting_count": assignments.filter(awaiting=0).count()
            if page.paginator.num_pages > 1
            else sum(1 for row in rows if row["assignment"].awaiting == 0),
        },
    )


@login_required
def review(request, pk):
    """Show a project to its panel; the mentor approves it or returns it with a comment."""
    user = request.user
    project = get_object_or_404(
        ChangeProject.objects.visible_to(user).for_lists().select_related("enrolment__cohort__organiser"), pk=pk
    )
    can_review = access.can_review_project(user, project)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied(_("Only the mentor can approve or return a project."))
        decision = request.POST.get("decision")
        if form.is_valid():
            if decision not in ReviewForm.DECISIONS:
                form.add_error(None, _("Choose whether to approve or return the project."))
            else:
                try:
                    apply_transition(project, decision, by=user, comment=form.cleaned_data["comment"])
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    message = (
                        _("The project has been approved.")
                        if decision == "approve"
                        else _("The project has been returned to the participant.")
                    )
                    messages.success(request, message)
                    return redirect("mentors:participants")
    milestones = list(project.milestones.all())
    context = {
        "project": project,
        "form": form,
        "can_decide": can_review and project.status == ChangeProject.Status.SUBMITTED,
        "horizons": [
            {"label": h.label, "milestones": [m for m in milestones if m.horizon == h.value]} for h in Milestone.Horizon
        ],
        "roles": Assignment.objects.filter(enrolment_id=project.enrolment_id, user=user),
        "timeline": timeline_of(project, milestones, timezone.localdate()),
    }
    return render(request, "mentors/review.html", context)

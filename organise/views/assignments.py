"""Mentors, coaches and examiners for many participants at once, with each one's suggested mentor."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from diklat.models import Enrolment
from mentors import services
from mentors.models import Assignment
from mentors.roles import Role

from ..access import cohort_page
from ..forms.assignments import AssignmentFilterForm, BulkAssignForm, TickedForm

PER_PAGE = 50


def _enrolments(cohort):
    return (
        cohort.enrolments.filter(status=Enrolment.Status.ACTIVE)
        .select_related("participant__user", "participant__agency__government", "participant__agency__head")
        .prefetch_related(Prefetch("assignments", Assignment.objects.select_related("user").order_by("role", "pk")))
        .order_by("participant__user__full_name", "pk")
    )


def _narrow(enrolments, form: AssignmentFilterForm):
    if not form.is_valid():
        return enrolments
    if text := form.cleaned_data["q"].strip():
        enrolments = enrolments.filter(
            Q(participant__user__full_name__icontains=text)
            | Q(participant__nip__contains=text.replace(" ", ""))
            | Q(participant__agency__name__icontains=text)
            | Q(participant__agency__short_name__icontains=text)
        )
    if role := form.cleaned_data["missing"]:
        has_role = Assignment.objects.filter(enrolment=OuterRef("pk"), role=role)
        enrolments = enrolments.filter(~Exists(has_role))
    return enrolments


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def assignments(request, cohort):
    """The cohort's participants with their panel; assign one person to the ticked ones."""
    enrolments = _enrolments(cohort)
    form = BulkAssignForm(enrolment_ids=[])
    status = 200
    if request.method == "POST":
        form = BulkAssignForm(request.POST, enrolment_ids=enrolments.values_list("pk", flat=True))
        if form.is_valid():
            data = form.cleaned_data
            chosen = enrolments.filter(pk__in=data["enrolments"])
            done = services.assign(chosen, data["person"], data["role"], position=data["position"])
            _report(request, done, data["person"], Role(data["role"]).label)
            return redirect(f"{reverse('organise:assignments', args=[cohort.pk])}?{request.GET.urlencode()}")
        status = 400
    filters = AssignmentFilterForm(request.GET)
    page = Paginator(_narrow(enrolments, filters), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    suggestions = services.suggested_mentors(
        [e for e in rows if not any(a.role == Role.MENTOR for a in e.assignments.all())]
    )
    context = {
        "cohort": cohort,
        "form": form,
        "filters": filters,
        "page": page,
        "rows": [_row(enrolment, suggestions.get(enrolment.pk)) for enrolment in rows],
        "suggested": len(suggestions),
        "known_people": _known_people(cohort),
        "ticked": {int(pk) for pk in request.POST.getlist("enrolments") if pk.isdigit()},
    }
    return render(request, "organise/assignments.html", context, status=status)


@require_POST
@cohort_page
def accept_suggestions(request, cohort):
    """Make the suggested mentor (the agency's head) the mentor of each ticked participant who has none."""
    enrolments = _enrolments(cohort)
    form = TickedForm(request.POST, enrolment_ids=enrolments.values_list("pk", flat=True))
    if not form.is_valid():
        messages.error(request, form.errors["enrolments"][0])
    else:
        chosen = enrolments.filter(pk__in=form.cleaned_data["enrolments"]).exclude(assignments__role=Role.MENTOR)
        suggestions = services.suggested_mentors(chosen)
        by_head: dict = {}
        for enrolment in chosen:
            if enrolment.pk in suggestions:
                by_head.setdefault(suggestions[enrolment.pk], []).append(enrolment)
        for head, group in by_head.items():
            services.assign(
                group,
                head,
                Role.MENTOR,
                position=_("Head of %(agency)s") % {"agency": group[0].participant.agency.name},
            )
        count = sum(len(group) for group in by_head.values())
        messages.success(request, _("Suggested mentors assigned: %(count)d.") % {"count": count})
    return redirect(f"{reverse('organise:assignments', args=[cohort.pk])}?{request.GET.urlencode()}")


@require_POST
@cohort_page
def remove_assignment(request, cohort, assignment_pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("user", "enrolment__participant__user"),
        pk=assignment_pk,
        enrolment__cohort=cohort,
    )
    services.unassign(assignment)
    messages.success(
        request,
        _("%(person)s is no longer %(role)s of %(participant)s.")
        % {
            "person": assignment.user,
            "role": assignment.get_role_display().lower(),
            "participant": assignment.enrolment.participant,
        },
    )
    return redirect(f"{reverse('organise:assignments', args=[cohort.pk])}?{request.GET.urlencode()}")


def _row(enrolment, suggestion) -> dict:
    panel = {role: [] for role in Role.values}
    for assignment in enrolment.assignments.all():
        panel[assignment.role].append(assignment)
    return {"enrolment": enrolment, "panel": panel, "suggestion": suggestion}


def _report(request, done: services.Assigned, person, role: str) -> None:
    messages.success(
        request,
        _("%(person)s as %(role)s: %(added)d added, %(replaced)d replaced, %(already)d already assigned.")
        % {
            "person": person,
            "role": role.lower(),
            "added": done.added,
            "replaced": done.replaced,
            "already": done.already,
        },
    )
    if done.refused:
        messages.error(
            request,
            _("Not assigned to themselves: %(names)s.") % {"names": ", ".join(done.refused)},
        )


def _known_people(cohort):
    """The people the datalist offers: those already on the cohort's panels, and its agencies' heads."""
    assigned = Assignment.objects.filter(enrolment__cohort=cohort).values("user")
    heads = cohort.enrolments.values("participant__agency__head")
    return get_user_model().objects.filter(Q(pk__in=assigned) | Q(pk__in=heads)).order_by("full_name")[:200]

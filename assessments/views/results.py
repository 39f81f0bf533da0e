"""The participant's page: their released seminar results and the feedback they must act on."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render
from django.utils import timezone

from ..models import Classification, FeedbackItem, Presentation, Score
from ..results import results_for
from .common import host_time, session_start
from .sessions import label_roles

TO_ACT_ON = (
    FeedbackItem.Status.OPEN,
    FeedbackItem.Status.ACCEPTED,
    FeedbackItem.Status.IN_PROGRESS,
    FeedbackItem.Status.REJECTED,
)


def overdue_first(items, today=None):
    """Order feedback items overdue first, then by due date (in SQL)."""
    today = today or timezone.localdate()
    overdue = When(due_date__lt=today, then=Value(0))
    return items.annotate(overdue_rank=Case(overdue, default=Value(1), output_field=IntegerField())).order_by(
        "overdue_rank", "due_date", "pk"
    )


@login_required
def my_results(request):
    """Each of the participant's presentations: the result once released, else "not yet released"."""
    user = request.user
    presentations = list(
        Presentation.objects.filter(enrolment__participant__user=user)
        .select_related(
            "session__seminar__rubric",
            "session__seminar__cohort__organiser__region",
            "session__seminar__cohort__programme",
            "enrolment__project",
        )
        .order_by("-session__seminar__starts_at", "pk")
    )
    released = [p for p in presentations if p.released_at is not None]
    results = {}
    by_rubric: dict[int, list] = {}
    for presentation in released:
        by_rubric.setdefault(presentation.session.seminar.rubric_id, []).append(presentation)
    for group in by_rubric.values():  # one group per seminar: a participant presents once in each
        results.update(results_for(group))
    remarks: dict[int, list] = {}
    for score in (
        Score.objects.filter(presentation__in=released)
        .exclude(remark="")
        .select_related("indicator")
        .order_by("presentation", "indicator__component__order", "indicator__order", "role")
    ):
        remarks.setdefault(score.presentation_id, []).append(score)
    verdicts: dict[int, list] = {}
    for verdict in Classification.objects.filter(presentation__in=released):
        verdicts.setdefault(verdict.presentation_id, []).append(verdict)
    rows = []
    for presentation in presentations:
        try:
            project = presentation.enrolment.project
        except ObjectDoesNotExist:
            project = None
        rows.append(
            {
                "presentation": presentation,
                "seminar": presentation.session.seminar,
                "project": project,
                "local_start": session_start(presentation.session),
                "released": host_time(presentation.released_at, presentation.session.seminar.cohort.organiser),
                "result": label_roles(results[presentation.pk]) if presentation.pk in results else None,
                "remarks": remarks.get(presentation.pk, []),
                "verdicts": verdicts.get(presentation.pk, []),
            }
        )
    today = timezone.localdate()
    feedback = overdue_first(
        FeedbackItem.objects.filter(project__enrolment__participant__user=user, status__in=TO_ACT_ON)
        .select_related("project", "given_by", "milestone", "budget")
        .prefetch_related("budget__budget_lines"),
        today,
    )
    return render(
        request,
        "assessments/my_results.html",
        {"rows": rows, "feedback": list(feedback), "today": today},
    )

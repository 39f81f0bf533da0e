"""The report figures, one module per report, all aggregated in SQL from querysets scoped to the user.

Every function takes a validated ``ReportFilterForm`` (its ``user`` is the reader) and runs a
fixed number of queries whatever the number of rows: the querysets start from what the user
may report on (``access.report_project_scope`` and the ``visible_to`` querysets) and are then
narrowed by ``form.narrow``.
"""

from collections.abc import Callable

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat import access
from diklat.models.programmes import roman


def projects(form):
    """Change projects the reader may report on, narrowed by the filters."""
    from projects.models import ChangeProject

    return form.narrow(ChangeProject.objects.filter(access.report_project_scope(form.user)))


def milestones(form):
    from projects.models import Milestone

    return form.narrow(Milestone.objects.filter(access.report_project_scope(form.user, "project__")), "project__")


def feedback_items(form):
    """Feedback the reader may see, plus that of the projects of the province they report on."""
    from assessments.models import FeedbackItem

    visible = FeedbackItem.objects.visible_to(form.user)
    reported = FeedbackItem.objects.filter(access.report_project_scope(form.user, "project__"))
    return form.narrow(visible | reported, "project__")


def presentations(form):
    from assessments.models import Presentation

    return form.narrow(
        Presentation.objects.filter(access.report_project_scope(form.user, "enrolment__project__")),
        "enrolment__project__",
    )


def innovations(form):
    from rollout.models import Innovation

    return form.narrow(Innovation.objects.visible_to(form.user), "project__")


def adoptions(form):
    from rollout.models import Adoption

    return form.narrow(Adoption.objects.visible_to(form.user), "innovation__project__")


def today():
    return timezone.localdate()


def count_of(queryset, outer_field: str) -> Coalesce:
    """A correlated COUNT(*) subquery: rows of ``queryset`` whose ``outer_field`` is the outer row (0 if none)."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def memo(form, key: str, compute: Callable):
    """Compute a figure once per form: a page asking several tables of one base runs its queries once."""
    cache = form.__dict__.setdefault("_report_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def cohort_label(programme: str, number: int, year: int) -> str:
    """The cohort's name as ``Cohort.__str__`` prints it, from values fetched with the rows."""
    return _("%(programme)s Cohort %(number)s of %(year)s") % {
        "programme": programme,
        "number": roman(number),
        "year": year,
    }


def percent(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None

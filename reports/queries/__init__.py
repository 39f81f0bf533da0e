"""The report figures, one module per report, all aggregated in SQL from querysets scoped to the user.

Every function takes a validated ``ReportFilterForm`` (its ``user`` is the reader) and runs a
fixed number of queries whatever the number of rows: the querysets start from what the user
may report on (the querysets' ``reportable_by`` and ``visible_to``) and are then
narrowed by ``form.narrow`` — except the rollout figures, where the area filters choose the
adopting agency rather than the innovation's own (``adoptions`` and ``innovations`` below).
"""

from collections.abc import Callable

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import FeedbackItem, Presentation
from diklat import access
from diklat.models import roman
from projects.models import ChangeProject, Milestone
from rollout.models import Adoption, Innovation


def base(form, key: str, build: Callable):
    """A base queryset built once per form and handed out as a fresh clone.

    Building one resolves the reader's scope, a UNION of subqueries, into the query; a page of
    five tables on one base paid that five times, a third of a provincial report's time.
    """
    return memo(form, f"base:{key}", build).all()


def reach(form, queryset, scope: str = "reportable_by"):
    """``queryset`` held to what the reader may report on (its ``scope`` method), unless the filters'
    area already lies inside that: provincial staff reading their own province, a superuser."""
    return queryset if form.area_within_scope else getattr(queryset, scope)(form.user)


def projects(form):
    """Change projects the reader may report on, narrowed by the filters."""
    return base(form, "projects", lambda: form.narrow(reach(form, ChangeProject.objects.all())))


def milestones(form):
    return base(form, "milestones", lambda: form.narrow(reach(form, Milestone.objects.all()), "project__"))


def feedback_items(form):
    """Feedback the reader may see, plus that of the projects of the province they report on."""
    return base(form, "feedback", lambda: form.narrow(reach(form, FeedbackItem.objects.all()), "project__"))


def presentations(form):
    """Presentations whose results were released: reports never show a running, unreleased result."""
    return base(
        form,
        "presentations",
        lambda: form.narrow(reach(form, Presentation.objects.released()), "enrolment__project__"),
    )


def adoptions(form):
    return base(form, "adoptions", lambda: _adoptions(form))


def _adoptions(form):
    """Adoptions the reader may see: of innovations from the chosen cohort etc., by agencies in the chosen area.

    Programme, cohort and year choose the innovations by the cohort of their project; province,
    regional government and agency choose the adopting agency (for provincial staff held to
    their province: the agencies of their province).
    """
    queryset = form.narrow_origin(reach(form, Adoption.objects.all(), "visible_to"), "innovation__project__")
    area = form.in_area("agency")
    return queryset if area is None else queryset.filter(area)


def innovations(form):
    return base(form, "innovations", lambda: _innovations(form))


def _innovations(form):
    """Innovations of the chosen cohort etc.; with an area, those that come from it or are adopted in it.

    An innovation from elsewhere counts through an adoption in the area that the reader may see.
    """
    queryset = form.narrow_origin(Innovation.objects.all(), "project__")
    visible = Q() if form.area_within_scope else access.report_project_scope(form.user, "project__")
    area = form.in_area("agency")
    if area is None:
        return queryset.filter(visible)
    adopted_here = reach(form, Adoption.objects.all(), "visible_to").filter(area, innovation=OuterRef("pk"))
    from_here = form.in_area("project__agency")
    return queryset.filter((visible & from_here) | Q(Exists(adopted_here)))


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

"""Where the raw lists of participants and scores start: rules that no queryset method carries."""

from django.db.models import Q

from assessments import access as assessments_access
from diklat import access
from diklat.models import Enrolment

from .filters import ReportFilterForm


def enrolments(form: ReportFilterForm):
    """Enrolments the reader may see, plus those of the province they report on, narrowed by the filters."""
    user = form.user
    scope = access.enrolment_scope(user)
    if not user.is_superuser:
        scope |= access.in_reported_province(user, "participant__agency")
    return _narrow_enrolments(form, Enrolment.objects.filter(scope))


def _narrow_enrolments(form: ReportFilterForm, queryset):
    """Apply the filters to enrolments: the cohort's programme and year, the participant's agency."""
    chosen = form.selected()
    lookups = {
        "programme": "cohort__programme",
        "cohort": "cohort",
        "year": "cohort__year",
        "government": "participant__agency__government",
        "agency": "participant__agency",
    }
    queryset = queryset.filter(**{lookups[name]: value for name, value in chosen.items() if name in lookups})
    province = chosen.get("province")
    if province is not None:
        return queryset.filter(
            Q(participant__agency__government=province) | Q(participant__agency__government__parent=province)
        )
    if not form.user.is_superuser and form._is_provincial_only():
        return queryset.filter(access.in_reported_province(form.user, "participant__agency"))
    return queryset


def presentation_scope(user) -> Q:
    """Presentations whose scores the user may read: a participant their own only once released."""
    if not user.is_authenticated or user.is_superuser:
        return assessments_access.presentation_scope(user)
    own = Q(enrolment__participant__user=user)
    released = Q(released_at__isnull=False)
    return (
        (assessments_access.presentation_scope(user) & ~own)
        | (own & released)
        | (access.in_reported_province(user, "enrolment__project__agency") & released)
    )

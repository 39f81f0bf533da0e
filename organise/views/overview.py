"""The cohort overview: who is falling behind, filtered, sorted and paginated, and its downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reports.exports import WRITERS, bad_request, file_name

from .. import overview as figures
from ..access import cohort_page
from ..forms.overview import InactivityDaysForm, OverviewFilterForm
from ..overview_table import overview_table

PER_PAGE = 50


def _rows(cohort, form: OverviewFilterForm) -> list[figures.Row]:
    """The cohort's rows with the form's filters and order; every row, in name order, when it is invalid."""
    rows = figures.build_rows(cohort)
    if not form.is_valid():
        return figures.sort_rows(rows)
    return figures.sort_rows(figures.narrow(rows, **form.filters()), form.order())


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def overview(request, cohort):
    """Every participant with progress per horizon, what is overdue, when they last posted and their results."""
    status = 200
    inactivity_form = InactivityDaysForm(initial={"inactivity_days": cohort.inactivity_days})
    if request.method == "POST":
        inactivity_form = InactivityDaysForm(request.POST)
        if inactivity_form.is_valid():
            try:
                figures.set_inactivity_days(cohort, inactivity_form.cleaned_data["inactivity_days"])
            except ValidationError as error:
                inactivity_form.add_error("inactivity_days", error.messages)
            else:
                messages.success(
                    request,
                    _("Participants are now flagged after %(days)s days without a post.")
                    % {"days": cohort.inactivity_days},
                )
                url = reverse("organise:overview", args=[cohort.pk])
                return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
        status = 400
    form = OverviewFilterForm(request.GET)
    rows = _rows(cohort, form)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "form": form,
        "inactivity_form": inactivity_form,
        "page": page,
        "total": len(rows),
        "flagged": sum(row.flagged for row in rows),
        "today": figures.cohort_today(cohort),
    }
    return render(request, "organise/overview.html", context, status=status)


@require_GET
@cohort_page
def overview_export(request, cohort):
    """The overview's rows with the page's filters and order, as ``?format=csv`` or ``xlsx``."""
    formats = request.GET.getlist("format")
    if len(formats) > 1:
        return bad_request(_("Give the format once: csv or xlsx."))
    extension = formats[0] if formats else "xlsx"
    if extension not in WRITERS:
        return bad_request(_("Unknown format “%(format)s”: choose csv or xlsx.") % {"format": extension})
    form = OverviewFilterForm(request.GET)
    if not form.is_valid():
        lines = [
            f"{form.fields[field].label if field in form.fields else _('Filters')}: {message}"
            for field, errors in form.errors.items()
            for message in errors
        ]
        return bad_request("\n".join(lines))
    table = overview_table(cohort, _rows(cohort, form))
    return WRITERS[extension](table, file_name(table, extension))

"""The participant import: upload a spreadsheet, see each row's errors, fix, skip, commit, revert."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..access import cohort_page
from ..forms.imports import ChooseAgencyForm, ImportFileForm, NewAgencyForm, RowsForm
from ..imports import batches, commit, summary
from ..imports.template import template_xlsx
from ..models import ImportBatch

ROWS_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def import_list(request, cohort):
    """The cohort's import batches, and the form to upload a new file."""
    form = ImportFileForm()
    status = 200
    if request.method == "POST":
        form = ImportFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = batches.create_batch(cohort, upload.name, upload.read(), by=request.user)
            except ValidationError as error:
                form.add_error("file", _file_errors(error))
            else:
                return redirect(_batch_url(batch))
        status = 400
    imports = cohort.import_batches.select_related("created_by").with_counts()
    context = {"cohort": cohort, "form": form, "batches": imports}
    return render(request, "organise/import_list.html", context, status=status)


@require_GET
@cohort_page
def import_template(request, cohort):
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-peserta.xlsx"'
    return response


@require_GET
@cohort_page
def import_batch(request, cohort, batch_pk):
    return _batch_page(request, _batch_of(cohort, batch_pk))


@require_POST
@cohort_page
def import_replace(request, cohort, batch_pk):
    """A corrected file for the batch: its rows are checked again; the rows skipped before stay skipped."""
    batch = _batch_of(cohort, batch_pk)
    form = ImportFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batches.replace_file(batch, upload.name, upload.read())
        except ValidationError as error:
            form.add_error("file", _file_errors(error))
        else:
            messages.success(request, _("The corrected file replaced the rows; every row was checked again."))
            return redirect(_batch_url(batch))
    return _batch_page(request, batch, file_form=form, status=400)


@require_POST
@cohort_page
def import_rows(request, cohort, batch_pk):
    """Skip the ticked rows, or take them back."""
    batch = _batch_of(cohort, batch_pk)
    form = RowsForm(request.POST, lines=batch.rows.values_list("line", flat=True))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error[0])
        return redirect(_batch_url(batch, request.POST.get("show")))
    skip = form.cleaned_data["skip"]
    _do(request, lambda: batches.set_skipped(batch, form.cleaned_data["lines"], skip), _skipped_message(skip))
    return redirect(_batch_url(batch, request.POST.get("show")))


@require_POST
@cohort_page
def import_choose_agency(request, cohort, batch_pk):
    """Take one of the closest known agencies for a row."""
    batch = _batch_of(cohort, batch_pk)
    form = ChooseAgencyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the agencies offered for this row."))
    else:
        line, agency = form.cleaned_data["line"], form.cleaned_data["agency"]
        _do(
            request,
            lambda: batches.choose_agency(batch, line, agency),
            _("Row %(line)d now names a known agency; the rows were checked again.") % {"line": line},
        )
    return redirect(_batch_url(batch, request.POST.get("show")))


@require_POST
@cohort_page
def import_new_agency(request, cohort, batch_pk):
    """Add an agency the file names and the database lacks."""
    batch = _batch_of(cohort, batch_pk)
    prefix = request.POST.get("prefix", "")
    form = NewAgencyForm(request.POST, prefix=prefix if re.fullmatch(r"new\d{1,4}", prefix) else "new0")
    if form.is_valid():
        try:
            agency = batches.create_agency(batch, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(agency)s was added; the rows were checked again.") % {"agency": agency})
            return redirect(_batch_url(batch))
    return _batch_page(request, batch, agency_form=form, status=400)


@require_POST
@cohort_page
def import_commit(request, cohort, batch_pk):
    batch = _batch_of(cohort, batch_pk)
    try:
        done = commit.commit_batch(batch, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)d participants were enrolled; new accounts: %(accounts)d, invited by e-mail: %(invited)d.")
            % {"count": done.enrolled, "accounts": len(done.new_accounts), "invited": done.invited},
        )
    return redirect(_batch_url(batch))


@require_POST
@cohort_page
def import_revert(request, cohort, batch_pk):
    batch = _batch_of(cohort, batch_pk)
    try:
        undone = commit.revert_batch(batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The batch was reverted: %(count)d enrolments undone.") % {"count": undone})
    return redirect(_batch_url(batch))


def _batch_page(request, batch, *, file_form=None, agency_form=None, status=200):
    counts = summary.counts_of(batch)
    shown = request.GET.get("show")
    if shown not in summary.SHOWN:
        shown = summary.default_shown(counts)
    page = Paginator(summary.rows_shown(batch, shown), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    unknown = batches.unknown_agencies(batch) if batch.is_open and counts.failing else []
    context = {
        "cohort": batch.cohort,
        "batch": batch,
        "counts": counts,
        "shown": shown,
        "tabs": summary.SHOWN,
        "page": page,
        "rows": summary.shown_rows(page.object_list),
        "file_form": file_form or ImportFileForm(),
        "unknown": [(agency, _agency_form(agency, index, agency_form)) for index, agency in enumerate(unknown)],
        "agency_form_open": agency_form is not None,
        "built_on": commit.built_on(batch) if batch.status == ImportBatch.Status.COMMITTED else [],
    }
    return render(request, "organise/import_batch.html", context, status=status)


def _agency_form(agency, index, bound):
    prefix = f"new{index}"
    if bound is not None and bound.prefix == prefix:
        return bound
    return NewAgencyForm(prefix=prefix, initial={"name": agency.name, "government": agency.government.pk})


def _batch_of(cohort, batch_pk) -> ImportBatch:
    return get_object_or_404(cohort.import_batches.select_related("cohort__programme"), pk=batch_pk)


def _batch_url(batch, shown=None) -> str:
    url = reverse("organise:import", args=[batch.cohort_id, batch.pk])
    return f"{url}?show={shown}" if shown in summary.SHOWN else url


def _do(request, action, success: str) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def _skipped_message(skip: bool) -> str:
    return _("The rows are skipped: the commit leaves them out.") if skip else _("The rows are taken back.")


def _file_errors(error: ValidationError) -> list[str]:
    return error.message_dict.get("file", error.messages) if hasattr(error, "error_dict") else error.messages

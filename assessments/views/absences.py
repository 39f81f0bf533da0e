"""The chair records an absence or a participant who did not present, and withdraws one, from the session page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms import add_service_errors

from ..absences import record_absence, withdraw_absence
from ..completeness import panel_of
from ..forms import AbsenceForm
from .common import refusal_of
from .sessions import _chaired_session, _render_session


@login_required
@require_POST
def absence(request, pk):
    session = _chaired_session(request.user, pk)
    form = AbsenceForm(request.POST, panel=panel_of(session))
    if form.is_valid():
        try:
            record_absence(session, by=request.user, reason=form.cleaned_data["reason"], **form.absence())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The absence is recorded."))
            return redirect(f"{session.get_absolute_url()}#missing")
    refusal = refusal_of(_("The absence is not recorded:"), form, anchor="absence-form")
    return _render_session(request, session, absence_form=form, refusal=refusal, status=400)


@login_required
@require_POST
def absence_withdraw(request, pk, absence_pk):
    """The chair withdraws a recorded absence (confirmed on the page), while the session is open."""
    session = _chaired_session(request.user, pk)
    absence = get_object_or_404(session.absences, pk=absence_pk)
    try:
        withdraw_absence(absence, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The absence is withdrawn."))
    return redirect(f"{session.get_absolute_url()}#missing")

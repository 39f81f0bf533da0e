"""The chair records an absence or a participant who did not present, from the session page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.forms import add_service_errors

from ..absences import record_absence
from ..completeness import panel_of
from ..forms import AbsenceForm
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
    return _render_session(request, session, absence_form=form, status=400)

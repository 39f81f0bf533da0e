"""An event's reports to download as CSV or XLSX: for the organiser's staff of that event only."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.exports import WRITERS, bad_request, file_name

from .access import may_manage
from .models import Event
from .report_tables import TABLES


@login_required
@require_GET
def export(request, event_pk: int, table: str):
    """Download one of the event's tables as ``?format=csv`` or ``xlsx`` (the default)."""
    event = get_object_or_404(Event.objects.visible_to(request.user).select_related("organiser"), pk=event_pk)
    if not may_manage(request.user, event):
        raise PermissionDenied
    if table not in TABLES:
        raise Http404(_("There is no such report table."))
    formats = request.GET.getlist("format") or ["xlsx"]
    if len(formats) > 1:
        return bad_request(_("Give the format once: csv or xlsx."))
    if formats[0] not in WRITERS:
        return bad_request(_("Unknown format “%(format)s”: choose csv or xlsx.") % {"format": formats[0]})
    report_table = TABLES[table](event)
    return WRITERS[formats[0]](report_table, file_name(report_table, formats[0]))

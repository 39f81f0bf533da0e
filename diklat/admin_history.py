"""The change history of a row in the admin (django-simple-history), within the admin's scoping."""

from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """Show a row's history to staff who may see the row, and only to them; never revert from here.

    SimpleHistoryAdmin falls back to the historical rows when the live row is outside the admin's
    queryset, and its version page saves a posted form past the services: both are closed here.
    Superusers also see the history of rows since deleted.
    """

    history_list_display = ["history_change_reason"]

    def _require_visible(self, request, object_id) -> None:
        if request.user.is_superuser and str(object_id).isdigit() and len(str(object_id)) < 19:
            return
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        self._require_visible(request, object_id)
        if not (str(version_id).isdigit() and len(str(version_id)) < 19):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

"""Error responses: JSON under /api/ (what an API client can read), the site's pages elsewhere.

Django calls these for errors raised outside a DRF view (an unknown address, an exception DRF
passes on, a body past its limit); inside a DRF view diklat.api_errors answers first.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    if is_api(request):
        return json_error(_("Bad request."), 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if is_api(request):
        return json_error(str(exception or "") or _("You do not have permission to perform this action."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if is_api(request):
        return json_error(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return json_error(_("A server error occurred."), 500)
    return defaults.server_error(request)


def too_large(request, limit: int | None = None):
    """413: the body is larger than this kind of request may carry."""
    if limit is None:
        message = _("The request is too large.")
    else:
        message = _("The request is too large: the limit is %(limit)s.") % {"limit": filesizeformat(limit)}
    if is_api(request):
        return json_error(message, 413)
    return render(request, "413.html", {"message": message}, status=413)

"""Turn Django's ValidationError and PermissionDenied from services into DRF responses.

A service raises ``ValidationError({"field": [...]})`` or a plain ``ValidationError("...")``;
the client gets 400 with the same field names, the plain ones (and a model's ``__all__``)
under DRF's ``non_field_errors``. ``PermissionDenied`` becomes 403 with its message. A body that
Django refuses while DRF parses it (too many files or fields, too much data) is a 400 or 413
with a JSON detail rather than an HTML error page.
"""

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def validation_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    """Field errors keyed as DRF keys them."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    detail: dict[str, list[str]] = {}
    for field, messages in error.message_dict.items():
        key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
        detail.setdefault(key, []).extend(messages)
    return detail


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request is too large.")
    default_code = "payload_too_large"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, TooManyFilesSent | TooManyFieldsSent):
        exc = exceptions.ParseError(str(exc))
    return drf_exception_handler(exc, context)

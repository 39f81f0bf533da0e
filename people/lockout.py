"""What a locked-out client sees: django-axes calls lockout_response (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException


def cool_off_minutes(request=None) -> int:
    return max(1, int(get_cool_off(request).total_seconds()) // 60)


def lockout_message(request=None) -> str:
    return _(
        "Too many failed login attempts. Wait %(minutes)d minutes and try again, use “Forgot your password?”, "
        "or ask the programme staff to unlock your account."
    ) % {"minutes": cool_off_minutes(request)}


class LockedOut(APIException):
    """The API's answer to a locked-out account or address: 429 with the message and Retry-After."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, request=None):
        super().__init__(lockout_message(request))
        self.wait = cool_off_minutes(request) * 60  # DRF's exception handler sends it as Retry-After


def lockout_response(request, original_response=None, credentials=None):
    """The login page (or the admin's) after the failure that locked the account or address out."""
    response = render(
        request,
        "registration/locked_out.html",
        {"message": lockout_message(request), "minutes": cool_off_minutes(request)},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(cool_off_minutes(request) * 60)
    return response

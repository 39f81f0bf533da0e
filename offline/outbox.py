"""How a form page answers the phone's outbox (static/js/outbox.js), which sends what was written offline.

The outbox posts the very form the page shows, with the header ``X-Outbox: 1`` and a client id it made when
the form was filled in. It is answered in JSON instead of a page: where to go next once sent, or the form's
errors; the messages a page would show are queued for the page it opens next. Asked first (a GET with
``?delivered=<client id>``), a form says whether that id has arrived already, so that a phone which lost an
answer does not send its photos again."""

import uuid

from django.http import HttpRequest, JsonResponse

HEADER = "X-Outbox"


def from_outbox(request: HttpRequest) -> bool:
    return request.headers.get(HEADER) == "1"


def asked_delivered(request: HttpRequest) -> uuid.UUID | None:
    """The client id an outbox asks about (None for any other request, and for one that is not an id)."""
    if request.method != "GET" or not from_outbox(request):
        return None
    try:
        return uuid.UUID(request.GET.get("delivered", ""))
    except ValueError:
        return None


def delivered(location: str | None) -> JsonResponse:
    """The answer to ``?delivered=``: where the item is when it arrived, ``delivered: false`` when it did not."""
    return JsonResponse({"delivered": location is not None, "location": location})


def sent(location: str, *, created: bool) -> JsonResponse:
    """Accepted (201), or already there from an earlier try (200): either way the phone forgets it."""
    return JsonResponse({"created": created, "location": location}, status=201 if created else 200)


def refused(form) -> JsonResponse:
    """The form's errors, by field (``__all__`` for the rest), as the page would show them."""
    errors = {field: [error["message"] for error in items] for field, items in form.errors.get_json_data().items()}
    return JsonResponse({"errors": errors}, status=400)


def refused_with(message: str) -> JsonResponse:
    """Refused as a whole, not for one field (the project no longer takes updates, say)."""
    return JsonResponse({"errors": {"__all__": [message]}}, status=400)

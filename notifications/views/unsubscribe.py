"""The unsubscribe link of every e-mail: works without logging in, only for its own user and kind."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from people.models import User

from ..kinds import Kind
from ..links import read_unsubscribe_token
from ..services import unsubscribe as turn_off_email


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks, POST turns the e-mail off: a mail scanner that follows links changes nothing."""
    found = read_unsubscribe_token(token)
    if found is None or (found[1] and found[1] not in Kind.values):
        raise Http404
    user_id, kind = found
    if not User.objects.filter(pk=user_id, is_active=True).exists():
        raise Http404
    done = request.method == "POST"
    if done:
        turn_off_email(user_id, kind)
    return render(request, "notifications/unsubscribe.html", {"kind": Kind(kind).label if kind else "", "done": done})

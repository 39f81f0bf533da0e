"""The unsubscribe link of every e-mail: works without logging in, only for its own user and kind."""

from django.http import Http404
from django.shortcuts import render

from people.models import User

from ..kinds import Kind
from ..links import read_unsubscribe_token
from ..services import unsubscribe as turn_off_email


def unsubscribe(request, token):
    found = read_unsubscribe_token(token)
    if found is None or (found[1] and found[1] not in Kind.values):
        raise Http404
    user_id, kind = found
    if not User.objects.filter(pk=user_id, is_active=True).exists():
        raise Http404
    label = Kind(kind).label if kind else ""
    done = False
    if request.method == "POST":
        turn_off_email(user_id, kind)
        done = True
    return render(request, "notifications/unsubscribe.html", {"kind": label, "done": done})

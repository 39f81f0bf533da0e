"""Who may do what at an event: its organiser's staff manage it, its judges judge, its invitees take part.

Nobody sees another event: every page looks the event up among the user's own (404 otherwise).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Event


def may_manage(user, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or event.organiser.staff.filter(pk=user.pk).exists()


def may_judge(user, event: Event) -> bool:
    return may_manage(user, event) or event.judges.filter(pk=user.pk).exists()


def event_page(*, manage: bool = False, judge: bool = False):
    """A page about one event (``event_pk`` in the URL): 404 unless the user sees the event, 403 unless
    they may manage (or judge) it when the page asks for that."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(request, event_pk, *args, **kwargs):
            event = get_object_or_404(
                Event.objects.visible_to(request.user).select_related("organiser", "host_government"), pk=event_pk
            )
            request.may_manage = may_manage(request.user, event)
            request.may_judge = request.may_manage or event.judges.filter(pk=request.user.pk).exists()
            if manage and not request.may_manage:
                raise PermissionDenied
            if judge and not request.may_judge:
                raise PermissionDenied
            return view(request, event, *args, **kwargs)

        return guarded

    return decorate

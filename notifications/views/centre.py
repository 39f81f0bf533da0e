"""The notification centre: a user's own notifications, newest first; opened, marked read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Notification
from ..services import mark_read
from .common import back, is_local_path

PAGE_SIZE = 30


@login_required
def centre(request):
    own = Notification.objects.for_user(request.user)
    unread_only = request.GET.get("show") == "unread"
    shown = own.unread() if unread_only else own
    fields = ("pk", "kind", "title", "body", "link", "created_at", "read_at")
    page = Paginator(shown.only(*fields), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/centre.html",
        {"page": page, "unread_only": unread_only, "unread": own.unread().count()},
    )


@login_required
def open_notification(request, pk):
    """Mark it read and go where it points (only ever a path on this site)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if notification.read_at is None:
        mark_read(request.user, [notification.pk])
    if notification.link and is_local_path(notification.link):
        return redirect(notification.link)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_as_read(request):
    """Mark the posted notifications read, or all of them when the form says "all"."""
    if request.POST.get("all"):
        count = mark_read(request.user)
    else:
        values = request.POST.getlist("notification")
        ids = [int(value) for value in values if value.isascii() and value.isdigit() and len(value) < 12]
        count = mark_read(request.user, ids) if ids else 0
    if count:
        messages.success(request, _("Marked as read."))
    return back(request, "/notifications/", "notifications:centre")

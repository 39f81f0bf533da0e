"""The notification centre: a user's own notifications, opened, marked read; their preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import PreferencesForm
from ..models import Notification, NotificationSettings
from ..preferences import recipients
from ..services import mark_read, save_preferences

PAGE_SIZE = 30


@login_required
def centre(request):
    own = Notification.objects.for_user(request.user)
    unread_only = request.GET.get("show") == "unread"
    shown = own.unread() if unread_only else own
    page = Paginator(shown.only("pk", "kind", "title", "body", "link", "created_at", "read_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
    target = notification.link
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(target)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_as_read(request):
    ids = [int(value) for value in request.POST.getlist("notification") if value.isdigit()]
    count = mark_read(request.user, ids or None)
    if count:
        messages.success(request, _("Marked as read."))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/notifications/")
        else "notifications:centre"
    )


@login_required
def preferences(request):
    user = request.user
    person = recipients([user.pk]).get(user.pk)
    own = NotificationSettings.objects.filter(user=user).first()
    initial = {
        "mobile_phone": user.mobile_phone,
        "digest": bool(own and own.digest),
        "quiet_from": own.quiet_from if own else None,
        "quiet_until": own.quiet_until if own else None,
    }
    form = PreferencesForm(
        request.POST or None, initial=initial, turned_off=person.turned_off if person else frozenset()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_preferences(
            user,
            choices=form.choices(),
            digest=data["digest"],
            quiet_from=data["quiet_from"],
            quiet_until=data["quiet_until"],
            mobile_phone=data["mobile_phone"],
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "zone": person.zone if person else ""},
        status=400 if form.is_bound else 200,
    )

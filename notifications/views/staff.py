"""For organiser staff: what was sent to whom on their cohorts, with delivery status and failures; resend."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organise.access import organised_cohorts, organiser_staff_required

from ..kinds import Channel, Kind
from ..models import Delivery
from ..services import resend

PAGE_SIZE = 50


def _visible(user):
    deliveries = Delivery.objects.all()
    if user.is_superuser:
        return deliveries
    return deliveries.filter(notification__cohort__in=organised_cohorts(user))


@organiser_staff_required
def deliveries(request):
    shown = _visible(request.user).select_related("notification__recipient", "notification__cohort__programme")
    filters = {
        "channel": request.GET.get("channel", ""),
        "status": request.GET.get("status", ""),
        "kind": request.GET.get("kind", ""),
        "q": request.GET.get("q", "").strip()[:100],
    }
    if filters["channel"] in Channel.values:
        shown = shown.filter(channel=filters["channel"])
    if filters["status"] in Delivery.Status.values:
        shown = shown.filter(status=filters["status"])
    if filters["kind"] in Kind.values:
        shown = shown.filter(notification__kind=filters["kind"])
    if filters["q"]:
        text = filters["q"]
        shown = shown.filter(
            Q(address__icontains=text)
            | Q(notification__recipient__full_name__icontains=text)
            | Q(notification__recipient__username__icontains=text)
        )
    page = Paginator(shown.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/deliveries.html",
        {
            "page": page,
            "filters": filters,
            "channels": Channel.choices,
            "statuses": Delivery.Status.choices,
            "kinds": Kind.choices,
        },
    )


@organiser_staff_required
@require_POST
def resend_delivery(request, pk):
    delivery = get_object_or_404(_visible(request.user), pk=pk)
    if delivery.status in (Delivery.Status.SENDING, Delivery.Status.DIGEST):
        messages.error(request, _("This message is being sent or waits for the digest: it cannot be resent now."))
    else:
        resend(delivery)
        messages.success(request, _("Queued again: %(address)s.") % {"address": delivery.address})
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/notifications/sent/")
        else "notifications:deliveries"
    )

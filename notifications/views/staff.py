"""For organiser staff: what was sent to whom on their cohorts, with delivery status and failures; resend."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organise.access import organised_cohorts, organiser_staff_required

from ..forms import DeliveryFilterForm
from ..models import Delivery
from ..services import RESENDABLE, resend
from .common import back

PAGE_SIZE = 50


def _visible(user):
    """Deliveries of notifications about the cohorts the user organises; every one for a superuser."""
    deliveries = Delivery.objects.all()
    if user.is_superuser:
        return deliveries
    return deliveries.filter(notification__cohort__in=organised_cohorts(user))


def _filtered(deliveries, filters: dict[str, str]):
    if "channel" in filters:
        deliveries = deliveries.filter(channel=filters["channel"])
    if "status" in filters:
        deliveries = deliveries.filter(status=filters["status"])
    if "kind" in filters:
        deliveries = deliveries.filter(notification__kind=filters["kind"])
    if "q" in filters:
        text = filters["q"]
        deliveries = deliveries.filter(
            Q(address__icontains=text)
            | Q(notification__recipient__full_name__icontains=text)
            | Q(notification__recipient__username__icontains=text)
        )
    return deliveries


@organiser_staff_required
def deliveries(request):
    form = DeliveryFilterForm(request.GET)
    shown = _filtered(
        _visible(request.user).select_related("notification__recipient", "notification__cohort__programme"),
        form.filters(),
    )
    page = Paginator(shown.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/deliveries.html", {"page": page, "form": form, "resendable": RESENDABLE})


@organiser_staff_required
@require_POST
def resend_delivery(request, pk):
    delivery = get_object_or_404(_visible(request.user), pk=pk)
    if delivery.status in (Delivery.Status.SENDING, Delivery.Status.DIGEST):
        messages.error(request, _("This message is being sent or waits for the digest: it cannot be resent now."))
    elif delivery.status not in RESENDABLE:
        messages.info(request, _("This message is already waiting to be sent."))
    else:
        resend(delivery)
        messages.success(request, _("Queued again: %(address)s.") % {"address": delivery.address})
    return back(request, "/notifications/sent/", "notifications:deliveries")

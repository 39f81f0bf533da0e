"""A notification (or a day's digest) as an outgoing message, in Indonesian."""

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .channels.base import Outgoing
from .kinds import Channel
from .links import open_url, public_url, unsubscribe_url
from .models import Delivery, Digest, Notification


def outgoing(delivery: Delivery) -> Outgoing:
    notification = delivery.notification
    with translation.override(settings.LANGUAGE_CODE):  # Indonesian, whatever the sender's request was in
        link = open_url(notification.pk) if notification.link else ""
        unsubscribe = unsubscribe_url(notification.recipient_id, notification.kind)
        if delivery.channel == Channel.WHATSAPP:
            return Outgoing(
                to=delivery.address,
                subject=notification.title,
                text="\n\n".join(part for part in (notification.body, link) if part),
                reference=delivery.reference,
            )
        context = {
            "notification": notification,
            "link": link,
            "unsubscribe": unsubscribe,
            "preferences": public_url(reverse("notifications:preferences")),
        }
        return Outgoing(
            to=delivery.address,
            subject=notification.title,
            text=render_to_string("notifications/email/notification.txt", context),
            html=render_to_string("notifications/email/notification.html", context),
            reference=delivery.reference,
            unsubscribe_url=unsubscribe,
        )


def digest_outgoing(digest: Digest, address: str, notifications: Sequence[Notification]) -> Outgoing:
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Diklat Tracker: %(count)d notification today",
            "Diklat Tracker: %(count)d notifications today",
            len(notifications),
        ) % {"count": len(notifications)}
        items = [(n, open_url(n.pk) if n.link else "") for n in notifications]
        reference = f"diklat-digest-{digest.pk}"
        if digest.channel == Channel.WHATSAPP:
            lines = [f"• {n.title}" + (f"\n{link}" if link else "") for n, link in items]
            return Outgoing(to=address, subject=subject, text="\n".join(lines), reference=reference)
        unsubscribe = unsubscribe_url(digest.user_id, "")
        context = {
            "items": items,
            "day": digest.on,
            "unsubscribe": unsubscribe,
            "preferences": public_url(reverse("notifications:preferences")),
            "centre": public_url(reverse("notifications:centre")),
            "heading": _("Your notifications of the day"),
        }
        return Outgoing(
            to=address,
            subject=subject,
            text=render_to_string("notifications/email/digest.txt", context),
            html=render_to_string("notifications/email/digest.html", context),
            reference=reference,
            unsubscribe_url=unsubscribe,
        )

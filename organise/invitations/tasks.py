"""The invitation mail: rendered in Indonesian, sent through Django's mail backend, its outcome recorded."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organise.models import Invitation

from .tokens import invitation_tokens

logger = logging.getLogger(__name__)


def invitation_link(user) -> str:
    path = reverse(
        "invitation_accept",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    return settings.RECORDS_PUBLIC_URL.rstrip("/") + path


@task()
def send_invitations(invitation_ids: list[int]) -> int:
    """Mail each invitation still waiting; a failure is recorded on it, for staff to see and resend."""
    sent = 0
    waiting = Invitation.objects.filter(pk__in=invitation_ids, joined_at__isnull=True).select_related(
        "user", "cohort", "invited_by"
    )
    for invitation in waiting:
        try:
            _send(invitation)
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("invitation to user %s not delivered: %s", invitation.user_id, error)
            Invitation.objects.filter(pk=invitation.pk).update(send_error=str(error)[:300] or error.__class__.__name__)
        else:
            sent += 1
            Invitation.objects.filter(pk=invitation.pk).update(
                sent_at=timezone.now(), times_sent=invitation.times_sent + 1, send_error=""
            )
    return sent


def _send(invitation: Invitation) -> None:
    user = invitation.user
    with translation.override(settings.LANGUAGE_CODE):  # Indonesian: the mail goes before anyone picked a language
        context = {
            "user": user,
            "invitation": invitation,
            "link": invitation_link(user),
            "valid_days": settings.INVITATION_VALID_DAYS,
            "login_url": settings.RECORDS_PUBLIC_URL.rstrip("/") + reverse("login"),
        }
        subject = render_to_string("organise/email/invitation_subject.txt", context).strip()
        text = render_to_string("organise/email/invitation.txt", context)
        html = render_to_string("organise/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()

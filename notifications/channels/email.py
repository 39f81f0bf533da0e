"""E-mail through Django's mail backend (console in development, SMTP from the environment)."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .base import Outgoing, PermanentFailure, TemporaryFailure


class EmailChannel:
    name = "email"

    def send(self, message: Outgoing) -> str:
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"
        message_id = f"<{message.reference}@{domain}>"
        # The same Message-ID on every attempt: a mail client shows a message delivered twice only once.
        headers = {"Message-ID": message_id}
        if message.unsubscribe_url:
            headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        mail = EmailMultiAlternatives(message.subject, message.text, to=[message.to], headers=headers)
        if message.html:
            mail.attach_alternative(message.html, "text/html")
        try:
            mail.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure(f"the mail server refused the address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"{error.__class__.__name__}: {error}"[:300]) from error
        return message_id

"""What a rollout change tells people: run by the worker after the change is committed."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mentors.models import Assignment
from mentors.roles import Role
from notifications.kinds import Kind
from notifications.services import Message, notify

from .models import AdoptionStageChange


@task()
def notify_adoption_stage(change_id: int) -> int:
    """The participant and their mentors learn that an agency moved to another stage of adopting the innovation."""
    change = (
        AdoptionStageChange.objects.select_related(
            "adoption__agency", "adoption__innovation__project__enrolment__participant"
        )
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return 0
    project = change.adoption.innovation.project
    enrolment = project.enrolment
    recipients = {enrolment.participant.user_id} | set(
        Assignment.objects.filter(enrolment=enrolment, role=Role.MENTOR).values_list("user_id", flat=True)
    )
    recipients.discard(change.by_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(agency)s: %(stage)s") % {
            "agency": change.adoption.agency,
            "stage": change.get_to_stage_display(),
        }
        body = _("The rollout of %(project)s moved from “%(from)s” to “%(to)s” on %(date)s.") % {
            "project": project.title,
            "from": change.get_from_stage_display() or "—",
            "to": change.get_to_stage_display(),
            "date": f"{change.on:%d-%m-%Y}",
        }
        if change.reason:
            body += " " + change.reason
    link = reverse("rollout:project", args=[project.pk])
    return notify(
        Message(
            user_id,
            Kind.ADOPTION_STAGE,
            f"event:adoption:{change.pk}:{user_id}",
            title,
            body,
            link,
            enrolment.cohort_id,
        )
        for user_id in recipients
    ).created

"""What a project's changes tell people: run by the worker after the change is committed."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from diklat.formatting import rupiah
from mentors.models import Assignment
from mentors.roles import Role
from notifications.kinds import Kind
from notifications.services import Message, notify

from .models import BudgetLine, ChangeProject, ProjectTransition

Status = ChangeProject.Status


def _mentor_ids(enrolment_id: int) -> list[int]:
    return list(
        Assignment.objects.filter(enrolment_id=enrolment_id, role=Role.MENTOR).values_list("user_id", flat=True)
    )


@task()
def notify_project_transition(transition_id: int) -> int:
    """Submitted: the mentors are told; approved or returned: the participant is."""
    transition = (
        ProjectTransition.objects.select_related("project__enrolment__participant__user", "by")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return 0
    project = transition.project
    owner_id = project.enrolment.participant.user_id
    link = reverse("projects:detail", args=[project.pk])
    with translation.override(settings.LANGUAGE_CODE):
        if transition.to_status == Status.SUBMITTED:
            recipients = _mentor_ids(project.enrolment_id)
            title = _("%(name)s submitted a project for your review") % {"name": project.enrolment.participant}
            body = project.title
        elif transition.to_status == Status.APPROVED:
            recipients = [owner_id]
            title = _("Your project is approved: %(title)s") % {"title": project.title}
            body = transition.comment
        elif transition.to_status == Status.RETURNED:
            recipients = [owner_id]
            title = _("Your project was returned for revision: %(title)s") % {"title": project.title}
            body = transition.comment
        else:
            return 0
        messages = [
            Message(
                user_id,
                Kind.PROJECT_STATUS,
                f"event:transition:{transition.pk}:{user_id}",
                title,
                body,
                link,
                project.enrolment.cohort_id,
            )
            for user_id in recipients
            if user_id != transition.by_id
        ]
    return notify(messages).created


@task()
def notify_budget_approved(line_id: int) -> int:
    """The participant is told which amount was approved, under which budget document."""
    line = (
        BudgetLine.objects.select_related("project__enrolment__participant")
        .filter(pk=line_id, approved__isnull=False)
        .first()
    )
    if line is None:
        return 0
    project = line.project
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Budget approved: %(line)s") % {"line": line.description}
        body = _("%(amount)s for fiscal year %(year)s (%(document)s).") % {
            "amount": rupiah(line.approved),
            "year": line.fiscal_year,
            "document": line.document_reference,
        }
        key = f"event:budget:{line.pk}:{line.approved_at:%Y%m%d%H%M%S}"
        owner_id = project.enrolment.participant.user_id
        link = reverse("projects:detail", args=[project.pk]) + "#budget"
        message = Message(
            owner_id, Kind.BUDGET_APPROVED, f"{key}:{owner_id}", title, body, link, project.enrolment.cohort_id
        )
    if line.approved_by_id == owner_id:
        return 0
    return notify([message]).created

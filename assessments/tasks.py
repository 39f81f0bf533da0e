"""What seminar results and feedback tell people: run by the worker after the change is committed."""

import hashlib

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import Message, notify

from .completeness import local_start
from .models import FeedbackEvent, FeedbackItem, Presentation, SeminarSession

Status = FeedbackItem.Status


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


@task()
def notify_feedback_event(event_id: int) -> int:
    """Given, verified or rejected: the participant is told; reported implemented: whoever gave it is."""
    event = (
        FeedbackEvent.objects.select_related("item__project__enrolment__participant", "item__given_by", "by")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    item = event.item
    project = item.project
    owner_id = project.enrolment.participant.user_id
    texts = {"text": _short(item.text), "who": event.by, "project": project.title}
    with translation.override(settings.LANGUAGE_CODE):
        if not event.from_status:
            recipient, title = owner_id, _("New feedback from %(who)s: %(text)s") % texts
            body = _("Due %(date)s.") % {"date": f"{item.due_date:%d-%m-%Y}"}
        elif event.to_status == Status.IMPLEMENTED:
            recipient, title = item.given_by_id, _("Your feedback is reported done: %(text)s") % texts
            body = _("%(project)s. Verify it, or reject it with a reason.") % texts
        elif event.to_status == Status.VERIFIED:
            recipient, title, body = owner_id, _("Feedback verified: %(text)s") % texts, event.note
        elif event.to_status == Status.REJECTED:
            recipient, title, body = owner_id, _("Feedback implementation rejected: %(text)s") % texts, event.note
        else:
            return 0
    if recipient == event.by_id:
        return 0
    link = reverse("assessments:feedback", args=[item.pk])
    key = f"event:feedback:{event.pk}:{recipient}"
    return notify(
        [Message(recipient, Kind.FEEDBACK_UPDATE, key, title, body, link, project.enrolment.cohort_id)]
    ).created


@task()
def notify_results_released(session_id: int) -> int:
    """Each participant whose result the finalised session released is told where to read it."""
    released = Presentation.objects.filter(session_id=session_id, released_at__isnull=False).select_related(
        "session__seminar__cohort", "enrolment__participant"
    )
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for presentation in released:
            session = presentation.session
            user_id = presentation.enrolment.participant.user_id
            messages.append(
                Message(
                    user_id,
                    Kind.RESULT_RELEASED,
                    f"event:result:{presentation.pk}:{presentation.released_at:%Y%m%d%H%M%S}:{user_id}",
                    _("Your result of %(seminar)s is released") % {"seminar": session.seminar.get_kind_display()},
                    _("Read your score, predicate and the panel's feedback."),
                    reverse("assessments:my-results"),
                    session.seminar.cohort_id,
                )
            )
    return notify(messages).created


@task()
def notify_session_scheduled(session_id: int) -> int:
    """Presenters and panel learn when and where they sit; again only when the time or the room changes."""
    session = SeminarSession.objects.select_related("seminar__cohort__organiser__region").filter(pk=session_id).first()
    if session is None or not session.is_open:
        return 0
    start = session.starts_at or session.seminar.starts_at
    place = session.place or session.seminar.place
    people = {session.chair_id, *session.examiners.values_list("pk", flat=True)}
    people |= set(session.presentations.values_list("enrolment__participant__user_id", flat=True))
    occasion = hashlib.sha256(f"{start.isoformat()}|{place}".encode()).hexdigest()[:12]
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Scheduled: %(session)s, %(start)s") % {"session": session, "start": local_start(session)}
        body = _("Room: %(place)s.") % {"place": place} if place else ""
    link = reverse("assessments:session", args=[session.pk])
    return notify(
        Message(
            user_id,
            Kind.SESSION_SCHEDULED,
            f"event:session:{session.pk}:{occasion}:{user_id}",
            title,
            body,
            link,
            session.seminar.cohort_id,
        )
        for user_id in people
    ).created

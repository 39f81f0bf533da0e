"""What an event's changes tell people: run by the worker after the change is committed."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import Message, notify

from .models import ActionItem, Event, Invitee, Submission


def _dates(event: Event) -> str:
    first, last = formats.date_format(event.starts_on, "j F Y"), formats.date_format(event.ends_on, "j F Y")
    return first if event.starts_on == event.ends_on else f"{first} – {last}"


@task()
def notify_invited(event_id: int, invitee_ids: list[int]) -> int:
    """Each new invitee learns of the event, its dates and where to answer."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    user_ids = list(Invitee.objects.filter(pk__in=invitee_ids, event=event).values_list("user_id", flat=True))
    link = reverse("events:detail", args=[event.pk])
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Invitation: %(title)s") % {"title": event.title}
        body = _("%(kind)s on %(dates)s. Say whether you will attend, or send your apologies with the reason.") % {
            "kind": event.get_kind_display(),
            "dates": _dates(event),
        }
    return notify(
        Message(user_id, Kind.EVENT_INVITATION, f"event:invited:{event.pk}:{user_id}", title, body, link)
        for user_id in user_ids
    ).created


@task()
def notify_judged(submission_id: int) -> int:
    """The group's members learn that a mission was approved (with its points) or rejected (with the note)."""
    submission = Submission.objects.select_related("mission__event", "group").filter(pk=submission_id).first()
    if submission is None or submission.status == Submission.Status.PENDING:
        return 0
    mission = submission.mission
    members = list(submission.group.members.values_list("user_id", flat=True))
    link = reverse("events:mission", args=[mission.event_id, mission.pk])
    with translation.override(settings.LANGUAGE_CODE):
        if submission.status == Submission.Status.APPROVED:
            title = _("Approved: %(mission)s (%(points)s points)") % {
                "mission": mission.title,
                "points": submission.points,
            }
        else:
            title = _("Not accepted: %(mission)s") % {"mission": mission.title}
        body = submission.judge_note
    version = f"{submission.status}:{submission.points}:{submission.judged_at:%Y%m%d%H%M%S%f}"
    return notify(
        Message(user_id, Kind.MISSION_JUDGED, f"event:judged:{submission.pk}:{version}:{user_id}", title, body, link)
        for user_id in members
    ).created


@task()
def notify_action_item(item_id: int, update_id: int) -> int:
    """The owner learns of an action item given to them; the organiser's staff of one reported done."""
    item = ActionItem.objects.select_related("event__organiser").filter(pk=item_id).first()
    update = item.updates.filter(pk=update_id).select_related("by").first() if item else None
    if update is None:
        return 0
    link = reverse("events:action", args=[item.event_id, item.pk])
    with translation.override(settings.LANGUAGE_CODE):
        texts = {"title": item.title, "event": item.event.title, "who": update.by}
        if update.status == ActionItem.Status.DONE:
            recipients = set(item.event.organiser.staff.values_list("pk", flat=True))
            title = _("Reported done, to verify: %(title)s") % texts
        else:
            recipients = {item.owner_id}
            title = {
                ActionItem.Status.OPEN: _("Action item for you from %(event)s: %(title)s"),
                ActionItem.Status.IN_PROGRESS: _("Action item in progress: %(title)s"),
                ActionItem.Status.VERIFIED: _("Action item verified: %(title)s"),
            }[update.status] % texts
        body = update.note
    recipients.discard(update.by_id)
    return notify(
        Message(user_id, Kind.ACTION_ITEM_UPDATE, f"event:action:{update.pk}:{user_id}", title, body, link)
        for user_id in recipients
    ).created

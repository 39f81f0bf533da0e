"""Following up what an event decided: action items given to heads of agencies, reported done, verified."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.due_dates import parse_due_date

from .access import may_manage
from .models import ActionItem, ActionUpdate, Event
from .tasks import notify_action_item

Status = ActionItem.Status
# Who moves an item where: the owner works on it and reports it done; the organiser's staff verify or reopen it.
BY_OWNER = {Status.OPEN: {Status.IN_PROGRESS, Status.DONE}, Status.IN_PROGRESS: {Status.DONE}}
BY_STAFF = {
    Status.OPEN: {Status.IN_PROGRESS, Status.DONE},
    Status.IN_PROGRESS: {Status.DONE},
    Status.DONE: {Status.VERIFIED, Status.IN_PROGRESS},
    Status.VERIFIED: {Status.IN_PROGRESS},
}


def _log(item: ActionItem, status: str, note: str, by) -> None:
    update = ActionUpdate.objects.create(item=item, status=status, note=note.strip(), by=by)
    transaction.on_commit(lambda: notify_action_item.enqueue(item_id=item.pk, update_id=update.pk))


@transaction.atomic
def create(event: Event, *, title: str, owner, due: str, by, agency=None, details: str = "") -> ActionItem:
    """Record a decision or commitment with its owner and due date ("TW II 2027" is its quarter's last day)."""
    if not may_manage(by, event):
        raise PermissionDenied
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Write the decision or commitment.")})
    try:
        due_date = parse_due_date(due)
    except ValidationError as error:
        raise ValidationError({"due": error.messages}) from None
    if due_date < event.starts_on:
        raise ValidationError({"due": _("The due date is before the event.")})
    if agency is None:
        invited = event.invitees.filter(user=owner).select_related("agency").first()
        agency = invited.agency if invited else None
    item = ActionItem.objects.create(
        event=event,
        title=title[:300],
        details=details.strip(),
        owner=owner,
        agency=agency,
        due_date=due_date,
        due_as_written=" ".join(due.split())[:40],
    )
    _log(item, Status.OPEN, "", by)
    return item


@transaction.atomic
def move(item: ActionItem, to: str, *, by, note: str = "") -> ActionItem:
    """Move the item along its follow-up; staff need a note to reopen what was reported done."""
    item = ActionItem.objects.select_for_update().select_related("event").get(pk=item.pk)
    staff = may_manage(by, item.event)
    if not staff and item.owner_id != by.pk:
        raise PermissionDenied
    allowed = (BY_STAFF if staff else BY_OWNER).get(item.status, set())
    if to not in allowed:
        raise ValidationError(
            _("An item that is “%(from)s” cannot become “%(to)s”.")
            % {"from": item.get_status_display(), "to": Status(to).label if to in Status.values else to},
            code="transition",
        )
    if to == Status.IN_PROGRESS and item.status in (Status.DONE, Status.VERIFIED) and not note.strip():
        raise ValidationError({"note": _("Say what is still missing, so that the owner knows what to do.")})
    if to == Status.DONE and not note.strip():
        raise ValidationError({"note": _("Say what was done, and where it can be seen.")})
    item.status = to
    if to == Status.VERIFIED:
        item.verified_by, item.verified_at = by, timezone.now()
    elif item.verified_at:
        item.verified_by, item.verified_at = None, None
    item.save(update_fields=["status", "verified_by", "verified_at"])
    _log(item, to, note, by)
    return item

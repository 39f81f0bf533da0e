"""Inviting people to an event (all heads of a government's agencies in one step) and their answers."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Agency, Region

from .access import may_manage
from .models import ApologyReason, Event, Invitee
from .tasks import notify_invited


@dataclass(frozen=True)
class Invited:
    added: int
    already: int
    without_head: list[str]  # agencies with no head recorded: nobody to invite for them


def _refuse_when_closed(event: Event) -> None:
    if event.status == Event.Status.CLOSED:
        raise ValidationError(_("The event is closed: its invitations can no longer change."), code="event_closed")


def _add(event: Event, people: list[tuple[int, int | None, str]]) -> tuple[int, int]:
    taken = set(event.invitees.values_list("user_id", flat=True))
    new = []
    for user_id, agency_id, position in people:
        if user_id in taken:
            continue
        taken.add(user_id)
        new.append(Invitee(event=event, user_id=user_id, agency_id=agency_id, position=position[:200]))
    # A concurrent invitation of the same person loses quietly to the unique (event, user).
    created = Invitee.objects.bulk_create(new, ignore_conflicts=True)
    ids = list(event.invitees.filter(user_id__in=[invitee.user_id for invitee in created]).values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: notify_invited.enqueue(event_id=event.pk, invitee_ids=ids))
    return len(ids), len(people) - len(new)


@transaction.atomic
def invite_heads(event: Event, government: Region) -> Invited:
    """Invite the head of every agency of a government (a province's, or a regency's own) not yet invited."""
    _refuse_when_closed(event)
    agencies = list(Agency.objects.filter(government=government).select_related("head").order_by("name"))
    people = [
        (agency.head_id, agency.pk, _("Head of %(agency)s") % {"agency": agency.name})
        for agency in agencies
        if agency.head_id
    ]
    added, already = _add(event, people)
    return Invited(added, already, [agency.name for agency in agencies if not agency.head_id])


@transaction.atomic
def invite_person(event: Event, user, *, agency: Agency | None = None, position: str = "") -> Invited:
    """Invite one named person (the regional secretary, an expert staff member, a sub-district head)."""
    _refuse_when_closed(event)
    added, already = _add(event, [(user.pk, agency.pk if agency else None, position)])
    return Invited(added, already, [])


@transaction.atomic
def respond(
    invitee: Invitee, *, attending: bool, reason: str = "", note: str = "", by, on_behalf: bool = False
) -> Invitee:
    """Record the invitee's answer: they will attend, or they send apologies with a reason.

    Staff answer on someone's behalf (``on_behalf``), e.g. for the head still in leadership training.
    """
    invitee = Invitee.objects.select_for_update().select_related("event").get(pk=invitee.pk)
    if on_behalf and not may_manage(by, invitee.event):
        raise PermissionDenied
    if not on_behalf and invitee.user_id != by.pk:
        raise PermissionDenied
    _refuse_when_closed(invitee.event)
    if attending:
        invitee.response, invitee.apology_reason, invitee.apology_note = Invitee.Response.ATTENDING, "", ""
    else:
        if reason not in ApologyReason.values:
            raise ValidationError({"reason": _("Choose the reason for the apology.")})
        if reason == ApologyReason.OTHER and not note.strip():
            raise ValidationError({"note": _("Say what the other reason is.")})
        if invitee.check_ins.exists():
            raise ValidationError(
                _("%(name)s has already checked in: remove the check-in before recording an apology.")
                % {"name": invitee.user},
                code="already_present",
            )
        invitee.response, invitee.apology_reason = Invitee.Response.APOLOGISED, reason
        invitee.apology_note = note.strip()[:300]
    invitee.responded_at = timezone.now()
    invitee.save(update_fields=["response", "apology_reason", "apology_note", "responded_at"])
    return invitee


@transaction.atomic
def uninvite(invitee: Invitee) -> None:
    """Take someone off the list: only while nothing records their presence or their group's work by them."""
    if invitee.check_ins.exists():
        raise ValidationError(_("%(name)s has checked in: the attendance record keeps them.") % {"name": invitee.user})
    if invitee.group_id and invitee.group.submissions.filter(submitted_by_id=invitee.user_id).exists():
        raise ValidationError(_("%(name)s has handed in a mission for their group.") % {"name": invitee.user})
    invitee.delete()

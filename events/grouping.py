"""Working groups: the attendees split into N groups (mixed across kinds of agency, or at random), captains, moves."""

import random

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.scheduling.split import split_evenly

from .models import Event, Group, Invitee, Submission

MAX_GROUPS = 50


class Balance(models.TextChoices):
    AGENCY_KIND = "agency_kind", gettext_lazy("Mixed across kinds of agency")
    RANDOM = "random", gettext_lazy("At random")


def _refuse_after_work_began(event: Event) -> None:
    if Submission.objects.filter(group__event=event).exists():
        raise ValidationError(
            _("The groups have handed in missions already: move people one by one instead of splitting again."),
            code="groups_working",
        )


@transaction.atomic
def split(event: Event, count: int, *, balance: str = Balance.AGENCY_KIND, seed: int | None = None) -> list[Group]:
    """Make ``count`` groups of everyone expected (not apologised), replacing the groups there were.

    Mixed across kinds: sorted by kind of agency, then dealt round-robin, so that each group has
    heads of Dinas, Badan and Kecamatan alike and no group is one office's friends.
    """
    if not 1 <= count <= MAX_GROUPS:
        raise ValidationError({"count": _("Make between 1 and %(max)s groups.") % {"max": MAX_GROUPS}})
    if balance not in Balance.values:
        raise ValidationError({"balance": _("Choose how the groups are balanced.")})
    _refuse_after_work_began(event)
    people = list(event.invitees.expected().select_related("agency__kind", "user").order_by("user__full_name", "pk"))
    if count > len(people):
        raise ValidationError(
            {
                "count": _("%(count)s groups for %(people)s people: make fewer groups.")
                % {"count": count, "people": len(people)}
            }
        )
    if balance == Balance.RANDOM:
        random.Random(seed).shuffle(people)
    else:
        people.sort(
            key=lambda invitee: (
                invitee.agency.kind.order if invitee.agency else 999,
                invitee.agency.kind.name if invitee.agency else "",
            )
        )
    event.invitees.update(group=None)
    event.groups.all().delete()
    groups = Group.objects.bulk_create(
        [Group(event=event, number=n, name=_("Group %(number)s") % {"number": n}) for n in range(1, count + 1)]
    )
    for group, members in zip(groups, split_evenly(people, count), strict=True):
        for invitee in members:
            invitee.group = group
        # The first in alphabetical order captains the group until the organiser names another.
        group.captain = min(members, key=lambda invitee: (invitee.user.full_name, invitee.pk))
    Invitee.objects.bulk_update(people, ["group"])
    Group.objects.bulk_update(groups, ["captain"])
    return groups


@transaction.atomic
def move(invitee: Invitee, group: Group | None) -> Invitee:
    """Move someone to another group (or out of all groups); a captain who leaves stops being captain."""
    if group is not None and group.event_id != invitee.event_id:
        raise ValidationError({"group": _("That group belongs to another event.")})
    if invitee.response == Invitee.Response.APOLOGISED and group is not None:
        raise ValidationError(_("%(name)s sent apologies: they cannot join a group.") % {"name": invitee.user})
    old = invitee.group
    invitee.group = group
    invitee.save(update_fields=["group"])
    if old is not None and old.captain_id == invitee.pk:
        old.captain = old.members.order_by("user__full_name", "pk").first()
        old.save(update_fields=["captain"])
    if group is not None and group.captain_id is None:
        group.captain = invitee
        group.save(update_fields=["captain"])
    return invitee


def set_captain(group: Group, invitee: Invitee) -> Group:
    if invitee.group_id != group.pk:
        raise ValidationError({"captain": _("The captain must be a member of the group.")})
    group.captain = invitee
    group.save(update_fields=["captain"])
    return group


def rename(group: Group, name: str) -> Group:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    if Group.objects.filter(event_id=group.event_id, name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Another group of this event is called “%(name)s”.") % {"name": name}})
    group.name = name[:80]
    group.save(update_fields=["name"])
    return group

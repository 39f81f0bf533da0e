"""Invite, resend, and record who joined; the mail itself leaves through a task once the change is committed."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from diklat.models import Cohort
from organise.models import Invitation

from .roster import Person, cohort_roles
from .tasks import send_invitations


def invite(cohort: Cohort, people: list[Person], *, by) -> int:
    """Queue an invitation for each person who can be invited (no password yet, an address); return how many.

    A person invited before is invited again (a new link); one who has joined is left alone.
    """
    chosen = [person for person in people if person.can_be_invited]
    if not chosen:
        return 0
    now = timezone.now()
    with transaction.atomic():
        existing = {
            invitation.user_id: invitation
            for invitation in Invitation.objects.select_for_update().filter(user__in=[p.user for p in chosen])
        }
        fresh, renewed = [], []
        for person in chosen:
            invitation = existing.get(person.user.pk)
            if invitation is None:
                fresh.append(
                    Invitation(user=person.user, cohort=cohort, role=person.main_role, invited_by=by, queued_at=now)
                )
            elif invitation.joined_at is None:
                invitation.queued_at, invitation.send_error, invitation.invited_by = now, "", by
                renewed.append(invitation)
        Invitation.objects.bulk_create(fresh)
        Invitation.objects.bulk_update(renewed, ["queued_at", "send_error", "invited_by"])
        ids = [invitation.pk for invitation in (*fresh, *renewed)]
        transaction.on_commit(lambda: send_invitations.enqueue(ids))
    return len(ids)


def invite_accounts(cohort: Cohort, user_ids: list[int], *, by) -> int:
    """Invite accounts just made for the cohort (an import's commit), each in their role there."""
    roles = cohort_roles(cohort)
    users = get_user_model().objects.filter(pk__in=user_ids)
    return invite(cohort, [Person(user, roles.get(user.pk, {Invitation.Role.PARTICIPANT})) for user in users], by=by)


def mark_joined(user) -> None:
    """The person set their password through the link."""
    Invitation.objects.filter(user=user, joined_at__isnull=True).update(joined_at=timezone.now(), send_error="")

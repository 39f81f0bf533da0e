"""Commit an import batch as a whole, or revert it while nothing has been built on it."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from diklat.models import Enrolment
from mentors.models import Assignment
from organise.models import ImportBatch, ImportRow
from people.models import Participant
from people.phone import normalise_mobile

from ..invitations.services import invite_accounts
from .batches import cells_of
from .checking import RowCheck, check_rows

User = get_user_model()


@dataclass(frozen=True)
class Committed:
    batch: ImportBatch
    enrolled: int
    new_accounts: list[int]  # the participants' and mentors' accounts made by the commit
    invited: int  # how many of them are being mailed an invitation (those with an address)


def commit_batch(batch: ImportBatch, *, by) -> Committed:
    """Enrol every row not skipped, making the accounts and mentor assignments they need; all or nothing.

    The batch is claimed by its first statement, a conditional update: of two commits at once the
    second finds it no longer open. The rows are checked again inside, against the database as it is.
    """
    with transaction.atomic():
        now = timezone.now()
        claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKED).update(
            status=ImportBatch.Status.COMMITTED, committed_at=now, committed_by=by
        )
        if not claimed:
            raise ValidationError(_("This batch has already been committed or reverted."))
        batch.refresh_from_db()
        rows = list(batch.rows.taken().select_for_update())
        if not rows:
            raise ValidationError(_("Every row is skipped: there is nothing to commit."))
        checks = check_rows(batch.cohort, [(row.line, cells_of(row)) for row in rows])
        failing = sum(1 for check in checks if check.errors)
        if failing:
            raise ValidationError(_("Rows with errors: %(count)d. Fix or skip them, then commit.") % {"count": failing})
        new_accounts = _create(batch, rows, checks)
        invited = invite_accounts(batch.cohort, new_accounts, by=by)  # mailed once this commits
    return Committed(batch, len(rows), new_accounts, invited)


def _whatsapp_number(phone: str) -> str:
    """The file's phone as the account's WhatsApp number when it is a mobile (the checks allowed it)."""
    try:
        return normalise_mobile(phone) if phone else ""
    except ValidationError:
        return ""


def _create(batch: ImportBatch, rows: list[ImportRow], checks: list[RowCheck]) -> list[int]:
    no_password = make_password(None)  # set through the invitation link
    plans = [check.plan for check in checks]
    new_users = {
        plan.username: User(
            username=plan.username,
            full_name=plan.name,
            email=plan.email,
            mobile_phone=_whatsapp_number(plan.phone),
            password=no_password,
        )
        for plan in plans
        if not plan.participant_id
    }
    mentors = {
        plan.mentor.username: User(
            username=plan.mentor.username, full_name=plan.mentor.name, email=plan.mentor.email, password=no_password
        )
        for plan in plans
        if plan.mentor and not plan.mentor.user_id and plan.mentor.username not in new_users
    }
    User.objects.bulk_create([*new_users.values(), *mentors.values()], batch_size=500)
    participants = {
        plan.username: Participant(
            user=new_users[plan.username],
            employment=plan.employment,
            nip=plan.nip,
            ni_pppk=plan.ni_pppk,
            rank=plan.rank,
            position=plan.position,
            position_type=plan.position_type,
            echelon=plan.echelon,
            agency_id=plan.agency_id,
            phone=plan.phone,
        )
        for plan in plans
        if not plan.participant_id
    }
    Participant.objects.bulk_create(participants.values(), batch_size=500)
    enrolments = [
        Enrolment(cohort=batch.cohort, participant_id=plan.participant_id or participants[plan.username].pk)
        for plan in plans
    ]
    Enrolment.objects.bulk_create(enrolments, batch_size=500)
    assignments = {}
    for plan, enrolment in zip(plans, enrolments, strict=True):
        if plan.mentor:
            mentor_id = plan.mentor.user_id or (mentors.get(plan.mentor.username) or new_users[plan.mentor.username]).pk
            assignments[enrolment.pk] = Assignment(enrolment=enrolment, user_id=mentor_id, role=Assignment.Role.MENTOR)
    bulk_create_with_history(list(assignments.values()), Assignment, batch_size=500)
    made_mentor = set()
    for row, plan, enrolment in zip(rows, plans, enrolments, strict=True):
        row.participant_id, row.enrolment = enrolment.participant_id, enrolment
        row.created_participant = not plan.participant_id
        row.mentor_assignment = assignments.get(enrolment.pk)
        mentor = mentors.get(plan.mentor.username) if plan.mentor else None
        if mentor and mentor.pk not in made_mentor:
            row.created_mentor = mentor
            made_mentor.add(mentor.pk)
    fields = ["participant", "enrolment", "mentor_assignment", "created_participant", "created_mentor"]
    ImportRow.objects.bulk_update(rows, fields, batch_size=500)
    return [user.pk for user in (*new_users.values(), *mentors.values())]


def built_on(batch: ImportBatch) -> list[str]:
    """Why the batch can no longer be reverted: what has been done since with what it created."""
    rows = batch.rows.exclude(enrolment=None)
    enrolments = rows.values("enrolment")
    ours = rows.exclude(mentor_assignment=None).values("mentor_assignment")
    created_users = list(rows.filter(created_participant=True).values_list("participant__user", flat=True))
    created_users += list(rows.exclude(created_mentor=None).values_list("created_mentor", flat=True))
    found = [
        (
            Enrolment.objects.filter(pk__in=enrolments, project__isnull=False).count(),
            _("Participants who have started a change project: %(count)d."),
        ),
        (
            Assignment.objects.filter(enrolment__in=enrolments).exclude(pk__in=ours).count(),
            _("Mentors, coaches or examiners assigned since: %(count)d."),
        ),
        (
            Enrolment.objects.filter(pk__in=enrolments, presentations__isnull=False).distinct().count(),
            _("Participants scheduled in a seminar: %(count)d."),
        ),
        (
            User.objects.filter(pk__in=created_users, last_login__isnull=False).count(),
            _("New accounts already used to log in: %(count)d."),
        ),
    ]
    return [message % {"count": count} for count, message in found if count]


def revert_batch(batch: ImportBatch, *, by) -> int:
    """Undo a commit: the enrolments, mentor assignments and new accounts it made; the rows stay, as a record."""
    with transaction.atomic():
        claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.COMMITTED).update(
            status=ImportBatch.Status.REVERTED, reverted_at=timezone.now(), reverted_by=by
        )
        if not claimed:
            raise ValidationError(_("Only a committed batch can be reverted."))
        reasons = built_on(batch)
        if reasons:
            raise ValidationError([_("The batch can no longer be reverted:"), *reasons])
        rows = batch.rows.exclude(enrolment=None)
        participants = list(rows.filter(created_participant=True).values_list("participant", flat=True))
        users = list(Participant.objects.filter(pk__in=participants).values_list("user", flat=True))
        mentors = list(rows.exclude(created_mentor=None).values_list("created_mentor", flat=True))
        enrolments = list(rows.values_list("enrolment", flat=True))
        for assignment in Assignment.objects.filter(enrolment__in=enrolments):
            assignment.delete()  # one by one, so that the change history records each
        Enrolment.objects.filter(pk__in=enrolments).delete()
        Participant.objects.filter(pk__in=participants).delete()
        User.objects.filter(pk__in=users).delete()
        User.objects.filter(pk__in=mentors, assignments__isnull=True).delete()
        batch.refresh_from_db()
    return len(enrolments)

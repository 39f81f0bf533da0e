"""Assign mentors, coaches and examiners to many participants at once, and suggest each one's mentor."""

from dataclasses import dataclass

from django.db import transaction

from .models import Assignment
from .roles import Role


@dataclass(frozen=True)
class Assigned:
    added: int
    replaced: int  # mentors: a participant has one, the new one takes the place of the old
    already: int
    refused: list[str]  # the participants who cannot have this person (themselves)


def assign(enrolments, user, role: str, *, position: str = "") -> Assigned:
    """Give each enrolment ``user`` in ``role``; all of it or, on a database error, none of it.

    A participant is never their own mentor, coach or examiner: those rows are left out and named.
    History (simple-history) records every added, replaced and removed assignment: saved one by one.
    """
    enrolments = list(enrolments)
    refused = [str(e.participant) for e in enrolments if e.participant.user_id == user.pk]
    targets = [e for e in enrolments if e.participant.user_id != user.pk]
    existing = Assignment.objects.filter(enrolment__in=targets, role=role).select_for_update()
    added = replaced = already = 0
    with transaction.atomic():
        by_enrolment: dict[int, list[Assignment]] = {}
        for assignment in existing:
            by_enrolment.setdefault(assignment.enrolment_id, []).append(assignment)
        for enrolment in targets:
            current = by_enrolment.get(enrolment.pk, [])
            if any(assignment.user_id == user.pk for assignment in current):
                already += 1
                continue
            if role == Role.MENTOR and current:
                for old in current:
                    old.delete()
                replaced += 1
            else:
                added += 1
            Assignment.objects.create(enrolment=enrolment, user=user, role=role, position=position)
    return Assigned(added, replaced, already, refused)


def unassign(assignment: Assignment) -> None:
    assignment.delete()


def suggested_mentors(enrolments) -> dict[int, object]:
    """{enrolment id: the head of the participant's agency} for the participants without a mentor.

    The mentor is the participant's direct superior, most often the head of their agency (kepala OPD):
    a suggestion only, when the head is known and is not the participant.
    """
    suggestions = {}
    for enrolment in enrolments:
        head = enrolment.participant.agency.head if enrolment.participant.agency_id else None
        if head is not None and head.pk != enrolment.participant.user_id:
            suggestions[enrolment.pk] = head
    return suggestions

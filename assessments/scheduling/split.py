"""Putting a seminar's participants into sessions: evenly, by room (with capacities) or by theme.

The participants are taken in a stable order (by name, then enrolment) and the pure functions below
decide the buckets; ``split_participants`` creates one session per bucket and the presentations in it.
"""

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat.models import Enrolment
from people.models import User

from ..models import Presentation, Seminar, SeminarSession
from .announce import announce


class Method(models.TextChoices):
    EVENLY = "evenly", gettext_lazy("Evenly")
    ROOM = "room", gettext_lazy("By room")
    THEME = "theme", gettext_lazy("By theme (the participant's kind of agency)")


def split_evenly[T](items: Sequence[T], count: int) -> list[list[T]]:
    """Deal the items round-robin into ``count`` buckets: sizes differ by one at most (7 into 3: 3, 2, 2)."""
    buckets: list[list[T]] = [[] for _i in range(count)]
    for index, item in enumerate(items):
        buckets[index % count].append(item)
    return buckets


def split_by_capacity[T](items: Sequence[T], capacities: Sequence[int | None]) -> list[list[T]]:
    """Fill each room up to its capacity in turn; rooms without one share what is left evenly."""
    items = list(items)
    buckets: list[list[T]] = [[] for _c in capacities]
    open_rooms = [i for i, capacity in enumerate(capacities) if capacity is None]
    rest = items
    for index, capacity in enumerate(capacities):
        if capacity is not None:
            buckets[index], rest = rest[:capacity], rest[capacity:]
    if rest:
        if not open_rooms:
            raise ValidationError(
                {
                    "rooms": _("The rooms seat %(seats)s but %(count)s participants present: add a room or seats.")
                    % {"seats": sum(capacities), "count": len(items)}
                }
            )
        for index, bucket in zip(open_rooms, split_evenly(rest, len(open_rooms)), strict=True):
            buckets[index] = bucket
    return buckets


def split_by_theme[T](
    items: Sequence[T], theme: Callable[[T], str], count: int | None
) -> list[tuple[list[str], list[T]]]:
    """Keep each theme together: one session per theme, or the themes packed into ``count`` sessions,
    the largest theme first into the session with the fewest participants."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(theme(item), []).append(item)
    ordered = sorted(groups.items(), key=lambda pair: pair[0])
    if not count:
        return [([name], members) for name, members in ordered]
    buckets: list[tuple[list[str], list[T]]] = [([], []) for _i in range(count)]
    for name, members in sorted(ordered, key=lambda pair: -len(pair[1])):
        names, bucket = min(buckets, key=lambda b: len(b[1]))
        names.append(name)
        bucket.extend(members)
    return buckets


def unplaced(seminar: Seminar):
    """The cohort's active participants who have no session in this seminar yet, in a stable order."""
    return (
        Enrolment.objects.filter(cohort_id=seminar.cohort_id, status=Enrolment.Status.ACTIVE)
        .exclude(presentations__session__seminar=seminar)
        .select_related("participant__user", "participant__agency__kind")
        .order_by("participant__user__full_name", "pk")
    )


def _theme(enrolment: Enrolment) -> str:
    agency = enrolment.participant.agency
    return agency.kind.name if agency else _("Other")


def _free_names(seminar: Seminar, count: int) -> list[str]:
    taken = set(seminar.sessions.values_list("name", flat=True))
    names, number = [], 1
    while len(names) < count:
        name = _("Session %(number)s") % {"number": number}
        if name not in taken:
            names.append(name)
        number += 1
    return names


def _plan(seminar, method, participants, count, rooms) -> list[tuple[str, str, list]]:
    """(name, room, participants) of each session to create."""
    if method == Method.EVENLY:
        if not count or count < 1:
            raise ValidationError({"count": _("Give the number of sessions.")})
        if count > len(participants):
            raise ValidationError(
                {"count": _("There are only %(count)s participants to place.") % {"count": len(participants)}}
            )
        return [
            (name, "", bucket)
            for name, bucket in zip(_free_names(seminar, count), split_evenly(participants, count), strict=True)
        ]
    if method == Method.ROOM:
        if not rooms:
            raise ValidationError({"rooms": _("Give one room a line.")})
        names = [name for name, _capacity in rooms]
        clash = set(names) & set(seminar.sessions.values_list("name", flat=True)) or {
            n for n in names if names.count(n) > 1
        }
        if clash:
            raise ValidationError(
                {
                    "rooms": _("Each room once, and not one the seminar has already: %(rooms)s.")
                    % {"rooms": ", ".join(sorted(clash))}
                }
            )
        buckets = split_by_capacity(participants, [capacity for _name, capacity in rooms])
        return [(name, name, bucket) for name, bucket in zip(names, buckets, strict=True)]
    if method == Method.THEME:
        themed = split_by_theme(participants, _theme, count)
        names = _free_names(seminar, len(themed)) if count else [themes[0] for themes, _b in themed]
        clash = {n for n in names if seminar.sessions.filter(name=n).exists()}
        if clash:
            raise ValidationError(
                {
                    "method": _("The seminar has a session named %(names)s already.")
                    % {"names": ", ".join(sorted(clash))}
                }
            )
        return [(name, "", bucket) for name, (_themes, bucket) in zip(names, themed, strict=True)]
    raise ValidationError({"method": _("Choose how to split the participants.")})


@transaction.atomic
def split_participants(
    seminar: Seminar,
    *,
    method: str,
    chair: User,
    count: int | None = None,
    rooms: Sequence[tuple[str, int | None]] = (),
) -> list[SeminarSession]:
    """New sessions for the participants who have none yet in this seminar, each chaired by ``chair``
    (changed per session afterwards), the participants in order 1, 2, 3..."""
    seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
    participants = list(unplaced(seminar))
    if not participants:
        raise ValidationError(_("Every active participant has a session in this seminar already."))
    if any(e.participant.user_id == chair.pk for e in participants):
        raise ValidationError({"chair": _("A participant of the cohort cannot chair a session.")})
    sessions = []
    for name, room, bucket in _plan(seminar, method, participants, count, rooms):
        if not bucket:
            continue
        session = SeminarSession.objects.create(seminar=seminar, name=name, place=room, chair=chair)
        Presentation.objects.bulk_create(
            Presentation(session=session, enrolment=enrolment, order=order)
            for order, enrolment in enumerate(bucket, start=1)
        )
        sessions.append(session)
    announce(*(session.pk for session in sessions))
    return sessions

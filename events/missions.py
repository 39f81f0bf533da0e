"""Giving missions: from the bank or new, in a window of the event's local time, released in turn if asked."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Event, Group, Mission, MissionTemplate, Submission

CONTENT_FIELDS = (
    "kind",
    "title",
    "instructions",
    "points",
    "expected_answer",
    "latitude",
    "longitude",
    "radius_m",
    "criteria",
)


def window(event: Event, day: datetime.date, opens: datetime.time, closes: datetime.time):
    """The window as moments: 07:00–17:00 on a day of the event, in the event's zone (WIB, WITA or WIT)."""
    if not event.starts_on <= day <= event.ends_on:
        raise ValidationError({"day": _("Choose a day of the event.")})
    if closes <= opens:
        raise ValidationError({"closes": _("The mission must close after it opens.")})
    return event.local_moment(day, opens), event.local_moment(day, closes)


def _refuse_bad_order(mission: Mission) -> None:
    after = mission.after
    if after is None:
        return
    if after.event_id != mission.event_id:
        raise ValidationError({"after": _("The earlier mission must be of the same event.")})
    seen = {mission.pk}
    while after is not None:
        if after.pk in seen:
            raise ValidationError({"after": _("The missions would wait for each other in a circle.")})
        seen.add(after.pk)
        after = after.after


@transaction.atomic
def save_mission(mission: Mission) -> Mission:
    """Validate and save a mission; its kind and points are fixed once a group has handed it in."""
    mission.full_clean(exclude=["template", "after", "event"])
    _refuse_bad_order(mission)
    if mission.pk:
        before = Mission.objects.select_for_update().get(pk=mission.pk)
        handed_in = Submission.objects.filter(mission=mission).exists()
        if handed_in and (
            before.kind != mission.kind or before.points != mission.points or before.criteria != mission.criteria
        ):
            raise ValidationError(
                _("Groups have handed this mission in: its kind, points and rubric can no longer change."),
                code="mission_handed_in",
            )
    mission.save()
    return mission


def from_template(template: MissionTemplate, event: Event, **fields) -> Mission:
    """A new (unsaved) mission of the event with the bank's content."""
    if template.organiser_id != event.organiser_id:
        raise ValidationError({"template": _("That mission is in another organiser's bank.")})
    content = {field: getattr(template, field) for field in CONTENT_FIELDS}
    return Mission(event=event, template=template, **content, **fields)


def save_to_bank(mission: Mission) -> MissionTemplate:
    """Keep a mission in the organiser's bank to give it again at another event."""
    template = MissionTemplate(
        organiser_id=mission.event.organiser_id, **{field: getattr(mission, field) for field in CONTENT_FIELDS}
    )
    template.full_clean(exclude=["organiser"])
    template.save()
    return template


@dataclass(frozen=True)
class MissionState:
    mission: Mission
    released: bool  # an earlier mission it waits for has been handed in
    latest: Submission | None  # the group's newest attempt
    attempts: int

    @property
    def done(self) -> bool:
        return self.latest is not None and self.latest.status == Submission.Status.APPROVED

    @property
    def waiting(self) -> bool:
        return self.latest is not None and self.latest.status == Submission.Status.PENDING


def handed_in(latest: Submission | None) -> bool:
    return latest is not None and latest.status in (Submission.Status.PENDING, Submission.Status.APPROVED)


def states_for(group: Group) -> list[MissionState]:
    """Each mission of the group's event with what the group has done about it, in two queries."""
    missions = list(
        Mission.objects.filter(event_id=group.event_id).select_related("after").order_by("opens_at", "order", "pk")
    )
    latest: dict[int, Submission] = {}
    attempts: dict[int, int] = {}
    for submission in Submission.objects.filter(group=group).prefetch_related("files").order_by("attempt"):
        latest[submission.mission_id] = submission
        attempts[submission.mission_id] = attempts.get(submission.mission_id, 0) + 1
    return [
        MissionState(
            mission,
            mission.after_id is None or handed_in(latest.get(mission.after_id)),
            latest.get(mission.pk),
            attempts.get(mission.pk, 0),
        )
        for mission in missions
    ]

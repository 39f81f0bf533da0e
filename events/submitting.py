"""A group hands in a mission from a phone: inside its window, once at a time, with its evidence checked."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence.thumbnails import make_thumbnail

from . import geo
from .files import check_mission_file
from .missions import handed_in
from .models import Event, Group, Mission, MissionKind, Submission, SubmissionFile
from .tasks import notify_judged

MAX_FILES = 5
PENDING_MESSAGE = gettext_lazy(
    "Your group's submission (by %(name)s, %(time)s) waits for a judge: send again if it is rejected."
)


@dataclass(frozen=True)
class Sent:
    submission: Submission
    created: bool  # False when the same client id came again: the first submission is the answer


def _local(moment: datetime.datetime, event: Event) -> str:
    return f"{moment.astimezone(event.zone):%H:%M} {event.zone_abbreviation}"


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def is_right(mission: Mission, answer: str) -> bool:
    accepted = {_normalised(option) for option in mission.expected_answer.split("|") if option.strip()}
    return _normalised(answer) in accepted


def _refuse_outside_window(mission: Mission, now: datetime.datetime) -> None:
    event = mission.event
    if event.status == Event.Status.CLOSED:
        raise ValidationError(_("The event is closed."), code="event_closed")
    if now < mission.opens_at:
        raise ValidationError(
            _("This mission opens at %(time)s.") % {"time": _local(mission.opens_at, event)}, code="not_open_yet"
        )
    if now > mission.closes_at:
        raise ValidationError(
            _("This mission closed at %(time)s: nothing more can be handed in.")
            % {"time": _local(mission.closes_at, event)},
            code="closed",
        )


def _refuse_by_history(mission: Mission, group: Group) -> int:
    """Refuse while an attempt waits or after one is approved; the number of this attempt otherwise."""
    earlier = list(Submission.objects.filter(mission=mission, group=group).select_related("submitted_by"))
    for submission in earlier:
        if submission.status == Submission.Status.APPROVED:
            raise ValidationError(_("Your group's work on this mission is already approved."), code="approved")
        if submission.status == Submission.Status.PENDING:
            raise ValidationError(
                PENDING_MESSAGE
                % {"name": submission.submitted_by, "time": _local(submission.submitted_at, mission.event)},
                code="pending",
            )
    if mission.max_attempts and len(earlier) >= mission.max_attempts:
        raise ValidationError(
            _("Your group has used all %(count)s attempts at this mission.") % {"count": mission.max_attempts},
            code="no_attempts_left",
        )
    if mission.after_id:
        latest = Submission.objects.filter(mission_id=mission.after_id, group=group).order_by("-attempt").first()
        if not handed_in(latest):
            raise ValidationError(
                _("Hand in “%(title)s” first: this mission follows it.") % {"title": mission.after.title},
                code="not_released",
            )
    return len(earlier) + 1


def _place(mission: Mission, latitude, longitude) -> tuple:
    lat, lon = geo.coordinate(latitude, 90), geo.coordinate(longitude, 180)
    if lat is None or lon is None:
        raise ValidationError(
            {"latitude": _("A site visit needs your phone's location: allow location access and try again.")}
        )
    distance = geo.distance_m(float(lat), float(lon), float(mission.latitude), float(mission.longitude))
    if distance > mission.radius_m:
        raise ValidationError(
            {
                "latitude": _("You are %(distance)s m from the site; come within %(radius)s m and send again.")
                % {"distance": f"{round(distance):,}".replace(",", "."), "radius": mission.radius_m}
            }
        )
    return lat, lon, round(distance)


def _check_content(mission: Mission, answer: str, files: list) -> list:
    if mission.kind == MissionKind.QUESTION and not answer.strip():
        raise ValidationError({"answer": _("Write your group's answer.")})
    if mission.needs_file and not files:
        raise ValidationError({"files": _("Add a photo or video as evidence.")})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Send at most %(count)s files.") % {"count": MAX_FILES}})
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_mission_file(uploaded)))
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from None
    return checked


def _judge_automatically(submission: Submission, mission: Mission, now: datetime.datetime) -> None:
    if is_right(mission, submission.answer):
        submission.status, submission.points = Submission.Status.APPROVED, mission.points
    else:
        submission.status, submission.points = Submission.Status.REJECTED, None
        submission.judge_note = _("The answer is not right.")
    submission.judged_at = now


def submit(
    mission: Mission,
    user,
    *,
    answer: str = "",
    files=(),
    latitude=None,
    longitude=None,
    accuracy=None,
    client_id: uuid.UUID | None = None,
    now: datetime.datetime | None = None,
) -> Sent:
    """Hand in the user's group's attempt at the mission; the same ``client_id`` twice gives the first back."""
    if client_id is not None:
        earlier = Submission.objects.filter(client_id=client_id).first()
        if earlier is not None:
            if earlier.mission_id != mission.pk or earlier.submitted_by_id != user.pk:
                raise ValidationError({"client_id": _("This id belongs to another submission.")})
            return Sent(earlier, created=False)
    now = now or timezone.now()
    _refuse_outside_window(mission, now)
    invitee = mission.event.invitees.select_related("group").filter(user=user).first()
    if invitee is None or invitee.group is None:
        raise ValidationError(_("You are not in a group of this event."), code="no_group")
    checked = _check_content(mission, answer, list(files))
    lat = lon = distance = None
    if mission.kind == MissionKind.SITE_VISIT:
        lat, lon, distance = _place(mission, latitude, longitude)
    try:
        with transaction.atomic():
            # One group's members send at once from several phones: the group's row orders them.
            group = Group.objects.select_for_update().get(pk=invitee.group_id)
            attempt = _refuse_by_history(mission, group)
            submission = Submission(
                mission=mission,
                group=group,
                submitted_by=user,
                submitted_at=now,
                attempt=attempt,
                client_id=client_id,
                answer=answer.strip(),
                latitude=lat,
                longitude=lon,
                accuracy_m=_whole(accuracy),
                distance_m=distance,
            )
            if mission.checked_automatically:
                _judge_automatically(submission, mission, now)
            submission.save()
            for uploaded, result in checked:
                stored = SubmissionFile(submission=submission, uploaded_by=user)
                stored.attach(uploaded, result)
                if not stored.content_type.startswith("video/"):
                    thumbnail = make_thumbnail(uploaded)
                    if thumbnail is not None:
                        stored.thumbnail.save(thumbnail.name, thumbnail, save=False)
                stored.save()
            if mission.checked_automatically:
                transaction.on_commit(lambda: notify_judged.enqueue(submission_id=submission.pk))
    except IntegrityError:
        if client_id is not None and Submission.objects.filter(client_id=client_id).exists():
            return Sent(Submission.objects.get(client_id=client_id), created=False)
        raise ValidationError(
            _("Another member of your group handed this mission in at the same moment."), code="pending"
        ) from None
    return Sent(submission, created=True)


def _whole(value) -> int | None:
    try:
        number = round(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 <= number <= 1_000_000 else None

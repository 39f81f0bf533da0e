"""Judging: the review queue without names, approving with points (per criterion for a creative task) or rejecting."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import may_judge
from .models import Event, Group, MissionKind, Submission, SubmissionFile
from .tasks import notify_judged


def queue(event: Event):
    """Submissions waiting for a judge, oldest first, with their mission and files: two queries at any size."""
    return (
        Submission.objects.pending()
        .filter(mission__event=event)
        .select_related("mission")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )


def _points(submission: Submission, points, criterion_points) -> tuple[int, dict]:
    mission = submission.mission
    if mission.kind == MissionKind.CREATIVE:
        given, scores = criterion_points or {}, {}
        for criterion in mission.criteria:
            name, maximum = criterion["name"], criterion["max_points"]
            value = given.get(name)
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
                raise ValidationError(
                    {
                        "criterion_points": _("Give “%(name)s” between 0 and %(max)s points.")
                        % {"name": name, "max": maximum}
                    }
                )
            scores[name] = value
        return sum(scores.values()), scores
    if points in (None, ""):
        return mission.points, {}
    try:
        value = int(points)
    except (TypeError, ValueError):
        value = -1
    if not 0 <= value <= mission.points:
        raise ValidationError({"points": _("Give between 0 and %(max)s points.") % {"max": mission.points}})
    return value, {}


@transaction.atomic
def judge(
    submission: Submission, *, approve: bool, by, points=None, criterion_points=None, note: str = ""
) -> Submission:
    """Approve (with the mission's points, adjusted, or the rubric's sum) or reject with a note.

    An approved submission may be judged again to adjust its points; a rejected one is final
    (the group sends a new attempt).
    """
    submission = Submission.objects.select_for_update().select_related("mission__event").get(pk=submission.pk)
    if not may_judge(by, submission.mission.event):
        raise PermissionDenied
    if submission.status == Submission.Status.REJECTED:
        raise ValidationError(_("This submission was rejected; the group may send a new one."), code="judged")
    if submission.status == Submission.Status.APPROVED and not approve:
        raise ValidationError(_("An approved submission can only have its points adjusted."), code="judged")
    note = note.strip()
    if approve:
        submission.points, submission.criterion_points = _points(submission, points, criterion_points)
        submission.status = Submission.Status.APPROVED
    else:
        if not note:
            raise ValidationError({"note": _("Say why it is rejected, so that the group can do better.")})
        submission.status, submission.points, submission.criterion_points = Submission.Status.REJECTED, None, {}
    submission.judge_note, submission.judged_by, submission.judged_at = note, by, timezone.now()
    submission.save(update_fields=["status", "points", "criterion_points", "judge_note", "judged_by", "judged_at"])
    transaction.on_commit(lambda: notify_judged.enqueue(submission_id=submission.pk))
    return submission


def leaderboard(event: Event) -> list[Group]:
    """The groups by points of their approved work; a tie goes to the group that reached it first. One query."""
    approved = Q(submissions__status=Submission.Status.APPROVED)
    groups = list(
        Group.objects.filter(event=event)
        .select_related("captain__user")
        .annotate(
            score=Coalesce(Sum("submissions__points", filter=approved), 0),
            approved_count=Count("submissions", filter=approved),
            pending_count=Count("submissions", filter=Q(submissions__status=Submission.Status.PENDING)),
            reached_at=Max("submissions__judged_at", filter=approved),
        )
        .order_by("-score", F("reached_at").asc(nulls_last=True), "number")
    )
    rank, previous = 0, None
    for position, group in enumerate(groups, start=1):
        if group.score != previous:
            rank, previous = position, group.score
        group.rank = rank
    return groups


def gallery(event: Event, group: Group | None = None):
    """The photos and videos of approved work (of one group, for its members)."""
    files = SubmissionFile.objects.filter(
        submission__mission__event=event, submission__status=Submission.Status.APPROVED
    ).select_related("submission__mission", "submission__group")
    if group is not None:
        files = files.filter(submission__group=group)
    return files.order_by("-submission__judged_at", "pk")

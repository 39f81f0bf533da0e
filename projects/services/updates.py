"""Progress updates with their evidence, moving a milestone's progress when one is reported on."""

import datetime
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat.history import attribute
from evidence.checks import check_evidence
from evidence.thumbnails import make_thumbnail
from people.models import User

from ..models import ChangeProject, Evidence, Milestone, ProgressUpdate
from .guards import _locked, _require_owner
from .milestones import _settle_milestone_status


@transaction.atomic
def post_update(
    project: ChangeProject,
    *,
    by: User,
    note: str,
    happened_on: datetime.date | None = None,
    milestone: Milestone | None = None,
    progress: int | None = None,
    files: Sequence = (),
    client_id: uuid.UUID | None = None,
) -> ProgressUpdate:
    """Record progress with its evidence, moving the milestone's progress when one is given."""
    project = _locked(project)
    _require_owner(by, project)
    if not project.accepts_updates:
        raise ValidationError(
            _("Progress can be reported once the mentor has approved the project (now: %(status)s).")
            % {"status": project.get_status_display()}
        )
    errors = {}
    happened_on = happened_on or timezone.localdate()
    if happened_on > timezone.localdate():
        errors["happened_on"] = _("An update cannot be dated in the future.")
    if not note.strip():
        errors["note"] = _("Describe what was done.")
    if milestone is not None and milestone.project_id != project.pk:
        errors["milestone"] = _("This milestone belongs to another project.")
    elif milestone is not None and milestone.status == Milestone.Status.CANCELLED:
        errors["milestone"] = _("This milestone is cancelled: report on another one.")
    if progress is not None:
        if milestone is None:
            errors["progress"] = _("Choose the milestone whose progress changed.")
        elif not 0 <= progress <= 100:
            errors["progress"] = _("Progress must be between 0 and 100%.")
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_evidence(uploaded)))
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    update = ProgressUpdate.objects.create(
        project=project,
        milestone=milestone,
        author=by,
        happened_on=happened_on,
        note=note.strip(),
        client_id=client_id,
    )
    if milestone is not None and progress is not None:
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        update.progress_before, update.progress_after = milestone.progress, progress
        update.save(update_fields=["progress_before", "progress_after"])
        milestone.progress = progress
        if progress < 100 and milestone.status == Milestone.Status.DONE:
            milestone.status = Milestone.Status.IN_PROGRESS
        _settle_milestone_status(milestone, happened_on)
        attribute(milestone, by=by, reason=update.note)
        milestone.save(update_fields=["progress", "status", "completed_on"])
    for uploaded, info in checked:
        evidence = Evidence(update=update, uploaded_by=by)
        evidence.attach(uploaded, info)
        if evidence.is_image and (thumbnail := make_thumbnail(uploaded)) is not None:
            evidence.thumbnail.save(thumbnail.name, thumbnail, save=False)
        evidence.save()
    return update


class Posted(NamedTuple):
    update: ProgressUpdate
    created: bool


def post_update_once(project: ChangeProject, *, by: User, client_id: uuid.UUID | None, **details) -> Posted:
    """``post_update``, except that the same client id again answers with the update it made the first time
    (without an id, each call posts).

    A phone that lost the answer sends the update again: it must find the first one, not make a second."""
    if client_id is None:
        return Posted(post_update(project, by=by, **details), created=True)
    try:
        with transaction.atomic():
            _locked(project)  # a retry racing the first waits here until the first has committed
            earlier = ProgressUpdate.objects.filter(client_id=client_id).first()
            if earlier is not None:
                if earlier.author_id != by.pk or earlier.project_id != project.pk:
                    raise ValidationError({"client_id": _("This id belongs to another update.")})
                if earlier.note != details.get("note", "").strip():
                    # The same form sent again with other words (back, edit, post) is a new update, not a retry.
                    raise ValidationError(
                        _("This form was posted already. Open the form again to post another update.")
                    )
                return Posted(earlier, created=False)
            return Posted(post_update(project, by=by, client_id=client_id, **details), created=True)
    except IntegrityError:
        # Only the same id sent at once for two different projects gets here (each waited on its own project).
        raise ValidationError({"client_id": _("This id belongs to another update.")}) from None


def update_delivered(client_id: uuid.UUID, *, by: User) -> bool:
    """Whether the update ``by`` posted with this client id arrived (a phone asks before sending its photos again)."""
    return ProgressUpdate.objects.filter(client_id=client_id, author=by).exists()

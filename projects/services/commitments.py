"""Recording the written commitment for medium- and long-term work, with its signed scan."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.checks import check_evidence
from people.models import User
from people.nip import normalise

from ..models import ChangeProject, Commitment, CommitmentScan, Signatory
from .guards import _locked, _require_owner

ROLES = [role.value for role in Signatory.Role]


@transaction.atomic
def record_commitment(
    project: ChangeProject,
    *,
    by: User,
    signed_on: datetime.date | None,
    signatories: dict[str, dict],
    files: Sequence,
    summary: str = "",
) -> Commitment:
    """Record a commitment signed by the participant, the mentor and the agency head, with its scan.

    ``signatories`` maps each role (participant, mentor, agency_head) to its name, position and NIP
    (optional); errors are keyed ``<role>_<field>``, as the form names its fields.
    """
    project = _locked(project)
    _require_owner(by, project)
    errors: dict[str, list[str]] = {}
    if signed_on is None:
        errors["signed_on"] = [_("Give the date the commitment was signed.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("A commitment cannot be signed in the future.")]
    elif signed_on < project.enrolment.cohort.start_date:
        errors["signed_on"] = [
            _("The commitment is signed during or after the training, which started on %(start)s.")
            % {"start": f"{project.enrolment.cohort.start_date:%d-%m-%Y}"}
        ]
    rows = []
    for role in ROLES:
        given = signatories.get(role) or {}
        row = Signatory(
            role=role,
            name=(given.get("name") or "").strip(),
            position=(given.get("position") or "").strip(),
            nip=normalise(given.get("nip") or ""),
        )
        try:
            row.full_clean(exclude=["commitment"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"{role}_{field}", []).extend(messages)
        rows.append(row)
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_evidence(uploaded)))
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if not checked and "files" not in errors:
        errors["files"] = [_("Attach the scan of the signed commitment.")]
    if errors:
        raise ValidationError(errors)
    commitment = Commitment.objects.create(
        project=project, signed_on=signed_on, summary=summary.strip(), recorded_by=by
    )
    for row in rows:
        row.commitment = commitment
    Signatory.objects.bulk_create(rows)
    for uploaded, info in checked:
        scan = CommitmentScan(commitment=commitment, uploaded_by=by)
        scan.attach(uploaded, info)
        scan.save()
    return commitment

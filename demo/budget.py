"""The demo's budget in every stage, and its written commitments, as the services would leave them.

A line's approval carries its budget document and the approver the rule set names (the mentor by
default); a realisation carries its SP2D and a scan of it.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projects.models import BudgetEvidence, BudgetLine, ChangeProject, Commitment, CommitmentScan, Signatory

from .files import pdf_bytes


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def approve(line: BudgetLine, *, by, amount: int, document: str, on: datetime.date) -> None:
    line.approved, line.document_reference, line.document_date = amount, document, on
    line.approved_by, line.approved_at = by, moment(on)


def realise(line: BudgetLine, *, amount: int, on: datetime.date, serial: int) -> str:
    """Set the realisation; return its SP2D number (the scan is written by ``scans``)."""
    line.realised = amount
    line.realisation_reference = f"SP2D {serial:05d}/{line.fiscal_year}"
    line.realised_at = moment(on)
    if amount > (line.approved or 0):
        line.overrun_reason = "Penyesuaian harga satuan (SSH) setelah DPA ditetapkan."
    return line.realisation_reference


def scans(lines: list[BudgetLine], by_line: dict[int, object]) -> list[BudgetEvidence]:
    """One scan of its SP2D per realised line, uploaded by the participant."""
    rows = []
    for line in lines:
        if line.realised is None or line.pk is None:
            continue
        evidence = BudgetEvidence(line=line, uploaded_by=by_line[line.pk])
        name = line.realisation_reference.replace(" ", "-").replace("/", "-")
        evidence.attach(SimpleUploadedFile(f"{name}.pdf", pdf_bytes(line.realisation_reference)))
        rows.append(evidence)
    return rows


def confirmed_lines(project: ChangeProject, rows: list[dict], *, owner, mentor, today: datetime.date) -> None:
    """Create a project's lines: those the plan approved get their DPA and approver, realised ones their SP2D."""
    lines = []
    for number, row in enumerate(rows):
        row = dict(row)
        approved, realised = row.pop("approved", None), row.pop("realised", None)
        line = BudgetLine(project=project, **row)
        if approved is not None:
            document = line.document_reference or f"DPA-{project.pk:03d}/{line.fiscal_year}"
            approve(line, by=mentor, amount=approved, document=document, on=datetime.date(line.fiscal_year, 1, 6))
        if realised is not None:
            realise(line, amount=realised, on=today - datetime.timedelta(days=7), serial=project.pk * 10 + number)
        lines.append(line)
    BudgetLine.objects.bulk_create(lines)
    for evidence in scans(lines, {line.pk: owner for line in lines}):
        evidence.save()


def commitment(project: ChangeProject, *, owner, mentor, head: str, head_position: str, on: datetime.date) -> None:
    """The written commitment for the work after the training, with its signed scan."""
    signed = Commitment.objects.create(
        project=project,
        signed_on=on,
        summary="Melanjutkan tahapan jangka menengah dan jangka panjang serta menganggarkannya dalam DPA.",
        recorded_by=owner,
    )
    participant = project.enrolment.participant
    Signatory.objects.bulk_create(
        [
            Signatory(
                commitment=signed,
                role=Signatory.Role.PARTICIPANT,
                name=owner.get_full_name(),
                position=participant.position or "Peserta",
                nip=participant.nip or "",
            ),
            Signatory(commitment=signed, role=Signatory.Role.MENTOR, name=mentor.get_full_name(), position="Mentor"),
            Signatory(commitment=signed, role=Signatory.Role.AGENCY_HEAD, name=head, position=head_position),
        ]
    )
    scan = CommitmentScan(commitment=signed, uploaded_by=owner)
    scan.attach(SimpleUploadedFile("komitmen-bersama.pdf", pdf_bytes(f"Komitmen bersama {project.title}")))
    scan.save()


def confirm_feedback_lines(todo: list, today: datetime.date) -> None:
    """Put the money the replay followed on each item's line: approved with its DPA, realised with its SP2D."""
    lines = []
    for done in todo:
        line = done.budget.lines[0]
        if done.approved is None:
            continue
        if line.realised is not None and done.realised is None:  # already realised: keep it
            continue
        mentor = line.project.enrolment.assignments.get(role="mentor").user
        day = datetime.date(line.fiscal_year, 1, 6)
        approve(line, by=mentor, amount=done.approved, document=done.reference, on=min(day, today))
        line.realised, line.realisation_reference, line.realised_at, line.overrun_reason = None, "", None, ""
        if done.realised is not None:
            realise(line, amount=done.realised, on=today - datetime.timedelta(days=3), serial=line.pk)
        lines.append(line)
    fields = ["approved", "document_reference", "document_date", "approved_by", "approved_at", "realised"]
    fields += ["realisation_reference", "overrun_reason", "realised_at"]
    BudgetLine.objects.bulk_update(lines, fields)
    BudgetEvidence.objects.filter(line__in=lines).delete()
    for evidence in scans(lines, {line.pk: line.project.enrolment.participant.user for line in lines}):
        evidence.save()

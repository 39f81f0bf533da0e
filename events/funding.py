"""An event's funding: the lines by source, their sums, and how much of it companies' CSR funds carry."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import Event, FundingDocument, FundingLine, FundingSource


@dataclass(frozen=True)
class SourceTotal:
    source: str
    label: str
    planned: int
    committed: int
    realised: int


@dataclass(frozen=True)
class FundingSummary:
    by_source: list[SourceTotal]
    planned: int
    committed: int
    realised: int

    def _share(self, attribute: str) -> float | None:
        total = getattr(self, attribute)
        csr = sum(getattr(row, attribute) for row in self.by_source if row.source == FundingSource.CSR)
        return round(100 * csr / total, 1) if total else None

    @property
    def csr_share_planned(self) -> float | None:
        return self._share("planned")

    @property
    def csr_share_realised(self) -> float | None:
        return self._share("realised")


def summary(event: Event) -> FundingSummary:
    """Planned, committed and realised per source, in one query."""
    rows = {
        row["source"]: row
        for row in FundingLine.objects.filter(event=event)
        .order_by()
        .values("source")
        .annotate(planned=Sum("planned"), committed=Sum("committed"), realised=Sum("realised"))
    }
    by_source = [
        SourceTotal(source, label, rows[source]["planned"], rows[source]["committed"], rows[source]["realised"])
        for source, label in FundingSource.choices
        if source in rows
    ]
    return FundingSummary(
        by_source,
        sum(row.planned for row in by_source),
        sum(row.committed for row in by_source),
        sum(row.realised for row in by_source),
    )


def save_line(line: FundingLine) -> FundingLine:
    line.company = " ".join(line.company.split())
    if line.source == FundingSource.CSR and not line.company:
        raise ValidationError({"company": _("Name the company whose CSR funds these are.")})
    if line.source != FundingSource.CSR:
        line.company = line.company if line.source == FundingSource.OTHER else ""
    line.full_clean(exclude=["event"])
    line.save()
    return line


@transaction.atomic
def attach_document(line: FundingLine, uploaded, *, by) -> FundingDocument:
    document = FundingDocument(line=line, uploaded_by=by)
    try:
        document.attach(uploaded)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document.save()
    return document

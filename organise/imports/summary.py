"""What the batch page shows: the counts, the rows of one kind, and each row's problems by column."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from organise.models import ImportBatch, ImportRow

from .columns import BY_KEY

SHOWN = {
    "problems": _("With errors"),
    "ready": _("Ready"),
    "skipped": _("Skipped"),
    "all": _("All rows"),
}


@dataclass(frozen=True)
class BatchCounts:
    rows: int
    failing: int
    skipped: int

    @property
    def ready(self) -> int:
        return self.rows - self.failing - self.skipped


def counts_of(batch: ImportBatch) -> BatchCounts:
    found = batch.rows.aggregate(
        rows=Count("pk"),
        failing=Count("pk", filter=Q(skipped=False) & ~Q(errors={})),
        skipped=Count("pk", filter=Q(skipped=True)),
    )
    return BatchCounts(**found)


def default_shown(counts: BatchCounts) -> str:
    return "problems" if counts.failing else "all"


def rows_shown(batch: ImportBatch, shown: str):
    rows = batch.rows.all()
    if shown == "problems":
        return rows.failing()
    if shown == "ready":
        return rows.taken().filter(errors={})
    if shown == "skipped":
        return rows.filter(skipped=True)
    return rows


@dataclass(frozen=True)
class Problem:
    label: str  # the column's, empty for what concerns the whole row
    value: str
    messages: list[str]


@dataclass
class ShownRow:
    row: ImportRow
    problems: list[Problem] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        return self.row.values.get("nip") or self.row.values.get("ni_pppk") or ""


def shown_rows(rows) -> list[ShownRow]:
    """Each row with its errors in the template's column order, the row's own first."""
    order = {key: index for index, key in enumerate(["", *BY_KEY])}
    shown = []
    for row in rows:
        problems = [
            Problem(str(BY_KEY[key].label) if key in BY_KEY else "", row.values.get(key, ""), messages)
            for key, messages in sorted(row.errors.items(), key=lambda item: order.get(item[0], len(order)))
        ]
        shown.append(ShownRow(row, problems))
    return shown

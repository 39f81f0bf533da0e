"""Report charts: pure functions from report rows to SVG or PNG bytes (matplotlib's Figure, never pyplot).

matplotlib is imported once per process, when the first chart is drawn (``mpl``): it costs a
second that no other page, nor ``manage.py check``, should pay. A Figure renders through the
canvas that ``savefig`` picks for the format, so no backend is chosen and no global figure
state is kept.
"""

import functools
import textwrap
from io import BytesIO
from types import SimpleNamespace

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from diklat.formatting import rupiah

from .cells import month_name
from .queries.seminars import SCORE_BANDS
from .tables import Kind, ReportTable


@functools.cache
def mpl() -> SimpleNamespace:
    """matplotlib's Figure and tick helpers, imported and configured on first use."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    matplotlib.rcParams["svg.hashsalt"] = "diklat-tracker"  # stable element ids: same data, same bytes
    matplotlib.rcParams["font.size"] = 9
    return SimpleNamespace(Figure=Figure, MaxNLocator=MaxNLocator, PercentFormatter=PercentFormatter)


FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
OK, LATE, BAD, OPEN, GREY, BRAND = "#2e7d4f", "#e0a030", "#c0392b", "#4a90c2", "#b0b7bf", "#1f5f8b"
PALETTE = [BRAND, OPEN, OK, LATE, BAD, GREY, "#7b5ea7"]


def render(fig, fmt: str) -> bytes:
    buffer = BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def _figure(rows_count: float = 4, *, horizontal: bool = False) -> tuple:
    height = max(2.6, 0.45 * rows_count + 1.2) if horizontal else 3.4
    fig = mpl().Figure(figsize=(8 if horizontal else 7, height), layout="constrained")
    return fig, fig.subplots()


def _empty(fmt: str) -> bytes:
    fig = mpl().Figure(figsize=(7, 1.6))
    fig.text(0.5, 0.5, _("No data for these filters."), ha="center", va="center", color="#555")
    return render(fig, fmt)


def _style(ax, *, legend: bool = True) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="both", color="#e5e8eb", linewidth=0.6)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def stacked_bars(labels, series, fmt: str, *, horizontal: bool = False, ylabel: str = "") -> bytes:
    """Bars of ``labels``, one stacked segment per (name, values, colour) in ``series``."""
    labels = [textwrap.fill(str(label), 34) if horizontal else str(label) for label in labels]
    if not labels or not any(any(values) for _name, values, _colour in series):
        return _empty(fmt)
    fig, ax = _figure(len(labels) * (1 + max(label.count("\n") for label in labels) / 2), horizontal=horizontal)
    base = [0] * len(labels)
    for name, values, colour in series:
        if horizontal:
            ax.barh(labels, values, left=base, label=str(name), color=colour)
        else:
            ax.bar(labels, values, bottom=base, label=str(name), color=colour)
        base = [b + (v or 0) for b, v in zip(base, values, strict=True)]
    axis = ax.xaxis if horizontal else ax.yaxis
    axis.set_major_locator(mpl().MaxNLocator(integer=True))
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
    else:
        ax.set_ylabel(ylabel)
    _style(ax, legend=len(series) > 1)
    return render(fig, fmt)


def grouped_bars(labels, series, fmt: str, *, ylabel: str = "", money: bool = False) -> bytes:
    labels = [str(label) for label in labels]
    if not labels or not any(any(values) for _name, values, _colour in series):
        return _empty(fmt)
    fig, ax = _figure()
    width = 0.8 / len(series)
    for index, (name, values, colour) in enumerate(series):
        positions = [i + (index - (len(series) - 1) / 2) * width for i in range(len(labels))]
        ax.bar(positions, [v / 1_000_000 if money else v for v in values], width, label=str(name), color=colour)
    ax.set_xticks(range(len(labels)), labels)
    if not money:
        ax.yaxis.set_major_locator(mpl().MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    _style(ax)
    return render(fig, fmt)


# --- one function per chart, each taking the rows of its report table -------------------------


def milestones_by_horizon(rows, fmt: str) -> bytes:
    rows = list(rows)
    return stacked_bars(
        [row["horizon"] for row in rows],
        [
            (_("Done on time"), [row["done_on_time"] for row in rows], OK),
            (_("Done late"), [row["done_late"] for row in rows], LATE),
            (_("Overdue"), [row["overdue"] for row in rows], BAD),
            (_("Open, not yet due"), [row["open"] for row in rows], OPEN),
        ],
        fmt,
        ylabel=_("Milestones"),
    )


def projects_by_status(rows, fmt: str) -> bytes:
    rows = list(rows)
    return stacked_bars(
        [row["status"] for row in rows], [(_("Projects"), [row["count"] for row in rows], BRAND)], fmt, horizontal=True
    )


def score_distribution(rows, fmt: str) -> bytes:
    rows = list(rows)
    return grouped_bars(
        [label for _key, label, *_rest in SCORE_BANDS],
        [(row["kind"], [row[key] for key, *_rest in SCORE_BANDS], PALETTE[i]) for i, row in enumerate(rows)],
        fmt,
        ylabel=_("Presentations"),
    )


def innovation_share(rows, fmt: str) -> bytes:
    rows = list(rows)
    return stacked_bars(
        [f"{row['cohort']} — {row['seminar']}" for row in rows],
        [
            (_("Innovation"), [row["innovation"] for row in rows], OK),
            (_("Examiners split"), [row["tied"] for row in rows], LATE),
            (_("Routine work"), [row["routine"] for row in rows], BAD),
            (_("Not classified"), [row["unclassified"] for row in rows], GREY),
        ],
        fmt,
        horizontal=True,
        ylabel=_("Presentations"),
    )


def feedback_by_category(rows, fmt: str) -> bytes:
    rows = list(rows)
    return stacked_bars(
        [row["category"] for row in rows],
        [
            (_("Open"), [row["open"] for row in rows], BAD),
            (_("Accepted"), [row["accepted"] for row in rows], LATE),
            (_("In progress"), [row["in_progress"] for row in rows], OPEN),
            (_("Implemented"), [row["implemented"] for row in rows], OK),
            (_("Verified"), [row["verified"] for row in rows], "#1b5e37"),
            (_("Rejected"), [row["rejected"] for row in rows], GREY),
        ],
        fmt,
        horizontal=True,
        ylabel=_("Feedback items"),
    )


def budget_amounts(rows, fmt: str) -> bytes:
    years: dict = {}
    for row in rows:
        totals = years.setdefault(row["fiscal_year"], [0, 0, 0])
        for index, key in enumerate(("asked", "approved", "realised")):
            totals[index] += row[key]
    labels = sorted(years)
    return grouped_bars(
        labels,
        [
            (_("Asked for"), [years[y][0] for y in labels], GREY),
            (_("Approved"), [years[y][1] for y in labels], OPEN),
            (_("Realised"), [years[y][2] for y in labels], OK),
        ],
        fmt,
        ylabel=_("Million rupiah"),
        money=True,
    )


def budget_lines(rows, fmt: str) -> bytes:
    """Budget lines per fiscal year: planned, approved and realised (all sources together)."""
    years: dict = {}
    for row in rows:
        totals = years.setdefault(row["fiscal_year"], [0, 0, 0])
        for index, key in enumerate(("planned", "approved", "realised")):
            totals[index] += row[key]
    labels = sorted(years)
    return grouped_bars(
        labels,
        [
            (_("Planned"), [years[y][0] for y in labels], GREY),
            (_("Approved"), [years[y][1] for y in labels], OPEN),
            (_("Realised"), [years[y][2] for y in labels], OK),
        ],
        fmt,
        ylabel=_("Million rupiah"),
        money=True,
    )


def coverage_by_innovation(rows, fmt: str) -> bytes:
    rows = [row for row in rows if row["targets"]]
    if not rows:
        return _empty(fmt)
    fig, ax = _figure(len(rows), horizontal=True)
    labels = [textwrap.fill(str(row["innovation"]), 34) for row in rows]
    ax.barh(labels, [100] * len(rows), color="#eef1f4")
    ax.barh(labels, [row["coverage"] for row in rows], color=OK)
    for index, row in enumerate(rows):
        ax.text(101, index, f"{row['covered']}/{row['targets']}", va="center", fontsize=8)
    ax.set_xlim(0, 112)
    ax.xaxis.set_major_formatter(mpl().PercentFormatter())
    ax.invert_yaxis()
    _style(ax, legend=False)
    return render(fig, fmt)


def adoptions_over_time(rows, fmt: str) -> bytes:
    rows = list(rows)
    if not rows:
        return _empty(fmt)
    fig, ax = _figure()
    labels = [date_format(row["month"], "M Y") for row in rows]  # "Mei 2026", not "05-2026"
    ax.bar(labels, [row["applied"] for row in rows], color=OPEN, label=_("Adoptions applied"))
    ax.plot(labels, [row["cumulative"] for row in rows], color=BRAND, marker="o", label=_("Cumulative"))
    ax.yaxis.set_major_locator(mpl().MaxNLocator(integer=True))
    if len(labels) > 8:
        ax.tick_params(axis="x", labelrotation=45)
    _style(ax)
    return render(fig, fmt)


# --- alt text ---------------------------------------------------------------------------------


def _value(value, kind: Kind) -> str:
    if value is None:
        return "—"
    if kind == Kind.PERCENT:
        return f"{number_format(value, 1)} %"
    if kind == Kind.RUPIAH:
        return rupiah(value)
    return str(value)


def _label(value, kind: Kind) -> str:
    return month_name(value) if kind == Kind.MONTH else str(value)


def describe(table: ReportTable, label_key: str, keys: list[str], limit: int = 12) -> str:
    """Alt text reading out the figures behind a chart: "Short-term: Done on time 1, Done late 1; …"."""
    columns = {column.key: column for column in table.columns}
    rows = list(table.rows)
    if not rows or not any(row.get(key) for row in rows for key in keys):
        return _("%(title)s: no data for these filters.") % {"title": table.title}
    parts = [
        f"{_label(row[label_key], columns[label_key].kind)}: "
        + ", ".join(f"{columns[key].header} {_value(row.get(key), columns[key].kind)}" for key in keys)
        for row in rows[:limit]
    ]
    more = _(" … and %(count)s more.") % {"count": len(rows) - limit} if len(rows) > limit else "."
    return f"{table.title}. " + "; ".join(parts) + more

"""Report charts: pure functions from report rows to SVG or PNG bytes, for a desktop card or a phone.

The drawing primitives and the two layouts live in ``reports.plotting``; each function here
takes the rows of its report table, the format and the layout.
"""

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from diklat.formatting import rupiah

from .cells import month_name
from .plotting import (
    BAD,
    BRAND,
    DESKTOP,
    GREY,
    LATE,
    OK,
    OPEN,
    PALETTE,
    Layout,
    empty,
    figure,
    grouped_bars,
    mpl,
    render,
    stacked_bars,
    style,
    value_ticks,
    wrap,
)
from .queries.seminars import SCORE_BANDS
from .tables import Kind, ReportTable

# --- one function per chart, each taking the rows of its report table -------------------------


def milestones_by_horizon(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
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
        layout,
        ylabel=_("Milestones"),
    )


def projects_by_status(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
    rows = list(rows)
    return stacked_bars(
        [row["status"] for row in rows],
        [(_("Projects"), [row["count"] for row in rows], BRAND)],
        fmt,
        layout,
        horizontal=True,
    )


def score_distribution(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
    rows = list(rows)
    return grouped_bars(
        [label for _key, label, *_rest in SCORE_BANDS],
        [(row["kind"], [row[key] for key, *_rest in SCORE_BANDS], PALETTE[i]) for i, row in enumerate(rows)],
        fmt,
        layout,
        ylabel=_("Presentations"),
    )


def innovation_share(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
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
        layout,
        horizontal=True,
        ylabel=_("Presentations"),
    )


def feedback_by_category(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
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
        layout,
        horizontal=True,
        ylabel=_("Feedback items"),
    )


def budget_amounts(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
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
        layout,
        ylabel=_("Million rupiah"),
        money=True,
    )


def budget_lines(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
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
        layout,
        ylabel=_("Million rupiah"),
        money=True,
    )


def coverage_by_innovation(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
    rows = [row for row in rows if row["targets"]]
    if not rows:
        return empty(fmt, layout)
    labels = [wrap(row["innovation"], layout) for row in rows]
    fig, ax = figure(layout, len(rows) * (1 + max(label.count("\n") for label in labels) / 2), horizontal=True)
    ax.barh(labels, [100] * len(rows), color="#eef1f4")
    ax.barh(labels, [row["coverage"] for row in rows], color=OK)
    for index, row in enumerate(rows):
        ax.text(101, index, f"{row['covered']}/{row['targets']}", va="center", fontsize=layout.font)
    ax.set_xlim(0, 118 if layout.legend_below else 112)
    ax.set_xticks([0, 50, 100] if layout.legend_below else [0, 20, 40, 60, 80, 100])
    ax.xaxis.set_major_formatter(mpl().PercentFormatter())
    ax.invert_yaxis()
    style(fig, ax, layout, legend=False)
    return render(fig, fmt)


def adoptions_over_time(rows, fmt: str, layout: Layout = DESKTOP) -> bytes:
    rows = list(rows)
    if not rows:
        return empty(fmt, layout)
    fig, ax = figure(layout)
    labels = [date_format(row["month"], "M Y") for row in rows]  # "Mei 2026", not "05-2026"
    ax.bar(labels, [row["applied"] for row in rows], color=OPEN, label=_("Adoptions applied"))
    ax.plot(labels, [row["cumulative"] for row in rows], color=BRAND, marker="o", label=_("Cumulative"))
    value_ticks(ax.yaxis, layout)
    if len(labels) > (4 if layout.legend_below else 8):
        ax.tick_params(axis="x", labelrotation=45)
    style(fig, ax, layout)
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

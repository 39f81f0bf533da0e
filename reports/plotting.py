"""Drawing primitives of the report charts: matplotlib's Figure (never pyplot), two layouts, SVG or PNG bytes.

matplotlib is imported once per process, when the first chart is drawn (``mpl``): it costs a
second that no other page, nor ``manage.py check``, should pay. A Figure renders through the
canvas that ``savefig`` picks for the format, so no backend is chosen and no global figure
state is kept.

A chart is drawn for a desktop card or for a phone (``PHONE``): narrower, larger type, fewer
ticks, shorter lines of label and the legend under the plot instead of beside it, so that at
290 CSS pixels wide (a 360 px phone) no text is smaller than 10 px. SVG text stays text (``svg.fonttype``): it
scales, reads aloud and can be found with the browser's search.
"""

import functools
import textwrap
from dataclasses import dataclass
from io import BytesIO
from types import SimpleNamespace

from django.utils.translation import gettext as _

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
OK, LATE, BAD, OPEN, GREY, BRAND = "#2e7d4f", "#e0a030", "#c0392b", "#4a90c2", "#b0b7bf", "#1f5f8b"
PALETTE = [BRAND, OPEN, OK, LATE, BAD, GREY, "#7b5ea7"]


@dataclass(frozen=True)
class Layout:
    name: str
    width: float  # inches; the bar charts laid sideways get ``wide_width``
    wide_width: float
    font: float  # points, for ticks and the legend; labels are one point larger
    wrap: int  # characters per line of a long category label
    ticks: int  # at most this many value ticks
    legend_below: bool
    bar_height: float  # inches per bar laid sideways
    plot_height: float  # inches, of the upright charts


DESKTOP = Layout(
    "desktop", width=7, wide_width=8, font=9, wrap=34, ticks=8, legend_below=False, bar_height=0.45, plot_height=3.4
)
PHONE = Layout(
    "phone", width=4, wide_width=4, font=10.5, wrap=18, ticks=4, legend_below=True, bar_height=0.32, plot_height=3.6
)
LAYOUTS = {layout.name: layout for layout in (DESKTOP, PHONE)}


@functools.cache
def mpl() -> SimpleNamespace:
    """matplotlib's Figure and tick helpers, imported and configured on first use."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    matplotlib.rcParams["svg.hashsalt"] = "diklat-tracker"  # stable element ids: same data, same bytes
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "sans-serif"]
    return SimpleNamespace(Figure=Figure, MaxNLocator=MaxNLocator, PercentFormatter=PercentFormatter)


def render(fig, fmt: str) -> bytes:
    buffer = BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def figure(layout: Layout, rows_count: float = 4, *, horizontal: bool = False) -> tuple:
    width = layout.wide_width if horizontal else layout.width
    height = max(2.6, layout.bar_height * rows_count + 1.2) if horizontal else layout.plot_height
    fig = mpl().Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    ax.tick_params(labelsize=layout.font)
    return fig, ax


def empty(fmt: str, layout: Layout) -> bytes:
    fig = mpl().Figure(figsize=(layout.width, 1.6))
    fig.text(0.5, 0.5, _("No data for these filters."), ha="center", va="center", color="#555", fontsize=layout.font)
    return render(fig, fmt)


def wrap(label, layout: Layout) -> str:
    return textwrap.fill(str(label), layout.wrap)


def value_ticks(axis, layout: Layout, *, integer: bool = True) -> None:
    axis.set_major_locator(mpl().MaxNLocator(nbins=layout.ticks, integer=integer))


def style(fig, ax, layout: Layout, *, legend: bool = True) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="both", color="#e5e8eb", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.xaxis.label.set_size(layout.font + 1)
    ax.yaxis.label.set_size(layout.font + 1)
    if not legend:
        return
    if layout.legend_below:
        handles, labels = ax.get_legend_handles_labels()
        columns = 2 if len(labels) > 3 and max(len(label) for label in labels) <= 16 else 1
        fig.legend(handles, labels, loc="outside lower center", ncols=columns, frameon=False, fontsize=layout.font)
    else:
        ax.legend(frameon=False, fontsize=layout.font - 1, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def stacked_bars(labels, series, fmt: str, layout: Layout, *, horizontal: bool = False, ylabel: str = "") -> bytes:
    """Bars of ``labels``, one stacked segment per (name, values, colour) in ``series``."""
    labels = [wrap(label, layout) if horizontal else str(label) for label in labels]
    if not labels or not any(any(values) for _name, values, _colour in series):
        return empty(fmt, layout)
    lines = 1 + max(label.count("\n") for label in labels) / 2
    fig, ax = figure(layout, len(labels) * lines, horizontal=horizontal)
    base = [0] * len(labels)
    for name, values, colour in series:
        if horizontal:
            ax.barh(labels, values, left=base, label=str(name), color=colour)
        else:
            ax.bar(labels, values, bottom=base, label=str(name), color=colour)
        base = [b + (v or 0) for b, v in zip(base, values, strict=True)]
    value_ticks(ax.xaxis if horizontal else ax.yaxis, layout)
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
    else:
        ax.set_ylabel(ylabel)
        if layout.legend_below:
            ax.set_xticks(range(len(labels)), [textwrap.fill(label, 10) for label in labels])
    style(fig, ax, layout, legend=len(series) > 1)
    return render(fig, fmt)


def grouped_bars(labels, series, fmt: str, layout: Layout, *, ylabel: str = "", money: bool = False) -> bytes:
    labels = [str(label) for label in labels]
    if not labels or not any(any(values) for _name, values, _colour in series):
        return empty(fmt, layout)
    fig, ax = figure(layout)
    width = 0.8 / len(series)
    for index, (name, values, colour) in enumerate(series):
        positions = [i + (index - (len(series) - 1) / 2) * width for i in range(len(labels))]
        ax.bar(positions, [v / 1_000_000 if money else v for v in values], width, label=str(name), color=colour)
    ax.set_xticks(range(len(labels)), labels)
    if layout.legend_below and len(labels) > 4:
        ax.tick_params(axis="x", labelrotation=45)
    value_ticks(ax.yaxis, layout, integer=not money)
    ax.set_ylabel(ylabel)
    style(fig, ax, layout)
    return render(fig, fmt)

"""Evidence at a glance: diverging bars of sources for and against, per topic, as inline SVG.

Drawn on the server, so the chart needs no JavaScript and costs a handful of elements however
much evidence there is: each kind of bar is one <path> whose sub-paths are the rows. Against
goes left of the axis, for goes right; independent sources are solid, next to the axis, and
vendors' own sources hatched beyond them, so the independent part is what reads first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape

from frameworks.consensus import Tally
from guide.jinja2 import truncatechars

ROW = 22  # px per topic
BAR = 14
LABEL_WIDTH = 150  # topic names, right-aligned against the bars
HALF = 120  # the longest bar on either side
NUMBER = 22  # room for the count at the end of a bar
HEAD = 26  # column titles
MIN_SCALE = 4  # a single source never fills a bar


@dataclass(frozen=True)
class ChartRow:
    name: str
    anchor: str  # "#topic-performance": the topic's section on the page ("" for none)
    pros: Tally
    cons: Tally
    y: float  # baseline of the row's text
    con_x: float  # where the row's "against" count is written (text-anchor end)
    pro_x: float  # where the "for" count is written (text-anchor start)

    @property
    def description(self) -> str:
        """The row in words, for readers who do not see the chart."""

        def side(tally: Tally, word: str) -> str:
            text = f"{tally.independent} independent source{'s' if tally.independent != 1 else ''} {word}"
            return text + (f" (+{tally.vendor} vendor)" if tally.vendor else "")

        return f"{self.name}: {side(self.pros, 'for')}, {side(self.cons, 'against')}"


@dataclass(frozen=True)
class Column:
    """One framework's bars (compare has one column per framework, a framework page one)."""

    title: str
    axis: float  # x of the zero line
    pro_independent: str  # SVG path data
    pro_vendor: str
    con_independent: str
    con_vendor: str
    rows: list[ChartRow]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_x: int
    columns: list[Column]
    names: list[tuple[str, str, float]]  # (topic name, anchor, y)

    @property
    def empty(self) -> bool:
        return not self.names


def _bar(x: float, y: float, width: float) -> str:
    return f"M{x:.1f} {y:.1f}h{width:.1f}v{BAR}h{-width:.1f}z" if width > 0 else ""


def diverging(
    topics: list[tuple[str, str]], columns: list[tuple[str, list[tuple[Tally, Tally]]]], *, half: int = HALF
) -> Chart:
    """Pure: `topics` as (name, anchor) rows; `columns` as (title, [(pros, cons) per topic]).

    Every column shares one scale, so bars compare across frameworks as well as topics."""
    largest = max(
        (max(pros.total, cons.total) for _title, tallies in columns for pros, cons in tallies), default=0
    )
    scale = half / max(largest, MIN_SCALE)
    column_width = 2 * (half + NUMBER)
    head = HEAD if len(columns) > 1 else 0
    built = []
    for index, (title, tallies) in enumerate(columns):
        axis = LABEL_WIDTH + index * column_width + NUMBER + half
        paths: dict[str, list[str]] = {"pi": [], "pv": [], "ci": [], "cv": []}
        rows = []
        for row, ((name, anchor), (pros, cons)) in enumerate(zip(topics, tallies, strict=True)):
            top = head + row * ROW + (ROW - BAR) / 2
            pi, pv = pros.independent * scale, pros.vendor * scale
            ci, cv = cons.independent * scale, cons.vendor * scale
            paths["pi"].append(_bar(axis, top, pi))
            paths["pv"].append(_bar(axis + pi, top, pv))
            paths["ci"].append(_bar(axis - ci, top, ci))
            paths["cv"].append(_bar(axis - ci - cv, top, cv))
            rows.append(
                ChartRow(
                    name=name,
                    anchor=anchor,
                    pros=pros,
                    cons=cons,
                    y=top + BAR - 3,
                    con_x=axis - ci - cv - 3,
                    pro_x=axis + pi + pv + 3,
                )
            )
        built.append(
            Column(
                title=title,
                axis=axis,
                pro_independent="".join(paths["pi"]),
                pro_vendor="".join(paths["pv"]),
                con_independent="".join(paths["ci"]),
                con_vendor="".join(paths["cv"]),
                rows=rows,
            )
        )
    return Chart(
        width=LABEL_WIDTH + len(columns) * column_width,
        height=head + len(topics) * ROW,
        label_x=LABEL_WIDTH - 6,
        columns=built,
        names=[
            (name, anchor, head + i * ROW + (ROW - BAR) / 2 + BAR - 3)
            for i, (name, anchor) in enumerate(topics)
        ],
    )


# --------------------------------------------------------------------------------------------
# Markup: the chart as the page prints it. Written here rather than in a template, where its
# hundred-odd numbers each went through a filter (a fifth of a framework page's time).

_PATTERN = (
    '    <pattern id="hatch-{kind}" width="5" height="5" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect class="bar-{kind}" width="2" height="5"></rect></pattern>\n'
)
_PATTERNS = f"  <defs>\n{_PATTERN.format(kind='pro')}{_PATTERN.format(kind='con')}  </defs>\n"
_LEGEND = (
    '<p class="chart-legend"><span class="key key-con" aria-hidden="true"></span> against · '
    '<span class="key key-pro" aria-hidden="true"></span> for · '
    '<span class="key key-vendor" aria-hidden="true"></span> vendors\' own sources (hatched) · '
    "counts are distinct sources"
)


def _x(value: float) -> str:
    """One decimal, rounded half up: what Django's floatformat:1 prints."""
    rounded = Decimal(repr(float(value))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return str(rounded) if rounded else "0.0"


def _count(tally: Tally) -> str:
    return f"{tally.independent}+{tally.vendor}" if tally.vendor else str(tally.independent)


def svg(chart: Chart, *, numbers: bool = False) -> str:
    """The chart's markup (`numbers`: the counts at the bar ends), with its legend."""
    wide = len(chart.columns) > 1
    parts = [
        '<div class="chart-scroll"',
        ' tabindex="0" role="region" aria-label="Evidence chart (scrolls sideways)"' if wide else "",
        f'>\n<svg class="chart{" chart-wide" if wide else ""}" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" aria-hidden="true" focusable="false">\n',
        _PATTERNS,
        "  ",
    ]
    parts += [
        f'<text class="chart-label" x="{chart.label_x}" y="{_x(y)}" text-anchor="end">'
        f"{escape(truncatechars(name, 24))}</text>"
        for name, _anchor, y in chart.names
    ]
    parts.append("\n  ")
    for column in chart.columns:
        axis = _x(column.axis)
        parts.append("\n  ")
        if wide:
            parts.append(
                f'<text class="chart-head" x="{axis}" y="14" text-anchor="middle">'
                f"{escape(truncatechars(column.title, 16))}</text>"
            )
        parts.append(
            f'\n  <line class="chart-axis" x1="{axis}" x2="{axis}" y1="{20 if wide else 0}" '
            f'y2="{chart.height}"></line>\n  '
        )
        for path, attributes in (
            (column.pro_independent, 'class="bar-pro"'),
            (column.pro_vendor, 'class="bar-vendor" fill="url(#hatch-pro)"'),
            (column.con_independent, 'class="bar-con"'),
            (column.con_vendor, 'class="bar-vendor" fill="url(#hatch-con)"'),
        ):
            parts.append(f'<path {attributes} d="{escape(path)}"></path>\n  ' if path else "\n  ")
        if numbers:
            for row in column.rows:
                y = _x(row.y)
                if row.cons.total:
                    parts.append(
                        f'<text class="chart-number" x="{_x(row.con_x)}" y="{y}" text-anchor="end">'
                        f"{_count(row.cons)}</text>"
                    )
                if row.pros.total:
                    parts.append(
                        f'<text class="chart-number" x="{_x(row.pro_x)}" y="{y}">{_count(row.pros)}</text>'
                    )
        parts.append("\n  ")
    parts += ["\n</svg>\n</div>\n", _LEGEND, ", independent+vendor" if numbers else "", "</p>"]
    return "".join(parts)

"""Plotly figures with one shared look: a CJK-capable font stack, status colours, no chart junk.

Pure functions DataFrame -> Figure; tests inspect the figures' data, not pixels.
"""

from __future__ import annotations

import functools
import inspect
import math
import unicodedata
from collections.abc import Collection

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure

from incentive import palette, word_breaks
from incentive.safe_text import plotly as _inert

FONT_STACK = (
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"
)
STATUS_COLOURS = palette.STATUS
ABOVE, BELOW = palette.DIVERGING["above"], palette.DIVERGING["below"]
REFERENCE, TARGET, INK = palette.EMPHASIS["reference"], palette.EMPHASIS["target"], palette.INK


# Plotly's mode bar (download, zoom, reset) sits in the top right corner of a chart and reaches MODE_BAR px down
# (measured in Chromium: its buttons end 33 px below the figure's top); on a phone a tap shows it and it stays,
# over the title. The title is drawn below that band instead (TITLE_TOP from the top of the figure; docs/decisions.md#charts-on-a-phone), so however
# wide the title or narrow the screen, the toolbar never covers it (tests/browser/test_meeting_in_browser.py).
MODE_BAR = 34
TITLE_TOP = MODE_BAR + 4
TOP_MARGIN = 74  # the mode bar's band, the title, and a little air above the plot
# A legend under the plot sits at the very bottom of the figure, where Plotly makes room for it below the axis
# labels: placed at a fraction below the plot (y=-0.15) it covered the county names, which on a phone stand
# upright and reach further down than any fixed fraction.
LEGEND_BELOW = {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0}
TICK_COLOUR = INK["tick"]

# Plotly writes a negative tick label with the minus sign U+2212 (−0.5); Python's format, and the d3 format of a
# hover template (%{x:.3f}), with the hyphen-minus (-0.53). A chart showed both side by side (a new user's report):
# every number a chart writes itself, in a bar's or a cell's text or a hover, goes through `_number` and reads as
# the ticks do (docs/decisions.md#a-charts-minus-sign). Page tables and downloads keep "-", which a spreadsheet
# reads as a number (sharing/export.py).
MINUS = "\u2212"


# Plotly never wraps a title: one wider than a phone's chart (390 px screen, less the page's padding) was cut
# off at the right edge. Such a title is set on two lines everywhere (a wide screen loses nothing by it), broken
# where the words allow.
TITLE_SIZE = 16
PHONE_TITLE_WIDTH = 330
TITLE_LINE = 22  # px a second title line adds to the top margin
TITLE_RAISE = 12  # px Plotly raises a two-line title by


def _update(*targets, **props) -> None:
    """Set `props` on each of `targets` (a figure's layout, or the axes `fig.select_xaxes()` gives), as Plotly's
    update_layout and update_xaxes do, but outside the batch of edits those open: made for FigureWidget's messages
    to a notebook, the batch is replayed property path by property path when it closes, which was half the time of
    building a chart (the shared look, `_layout`: 17 → 8 ms a figure). The same figure: tests/test_charts.py
    compares the JSON of both ways."""
    for target in targets:
        BaseFigure._perform_update(target, props)


def _title_lines(title: str) -> list[str]:
    """`title` as one line, or two when it is wider than PHONE_TITLE_WIDTH at TITLE_SIZE: broken before the last
    opening bracket, else after the last comma, colon or middle dot, else at the last space, that leaves the first
    line narrow enough. A title without such a place stays on one line."""
    if _text_width(title, TITLE_SIZE) <= PHONE_TITLE_WIDTH:
        return [title]
    places = [i for kind in _break_places(title) for i in kind]
    fitting = [i for i in places if _text_width(title[:i], TITLE_SIZE) <= PHONE_TITLE_WIDTH]
    if not fitting:
        return [title]
    cut = max(fitting)
    return [title[:cut].rstrip(), title[cut:].lstrip()]


def _break_places(title: str) -> tuple[list[int], list[int], list[int]]:
    """Where a title may be broken, best first: before an opening bracket, after a comma, colon or middle dot, at
    a space not after a figure (the index the second line starts at, less its space): "90.0 学时" stays whole, as
    word_breaks keeps a figure with the word after it, and so does a term a letter names ("z 分数",
    word_breaks.splits_a_term)."""
    return (
        [i for i, c in enumerate(title) if c in "（(" and i > 0],
        [i + 1 for i, c in enumerate(title) if c in "，,：:·；" and i + 1 < len(title)],
        [
            i
            for i, c in enumerate(title)
            if c == " " and i > 0 and not title[i - 1].isdigit() and not word_breaks.splits_a_term(title, i)
        ],
    )


def _layout(fig: go.Figure, title: str, height: int, beside: str = "") -> go.Figure:
    """The shared look: fonts, the title below the mode bar (on two lines when a phone would cut it off,
    `_title_lines`), axes that make room for their labels (`automargin`: a long county name is never cut off at
    the edge on a phone). `beside`: the title of a chart drawn beside this one whose rows line up with its rows;
    this title then takes as many lines as that one (an empty last line), so that both plots start as low."""
    _make_inert(fig)
    fig._titles = (title, beside)  # for the room's own line breaks (_for_room); not part of the figure's JSON
    lines = _title_lines(title)
    lines += ["\u00a0"] * (len(_title_lines(beside)) - len(lines) if beside else 0)
    _update(
        fig.layout,
        title={
            "text": "<br>".join(_inert(line) for line in lines),
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            # Plotly raises a title of two lines by half a line from where its top would be: moved down again,
            # so its first line, too, clears the mode bar (measured in Chromium: 19 px from the top, not 30)
            "pad": {"t": TITLE_TOP + TITLE_RAISE * (len(lines) - 1)},
            "font": {"size": TITLE_SIZE},
        },
        font={"family": FONT_STACK, "size": 13},
        height=height + (TITLE_LINE + TITLE_RAISE) * (len(lines) - 1),
        margin={"l": 10, "r": 10, "t": TOP_MARGIN + (TITLE_LINE + TITLE_RAISE) * (len(lines) - 1), "b": 10},
        plot_bgcolor=INK["paper"],
        paper_bgcolor=INK["paper"],
        colorway=list(palette.CATEGORIES),  # a trace without its own colour still speaks the palette
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    # Labels that do not fit side by side stand upright (a phone): tilted at 30°, Plotly's middle choice, long
    # names and periods still ran into each other.
    _update(
        *fig.select_xaxes(),
        gridcolor=INK["grid"],
        zerolinecolor=INK["axis"],
        automargin=True,
        autotickangles=[0, 90],
        tickfont={"color": TICK_COLOUR},
    )
    _update(*fig.select_yaxes(), gridcolor=INK["grid"], automargin=True, tickfont={"color": TICK_COLOUR})
    return fig


# Meeting mode (ui/meeting.py) shows a chart on a projector, read from the back of a room: every text of the
# figure at least ROOM_TEXT px, the title larger. Set on the figure, since CSS cannot reach every text Plotly draws
# (it sizes some itself) and a rule on the SVG would fight Plotly's own layout of labels and margins.
ROOM_TEXT = 20
ROOM_TITLE = 28
ROOM_AXIS = 90  # px under a room chart's rows: the x axis's figures and title, and the legend's line
ROOM_BAR_GAP = 0.1  # of a category's band between grouped lying bars in the room (Plotly's own: 0.2)
# px a room chart's title may span: a chart in half a 1024 x 768 projector's page (a title wider was cut off there)
ROOM_TITLE_WIDTH = 400


def _for_room(fig: go.Figure) -> go.Figure:
    """The figure with every font at least ROOM_TEXT px (the title ROOM_TITLE, on as many lines as fit
    ROOM_TITLE_WIDTH: `_room_title_lines`), and room made for them."""
    title_lines = (fig.layout.title.text or "").count("<br>") + 1
    title, beside = getattr(fig, "_titles", (None, ""))
    if title is not None:
        lines = _room_title_lines(title)
        lines += ["\u00a0"] * (len(_room_title_lines(beside)) - len(lines) if beside else 0)
        added = len(lines) - title_lines  # lines more than the phone's break gave (or fewer)
        _update(
            fig.layout,
            title={
                "text": "<br>".join(_inert(line) for line in lines),
                "pad": {"t": TITLE_TOP + TITLE_RAISE * (len(lines) - 1)},
            },
            margin={"t": fig.layout.margin.t + (TITLE_LINE + TITLE_RAISE) * added},
            height=fig.layout.height + (TITLE_LINE + TITLE_RAISE) * added,
        )
        title_lines = len(lines)
    _update(
        fig.layout,
        font={"size": ROOM_TEXT},
        title={"font": {"size": ROOM_TITLE}},
        legend={"font": {"size": ROOM_TEXT}},
        hoverlabel={"font": {"size": ROOM_TEXT}},
        # each title line grows by the larger font and its line spacing
        margin={"t": (fig.layout.margin.t or TOP_MARGIN) + round(1.3 * (ROOM_TITLE - TITLE_SIZE) * title_lines)},
        height=round((fig.layout.height or 400) * 1.25),
    )
    _update(*fig.select_xaxes(), tickfont={"size": ROOM_TEXT}, title={"font": {"size": ROOM_TEXT}})
    _update(*fig.select_yaxes(), tickfont={"size": ROOM_TEXT}, title={"font": {"size": ROOM_TEXT}})
    names = fig.layout.yaxis.ticktext
    if names:  # rows named on two lines (the waterfall's indicators): as tall as the tallest name at the room's size,
        # every row (a category axis gives each the same height: sized by the sum of the names' lines, two-line
        # names stood against each other at 1024 px)
        lines = max(str(name).count("<br>") + 1 for name in names)
        rows = round(len(names) * (1.4 * ROOM_TEXT * lines + 10))
        _update(fig.layout, height=max(fig.layout.height, fig.layout.margin.t + rows + ROOM_AXIS))
    lying = [trace for trace in fig.data if trace.type == "bar" and trace.orientation == "h"]
    if fig.layout.barmode == "group" and len(lying) > 1:  # grouped lying bars (the grades of each county): each
        # bar as thick as its figure at the room's size, since at a quarter of a county's row the "人数<5" beside
        # one bar touched its neighbour's; less air between the counties, for fewer pixels
        categories = len({str(y) for trace in lying for y in (() if trace.y is None else trace.y)})
        plot = categories * len(lying) * 1.3 * ROOM_TEXT / (1 - ROOM_BAR_GAP)
        margins = fig.layout.margin.t + fig.layout.margin.b
        _update(fig.layout, bargap=ROOM_BAR_GAP, height=max(fig.layout.height, math.ceil(margins + plot + ROOM_AXIS)))
    for annotation in fig.layout.annotations:
        annotation.font.size = max(annotation.font.size or 0, ROOM_TEXT)
    if any(trace.type == "scatterpolar" for trace in fig.data):
        _update(
            *fig.select_polars(),
            radialaxis={"tickfont": {"size": ROOM_TEXT}},
            angularaxis={"tickfont": {"size": ROOM_TEXT}},
        )
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont.size = ROOM_TEXT
        if trace.type in ("bar", "waterfall"):
            trace.constraintext = "none"  # Plotly would shrink a label that does not fit beside its bar
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = ROOM_TEXT
    return fig


def _room_title_lines(title: str) -> list[str]:
    """`title` on as many lines as it takes to be at most ROOM_TITLE_WIDTH px each at ROOM_TITLE: each broken
    before the last opening bracket that fits, else after a comma, colon or middle dot, else at a space, else
    between two words (word_breaks), else between two Chinese characters (as Chinese text wraps), never leaving a
    first line under a third of the width ("2026" alone) nor a last line of one character."""
    lines = [title]
    while _text_width(lines[-1], ROOM_TITLE) > ROOM_TITLE_WIDTH:
        rest = lines[-1]
        kinds = (
            *_break_places(rest),
            word_breaks.places(rest),
            [
                i
                for i in range(1, len(rest))
                if unicodedata.east_asian_width(rest[i]) in "WF" and not word_breaks.splits_a_term(rest, i)
            ],
        )
        # no last line of one character ("…次年提拔" over "率")
        kinds = tuple([i for i in places if len(rest[i:].strip()) >= 2] for places in kinds)
        widths = {i: _text_width(rest[:i], ROOM_TITLE) for places in kinds for i in places}
        fitting = next(
            (
                [i for i in places if ROOM_TITLE_WIDTH / 3 <= widths[i] <= ROOM_TITLE_WIDTH]
                for places in kinds
                if any(ROOM_TITLE_WIDTH / 3 <= widths[i] <= ROOM_TITLE_WIDTH for i in places)
            ),
            [],
        )
        if not fitting:
            break
        cut = max(fitting)
        lines[-1:] = [rest[:cut].rstrip(), rest[cut:].lstrip()]
    return lines


def _shared_look(build):
    """A chart builder with the keyword `projector`: True in meeting mode, for the room (`_for_room`). A builder
    that declares `projector` itself is given it too, for what only it knows how to make fit (its ticks)."""
    own = "projector" in inspect.signature(build).parameters

    @functools.wraps(build)
    def built(*args, projector: bool = False, **kwargs) -> go.Figure:
        fig = build(*args, **kwargs, **({"projector": projector} if own else {}))
        return _for_room(fig) if projector else fig

    return built


def _make_inert(fig: go.Figure) -> None:
    """Plotly reads <a href>, <b>, <br> and entities in titles, trace names, category labels, text and
    annotations: names from files are escaped there (docs/security.md). Hover templates, which are markup on
    purpose, take the data through %{…} as escaped here, and names concatenated into them are escaped where they
    are built. A click on a bar reports the escaped label: html.unescape gives the name back."""
    for trace in fig.data:
        for attr in ("x", "y", "text", "name", "labels"):  # theta: _wrapped
            if attr in trace and trace[attr] is not None:
                values = trace[attr]
                escaped = _inert_values(values)
                # set again only when changed: Plotly validates every value it is given. Text that needed no
                # escaping comes back as it was; a NumPy array of numbers comes back as a list (iterating it makes
                # new scalars), which keeps the figure's JSON in plain lists that its readers expect
                if escaped is not values:
                    trace[attr] = escaped
    for annotation in fig.layout.annotations:
        annotation.text = _inert(annotation.text)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.title.text:
            axis.title.text = _inert(axis.title.text)


def _inert_values(values):
    """Strings escaped, in a (nested) list; the very object back when nothing needed escaping."""
    if isinstance(values, str):
        return _inert(values)
    if isinstance(values, (list, tuple, np.ndarray)):
        escaped = [_inert_values(v) for v in values]
        if any(e is not v and (not isinstance(v, str) or e != v) for e, v in zip(escaped, values, strict=False)):
            return escaped
    return values


def _height(n_bars: int) -> int:
    return max(260, 80 + 28 * n_bars)


# A province has a hundred counties: more bars than a screen shows. Past SCREEN_UNITS, a chart shows a chosen
# part (its ends, or the units needing attention) and the page says so; the tables keep every unit.
SCREEN_UNITS = 30
ENDS = 10  # shown at each end of a ranked bar chart
WORST = 15  # shown when a chart is about gaps


def _with_ends(ordered: pd.DataFrame, label_column: str) -> pd.DataFrame:
    """The first and last ENDS rows of an ordered frame with a blank '⋯' row between, when it is too long."""
    if len(ordered) <= SCREEN_UNITS:
        return ordered
    gap = pd.DataFrame({label_column: ["⋯"]})
    return pd.concat([ordered.head(ENDS), gap, ordered.tail(ENDS)], ignore_index=True)


@_shared_look
def composite_bars(
    frame: pd.DataFrame,
    title: str,
    axis_title: str,
    tier_labels: dict[int, str] | None = None,
    focus: str | None = None,
) -> go.Figure:
    """Counties best at the top, coloured by tier (`tier` 1-3, as on 赛马排名, with a legend naming `tier_labels`);
    a frame without tiers above the average (0) blue, below brown (palette.DIVERGING). The `focus` county's bar
    is outlined in the focus colour (and kept among the bars shown when they are cut to the ends)."""
    ordered = frame.sort_values("composite", ascending=True)
    data = _with_ends(ordered, "county")
    if focus and focus in set(ordered["county"]) and focus not in set(data["county"]):
        gap = pd.DataFrame({"county": ["⋯ "]})  # a second gap: y labels are categories, each once
        own = ordered[ordered["county"] == focus]
        data = pd.concat([data.iloc[:ENDS], gap, own, data.iloc[ENDS:]], ignore_index=True)
    if "tier" in data:
        colours = [TIER_COLOURS.get(tier, QUIET) for tier in data["tier"]]
    else:
        colours = [BELOW if v < 0 else ABOVE for v in data["composite"]]
    fig = go.Figure(
        go.Bar(
            x=data["composite"],
            y=data["county"],
            orientation="h",
            marker_color=colours,
            marker_line_color=[FOCUS if c == focus else INK["paper"] for c in data["county"]],
            marker_line_width=[3 if c == focus else 0 for c in data["county"]],
            showlegend=False,  # the tier swatches name the colours
            text=["" if pd.isna(v) else _number(v, "+.2f") for v in data["composite"]],
            textposition="outside",
            hovertext=["" if pd.isna(v) else _number(v, ".3f") for v in data["composite"]],
            hovertemplate="%{y}: %{hovertext}<extra></extra>",
            cliponaxis=False,
        )
    )
    # Room on both sides for the labels outside the bars, so they never run into the county names.
    low, high = min(0.0, data["composite"].min()), max(0.0, data["composite"].max())
    pad = 0.18 * (high - low or 1)
    _update(*fig.select_xaxes(), title=axis_title, range=[low - pad, high + pad])
    if "tier" in data and tier_labels:
        _legend_swatches(fig, {label: TIER_COLOURS[tier] for tier, label in tier_labels.items()})
        # the legend in a band of its own at the figure's bottom edge, under the axis title (not at a fraction of
        # the plot's height, where it met the title)
        fig = _layout(fig, title, _height(len(data)) + 2 * LEGEND_ROW)
        _update(
            fig.layout,
            legend=LEGEND_BELOW,
            margin={"b": 2 * LEGEND_ROW + 10},
        )
        return fig
    return _layout(fig, title, _height(len(data)))


def _number(value: float, spec: str) -> str:
    """`value` in Python's format `spec` ("+.2f", ".0%"), with Plotly's minus sign, as a chart's own text."""
    return format(value, spec).replace("-", MINUS)


def _score(value: float) -> str:
    """A score as a bar's text: signed to two decimals for a z-score, one decimal from 10 (min-max, 0-100)."""
    return _number(value, "+.2f" if abs(value) < 10 else ".1f")


def _legend_swatches(fig: go.Figure, swatches: dict[str, str]) -> None:
    """Legend entries (name → colour) for colours a single trace uses per bar or per cell."""
    for name, colour in swatches.items():
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=name, marker={"size": 12, "symbol": "square", "color": colour}
            )
        )


def _marked_text(values: pd.Series, marks: pd.Series, spec: str) -> list[str]:
    """Each bar's text: its mark where a viewer may not see the value (`<5`, 不公开), else the value in format
    `spec`, '' for none (the `⋯` row of a long chart)."""
    return [
        m if isinstance(m, str) and m else ("" if pd.isna(v) else _number(v, spec))
        for v, m in zip(values, marks, strict=False)
    ]


def _vertical_line(fig: go.Figure, x: float, label: str) -> None:
    """A target or ceiling across horizontal bars: dashed in the target grey, its label above the plot."""
    fig.add_vline(x=x, line={"color": TARGET, "dash": "dash", "width": 1.5})
    fig.add_annotation(
        x=x, y=1, yref="paper", yanchor="bottom", text=label, showarrow=False, font={"color": TICK_COLOUR}
    )


@_shared_look
def coverage_bars(
    frame: pd.DataFrame,
    title: str,
    axis_title: str,
    marks: pd.Series | None = None,
    target: tuple[float, str] | None = None,
) -> go.Figure:
    """Training coverage per county as a share, lowest at the top where the gap is (its bar in the DIVERGING
    below colour, which `target`'s line explains: the coverage target, a fraction, and its label, drawn dashed as
    on the training page). A county a viewer may not see (`marks` not '') has an empty bar carrying its mark, at
    the bottom."""
    marks = (marks if marks is not None else pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
    frame = frame.assign(coverage=frame["coverage"].where(marks == ""), mark=marks)
    data = _with_ends(frame.sort_values("coverage", ascending=False, na_position="first"), "county")
    low = frame["coverage"].min() if len(frame) else None
    colours = [BELOW if v == low else REFERENCE for v in data["coverage"]]  # the lowest, where the gap is
    text = _marked_text(data["coverage"], data["mark"], ".0%")
    hover = _marked_text(data["coverage"], data["mark"], ".1%")
    fig = go.Figure(
        go.Bar(
            x=data["coverage"].fillna(0),
            y=data["county"],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            customdata=hover,
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            cliponaxis=False,
        )
    )
    _update(*fig.select_xaxes(), title=axis_title, tickformat=".0%", range=[0, 1.08])
    if target is not None:
        _vertical_line(fig, *target)
    return _layout(fig, title, _height(len(data)))


@_shared_look
def status_bars(counts: pd.DataFrame, title: str, labels: dict[str, str], axis_title: str) -> go.Figure:
    """Stacked met / near / below counts per county; past SCREEN_UNITS counties, the WORST with the most below
    (then near) target."""
    if len(counts) > SCREEN_UNITS:
        counts = counts.sort_values(["below", "near"], ascending=False, kind="stable").head(WORST)
    data = counts.iloc[::-1]
    fig = go.Figure()
    for key in ("met", "near", "below"):
        fig.add_trace(
            go.Bar(
                name=labels[key],
                x=data[key],
                y=data["county"],
                orientation="h",
                marker_color=STATUS_COLOURS[key],
                hovertemplate="%{y}: %{x}<extra>" + labels[key] + "</extra>",
            )
        )
    _update(*fig.select_xaxes(), title=axis_title, dtick=1)
    fig = _layout(fig, title, _height(len(data)) + 40)
    _update(
        fig.layout,
        barmode="stack",
        legend={**LEGEND_BELOW, "traceorder": "normal"},
    )
    return fig


TIER_COLOURS = palette.TIERS
FOCUS, QUIET = palette.EMPHASIS["focus"], palette.EMPHASIS["quiet"]


@_shared_look
def tier_bars(
    frame: pd.DataFrame, title: str, axis_title: str, tier_labels: dict[int, str], beside: str = ""
) -> go.Figure:
    """Composite per unit, best at the top, coloured by tier; one trace per tier so the legend names them.

    frame: unit, composite, rank, tier (ranked units only). Clicking a bar selects its unit (customdata).
    `beside`: the title of rank_intervals drawn beside it, whose rows line up with these (`_layout`).
    """
    data = frame.sort_values(["rank", "unit"], ascending=[False, False])
    fig = go.Figure()
    for tier, label in tier_labels.items():
        part = data[data["tier"] == tier]
        fig.add_trace(
            go.Bar(
                name=label,
                x=part["composite"],
                y=part["unit"],
                orientation="h",
                marker_color=TIER_COLOURS[tier],
                customdata=part["unit"],
                text=[_score(v) for v in part["composite"]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[_number(v, ".3f") for v in part["composite"]],
                hovertemplate="%{y}: %{hovertext}<extra>" + label + "</extra>",
            )
        )
    low, high = min(0.0, data["composite"].min()), max(0.0, data["composite"].max())
    pad = 0.18 * (high - low or 1)
    _update(*fig.select_xaxes(), title=axis_title, range=[low - pad, high + pad])
    _update(*fig.select_yaxes(), categoryorder="array", categoryarray=data["unit"].tolist())
    fig = _layout(fig, title, _height(len(data)) + 60, beside)
    _update(
        fig.layout,
        legend=LEGEND_BELOW,
        margin={"b": 40},
    )
    return fig


@_shared_look
def rank_intervals(
    frame: pd.DataFrame,
    title: str,
    axis_title: str,
    legend: tuple[str, str] | None = None,
    beside: str = "",
    projector: bool = False,
) -> go.Figure:
    """Each unit's rank as a dot with its 5th-95th percentile interval under the weight draws as a bar; rank 1 at
    the left. With `legend` (the two intervals' names) and robust_low / robust_high in `frame`, the interval over
    every modelling choice drawn at once (robustness.py) is a thin line through it, and the legend shows each
    as drawn: the dot (named as the axis), the bar, the line. `beside`: the title of tier_bars drawn beside it,
    whose rows line up with these (`_layout`). In the room (`projector`) the rank axis is labelled more sparsely
    (`_rank_ticks`)."""
    data = frame.sort_values(["rank", "unit"], ascending=[False, False])
    fig = go.Figure()
    # drawn in three layers, the weights' bar, the robustness line over it (the bar hid it where they overlap), the
    # rank's dot on top; the bar and the line are error bars of unseen points, which neither hover nor stand in the
    # legend (a line-ew point of the line's trace drew a dash at every rank, an interval where there was none)
    fig.add_trace(_interval_bar(data, "rank_low", "rank_high", QUIET, thickness=6, caps=0))
    if legend is not None:
        fig.add_trace(_interval_bar(data, "robust_low", "robust_high", INK["muted"], thickness=1.5, caps=5))
    hover = "%{y}: %{x} (%{customdata[0]}–%{customdata[1]})<extra></extra>"
    if legend is not None:
        hover = (
            f"%{{y}}: %{{x}}<br>{legend[0]} %{{customdata[0]}}–%{{customdata[1]}}"
            f"<br>{legend[1]} %{{customdata[2]}}–%{{customdata[3]}}<extra></extra>"
        )
    fig.add_trace(
        go.Scatter(
            x=data["rank"],
            y=data["unit"],
            mode="markers",
            marker={"size": 10, "color": REFERENCE},
            name=axis_title,  # the legend's dot is the rank
            legendrank=1,
            customdata=data[["rank_low", "rank_high", *(("robust_low", "robust_high") if legend else ())]],
            hovertemplate=hover,
        )
    )
    if legend is not None:  # each interval's sign in the legend, as it is drawn: a short bar, a thin line
        for rank, (name, colour, width) in enumerate(((legend[0], QUIET, 6), (legend[1], INK["muted"], 1.5)), 2):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=name,
                    legendrank=rank,
                    marker={"symbol": "line-ew", "size": 14, "line": {"width": width, "color": colour}},
                    hoverinfo="skip",
                )
            )
    n = int(data["rank"].max()) if len(data) else 1
    _update(*fig.select_xaxes(), title=axis_title, range=[0.5, n + 0.5], **_rank_ticks(n, room=projector))
    # the units' rows and no more: Plotly pads a category axis of markers by a twentieth of its length at each
    # end, five empty rows above and below a province's hundred
    _update(
        *fig.select_yaxes(),
        categoryorder="array",
        categoryarray=data["unit"].tolist(),
        range=[-0.5, max(len(data), 1) - 0.5],
    )
    fig = _layout(fig, title, _height(len(data)) + (60 if legend else 30), beside)
    if legend:
        _update(fig.layout, showlegend=True, legend=LEGEND_BELOW, margin={"b": 40})
    return fig


def _interval_bar(data: pd.DataFrame, low: str, high: str, colour: str, *, thickness: float, caps: int) -> go.Scatter:
    """An interval of each row (columns `low`..`high` around `rank`) as an error bar of an unseen point."""
    return go.Scatter(
        x=data["rank"],
        y=data["unit"],
        mode="markers",
        marker={"size": 1, "color": colour, "opacity": 0},  # the error bar alone is seen
        showlegend=False,
        hoverinfo="skip",
        error_x={
            "type": "data",
            "symmetric": False,
            "array": (data[high] - data["rank"]).astype(float),
            "arrayminus": (data["rank"] - data[low]).astype(float),
            "color": colour,
            "thickness": thickness,
            "width": caps,
        },
    )


@_shared_look
def track_heatmap(
    frame: pd.DataFrame,
    tracks: list[str],
    title: str,
    track_labels: list[str],
    centre: float,
    projector: bool = False,
) -> go.Figure:
    """Unit x track scores; blue above the centre (0 for z, 50 for min-max), orange below. `track_labels` name the
    columns in the user's language; in the room (`projector`) a name of four characters and more is on two lines
    ("项目<br>建设")."""
    data = frame.sort_values("rank")
    values = data[[f"track_{track}" for track in tracks]].to_numpy(dtype=float)
    spread = float(abs(values - centre).max()) if values.size else 1.0
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=track_labels,
            y=data["unit"],
            zmid=centre,
            zmin=centre - spread,
            zmax=centre + spread,
            colorscale=[[0, BELOW], [0.5, palette.DIVERGING["centre"]], [1, ABOVE]],
            text=[[_number(v, ".2f") for v in row] for row in values],
            texttemplate="%{text}",
            hovertext=[[_number(v, ".3f") for v in row] for row in values],
            hovertemplate="%{y} · %{x}: %{hovertext}<extra></extra>",
            colorbar={"thickness": 10},
        )
    )
    _update(*fig.select_yaxes(), autorange="reversed")
    # A long track name on two lines ("Grassroots<br>governance"): on one line Plotly stands the names on end under
    # the columns; so did four tracks' names of four characters at the room's 20 px in half a 1024 px screen (70 px
    # a column). The ticks are placed at the names as _make_inert escapes them in `x`.
    _update(
        *fig.select_xaxes(),
        tickvals=[_inert(name) for name in track_labels],
        ticktext=[_wrapped(n, 3 if projector else 5) for n in track_labels],
    )
    return _layout(fig, title, _height(len(data)) + 40)


BUMP_LINES = 30  # beyond this many units, the others are one quiet trace and the axis counts in tens
# Ranks a room's horizontal rank axis labels at most (and rank 1): at ROOM_TEXT a rank's figure with air around it
# takes about 40 px, and half a 1024 px screen leaves some 280 px for the axis. Every rank of twelve stood on end.
ROOM_RANK_LABELS = 6


def _rank_ticks(n: int, room: bool = False) -> dict:
    """A rank axis's ticks for ranks 1..n: every rank up to BUMP_LINES, else 1 and every tenth. A hundred labels
    crowd a chart's width, and Plotly checks every label of a numeric axis against every other as it draws
    (its tick-label overflow test: 10,000 text measurements for a province, half a second in Chromium). In the
    `room` (a horizontal axis at ROOM_TEXT): past ROOM_RANK_LABELS ranks, 1 and every 5th, 10th, 20th, 50th, 100th,
    200th ... rank, the first of those steps that labels at most ROOM_RANK_LABELS more (a province's 1,200
    townships: every 200th)."""
    if room and n > ROOM_RANK_LABELS:
        steps = (m * 10**k for k in range(len(str(n)) + 1) for m in (1, 2, 5) if m * 10**k >= 5)
        step = next(s for s in steps if n // s <= ROOM_RANK_LABELS)
        return {"tickvals": [1, *range(step, n + 1, step)]}
    return {"tickvals": [1, *range(10, n + 1, 10)]} if n > BUMP_LINES else {"dtick": 1}


@_shared_look
def rank_bump(
    history: pd.DataFrame,
    focus: str | None,
    title: str,
    axis_title: str,
    breaks: Collection[str] = (),
    projector: bool = False,
) -> go.Figure:
    """Rank over periods, one line per unit; the focus unit in red and labelled, the others quiet. A province's
    hundred counties would be a hundred traces and a 2,700-pixel chart: past BUMP_LINES units the others share
    one trace (gaps between units) and the chart keeps a screen's height. Every line is broken before each period
    of `breaks` (rankings.field_breaks: it ranks other units than the period before, so its places do not follow
    on from those before it)."""
    fig = go.Figure()
    units = history.drop_duplicates("unit")["unit"].tolist()
    many = len(units) > BUMP_LINES

    def broken(part: pd.DataFrame) -> tuple[list, list]:
        xs, ys = [], []
        for period, rank in zip(part["period"], part["rank"], strict=True):
            if period in breaks and xs:
                xs.append(None)
                ys.append(None)
            xs.append(period)
            ys.append(rank)
        return xs, ys

    if many:
        others = history[history["unit"] != focus]
        xs, ys, names = [], [], []
        for unit, part in others.groupby("unit", sort=False):
            line_x, line_y = broken(part)
            xs += [*line_x, None]
            ys += [*line_y, None]
            names += [None if x is None else unit for x in line_x] + [None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": QUIET, "width": 1},
                opacity=0.6,
                text=names,
                hovertemplate="%{text} %{x}: %{y}<extra></extra>",
                showlegend=False,
            )
        )
    for unit in sorted(units, key=lambda u: u == focus):  # the focus line is drawn last, on top
        if many and unit != focus:
            continue
        line_x, line_y = broken(history[history["unit"] == unit])
        highlighted = unit == focus or focus is None
        fig.add_trace(
            go.Scatter(
                x=line_x,
                y=line_y,
                mode="lines+markers",
                name=unit,
                line={
                    "color": FOCUS if unit == focus else (REFERENCE if focus is None else QUIET),
                    "width": 3 if unit == focus else 1.5,
                },
                marker={"size": 6 if highlighted else 4},
                opacity=1 if highlighted else 0.8,
                hovertemplate=_inert(unit) + " %{x}: %{y}<extra></extra>",
                showlegend=False,
            )
        )
    if len(history):
        last = history[history["period"] == history["period"].iloc[-1]]
        labelled = last if focus is None and not many else last[last["unit"] == focus]
        for _, row in labelled.iterrows():
            fig.add_annotation(
                x=row["period"],
                y=row["rank"],
                text=row["unit"],
                xanchor="left",
                showarrow=False,
                xshift=8,
                font={"color": FOCUS if row["unit"] == focus else INK["muted"]},
            )
    n = int(history["rank"].max()) if len(history) else 1
    _update(
        *fig.select_yaxes(),
        title=axis_title,
        autorange="reversed",
        range=[n + 0.5, 0.5],
        **_rank_ticks(n),
    )
    # Past four periods every other one: eight quarters on one line each stood on end at 1440 px, and on two lines
    # each, side by side on end on a phone (22 px a period) ran into each other. In the room (`projector`, 20 px)
    # every fourth: four of two lines ran together in half a 1024 px screen ("2025202520262026"). Every point
    # keeps its period in the hover.
    periods = [str(p) for p in history["period"].drop_duplicates()]
    _update(*fig.select_xaxes(), **_period_ticks(periods, (4 if projector else 2) if len(periods) > 4 else 1))
    fig = _layout(fig, title, 600 if many else 120 + 26 * n)
    _update(fig.layout, margin={"r": 70})
    return fig


def _period_ticks(periods: list[str], every: int) -> dict:
    """A category axis of `periods` labelled at every `every`-th one counted back from the last (which is always
    labelled), each on two lines (`_period_lines`); placed at the periods as _make_inert escapes them."""
    labelled = periods[::-1][::every][::-1]
    return {
        "type": "category",
        "tickvals": [_inert(p) for p in labelled],
        "ticktext": [_period_lines(p) for p in labelled],
    }


def _period_lines(period: str) -> str:
    """A period's year over the rest of it ("2025<br>Q1", "2025<br>H2", "2025<br>03"); a year alone as it is."""
    year, dash, rest = period.partition("-")
    return f"{_inert(year)}<br>{_inert(rest)}" if dash else _inert(period)


@_shared_look
def contribution_waterfall(
    parts: pd.DataFrame, title: str, start_label: str, end_label: str, before: float, after: float
) -> go.Figure:
    """From the earlier composite, each indicator's push up or down, to the later composite: lying down, the
    earlier composite at the top, the later at the bottom (standing, a long indicator name was cut at a phone's
    edge and the figures above the bars shrank to 6 px)."""
    labels = [start_label, *parts["label"], end_label]
    fig = go.Figure(
        go.Waterfall(
            orientation="h",
            y=labels,
            measure=["absolute", *["relative"] * len(parts), "total"],
            x=[before, *parts["contribution"], after],
            text=[_number(before, ".2f"), *[_number(v, "+.3f") for v in parts["contribution"]], _number(after, ".2f")],
            textposition="outside",
            cliponaxis=False,
            constraintext="none",
            connector={"line": {"color": INK["connector"]}},
            increasing={"marker": {"color": ABOVE}},
            decreasing={"marker": {"color": BELOW}},
            totals={"marker": {"color": REFERENCE}},
            hovertext=[_number(v, ".3f") for v in (before, *parts["contribution"], after)],
            hovertemplate="%{y}: %{hovertext}<extra></extra>",
        )
    )
    # long names on two lines, placed at the names as _make_inert escapes them in `y`; the first at the top, and
    # rows tall enough for two lines
    names = [_wrapped(label, 7) for label in labels]
    _update(*fig.select_yaxes(), tickvals=[_inert(label) for label in labels], ticktext=names, autorange="reversed")
    # room beyond the bars for the figures printed outside them (cut at the right edge of a phone), on the left too
    # where a composite below 0 prints its figures there
    running = np.cumsum([before, *parts["contribution"]])
    low, high = min(0.0, *running, after), max(0.0, *running, after)
    room = 0.3 * (high - low)
    _update(
        *fig.select_xaxes(),
        range=[low - (room if low < 0 else 0.05 * (high - low)), high + (room if high > 0 else 0.05 * (high - low))],
    )
    rows = sum(2 if "<br>" in name else 1 for name in names) + len(names)
    return _layout(fig, title, max(260, 80 + 16 * rows))


CATEGORY_COLOURS = palette.TRAINING_CATEGORIES


@_shared_look
def category_coverage_bars(
    frame: pd.DataFrame,
    labels: dict[str, str],
    target: float | None,
    title: str,
    target_label: str,
    marks: pd.Series | None = None,
) -> go.Figure:
    """Coverage by county, one bar per category side by side, with the coverage target as a dashed line; past
    SCREEN_UNITS counties, the WORST by overall coverage (where training is missing). A county a viewer may not
    see (`marks` not '') keeps its place on the axis, labelled with its mark instead of bars."""
    marks = (marks if marks is not None else pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
    if len(frame) > SCREEN_UNITS:
        frame = frame[marks == ""].nsmallest(WORST, "coverage")
        marks = marks.reindex(frame.index)
    fig = go.Figure()
    for category, label in labels.items():
        fig.add_trace(
            go.Bar(
                name=label,
                x=frame["county"],
                y=frame[f"coverage_{category}"].where(marks == ""),
                marker_color=CATEGORY_COLOURS[category],
                hovertext=["" if pd.isna(v) else _number(v, ".1%") for v in frame[f"coverage_{category}"]],
                hovertemplate="%{x} · " + label + ": %{hovertext}<extra></extra>",
            )
        )
    for county, mark in zip(frame["county"], marks, strict=False):
        if mark:
            fig.add_annotation(
                x=county, y=0, text=mark, showarrow=False, yanchor="bottom", textangle=-90, font={"color": INK["muted"]}
            )
    if target is not None:
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=TARGET,
            annotation_text=target_label,
            annotation_position="top left",
            annotation_font_color=TARGET,
        )
    _update(*fig.select_yaxes(), tickformat=".0%", range=[0, 1.05])
    fig = _layout(fig, title, 420)
    _update(
        fig.layout,
        barmode="group",
        bargap=0.25,
        legend=LEGEND_BELOW,
    )
    return fig


HEATMAP_SCALE_ROW = 50  # the colour scale's row under a heatmap's labels


@_shared_look
def domain_heatmap(
    frame: pd.DataFrame, value: str, title: str, percent: bool, marks: dict[str, str] | None = None
) -> go.Figure:
    """County x training domain; darker = more. `value` is reach (share of cadres) or hours per cadre. A county
    a viewer may not see (in `marks`) has empty cells carrying its mark."""
    grid = frame.pivot_table(index="county", columns="domain", values=value, aggfunc="first", sort=False)
    grid = grid.reindex(frame["county"].drop_duplicates())
    marks = {c: m for c, m in (marks or {}).items() if m}
    grid.loc[grid.index.isin(list(marks))] = float("nan")
    text = [
        [marks.get(county) or ("" if pd.isna(v) else _number(v, ".0%" if percent else ".1f")) for v in row]
        for county, row in zip(grid.index, grid.to_numpy(), strict=False)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=grid.columns.tolist(),
            y=grid.index.tolist(),
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, palette.SEQUENTIAL[0]], [1, palette.SEQUENTIAL[1]]],
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            textfont={"size": 11},
            # The scale lies under the grid, at the foot of the figure: beside it, it took a sixth of a phone's
            # width from cells whose figures then ran into each other.
            colorbar={
                "thickness": 10,
                "tickformat": ".0%" if percent else "",
                "orientation": "h",
                "yref": "container",
                "y": 0,
                "yanchor": "bottom",
                "xanchor": "left",
                "x": 0,
                "len": 0.6,
            },
        )
    )
    _update(*fig.select_yaxes(), autorange="reversed")
    # names of four characters and more on two lines ("乡村<br>振兴"): on one, ten domains stood on end under a
    # 1024 px screen's grid (50 px a column); placed at the names as _make_inert escapes them in `x`
    columns = [str(c) for c in grid.columns]
    _update(*fig.select_xaxes(), tickvals=[_inert(c) for c in columns], ticktext=[_wrapped(c, 3) for c in columns])
    fig = _layout(fig, title, _height(len(grid)) + 60 + HEATMAP_SCALE_ROW)
    _update(fig.layout, margin={"b": 10 + HEATMAP_SCALE_ROW})
    return fig


@_shared_look
def pace_lines(
    cumulative: pd.DataFrame, pace: pd.DataFrame, focus: str, labels: dict[str, str], title: str, axis_title: str
) -> go.Figure:
    """Cumulative hours per cadre by month (all counties, and one county if chosen) against the target pace; each
    month on the axis as its year over its number ("2026<br>03", as the rank chart's periods)."""
    fig = go.Figure()
    whole = cumulative[cumulative["county"] == ""]
    fig.add_trace(
        go.Scatter(
            x=whole["month"],
            y=whole["hours_per_cadre"],
            name=labels["all"],
            mode="lines+markers",
            line={"color": REFERENCE, "width": 3},
        )
    )
    if focus:
        one = cumulative[cumulative["county"] == focus]
        fig.add_trace(
            go.Scatter(
                x=one["month"],
                y=one["hours_per_cadre"],
                name=focus,
                mode="lines+markers",
                line={"color": FOCUS, "width": 2},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=pace["month"],
            y=pace["expected"],
            name=labels["pace"],
            mode="lines",
            line={"color": TARGET, "dash": "dash"},
        )
    )
    _update(*fig.select_yaxes(), title=axis_title, rangemode="tozero")
    # on one line ("2026-03") six months stood on end in half a 1024 px screen, and at the room's size were cut
    _update(*fig.select_xaxes(), tickformat="%Y<br>%m", dtick="M2" if len(pace) <= 12 else "M3")
    fig = _layout(fig, title, 380)
    _update(fig.layout, legend=LEGEND_BELOW)
    return fig


@_shared_look
def quarter_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=frame["quarter"],
            y=frame["hours_per_cadre"],
            marker_color=REFERENCE,
            text=[_number(v, ".1f") for v in frame["hours_per_cadre"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    _update(*fig.select_yaxes(), title=axis_title, rangemode="tozero")
    _update(*fig.select_xaxes(), type="category")
    return _layout(fig, title, 380)


@_shared_look
def mix_bars(frame: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Per county, the share of hours online and the share in collective training, side by side."""
    fig = go.Figure()
    for column, colour in (("online", palette.CATEGORIES[0]), ("collective", palette.CATEGORIES[2])):
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=frame["county"],
                y=frame[column],
                marker_color=colour,
                text=[_number(v, ".0%") for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[_number(v, ".1%") for v in frame[column]],
                hovertemplate="%{x} · " + labels[column] + ": %{hovertext}<extra></extra>",
            )
        )
    _update(*fig.select_yaxes(), tickformat=".0%", range=[0, 1.05])
    fig = _layout(fig, title, 380)
    # a label that would print under 10 px (24 bars on a phone) is left out rather than shrunk to specks; the axis
    # and the hover still give every value
    _update(fig.layout, barmode="group", legend=LEGEND_BELOW, uniformtext={"minsize": 10, "mode": "hide"})
    return fig


@_shared_look
def coverage_vs_composite(frame: pd.DataFrame, title: str, x_title: str, y_title: str) -> go.Figure:
    """One dot per county: training coverage against its race composite, labelled."""
    data = frame.sort_values("composite")
    sides = _label_sides(data["coverage"])
    fig = go.Figure(
        go.Scatter(
            x=data["coverage"],
            y=data["composite"],
            mode="markers+text",
            text=data["county"],
            textposition=sides,
            marker={"size": 11, "color": REFERENCE},
            hovertext=[
                f"{_number(x, '.1%')}, {_number(y, '.2f')}"
                for x, y in zip(data["coverage"], data["composite"], strict=True)
            ],
            hovertemplate="%{text}: %{hovertext}<extra></extra>",
        )
    )
    _update(*fig.select_xaxes(), title=x_title, tickformat=_percent_ticks(data["coverage"]))
    _update(*fig.select_yaxes(), title=y_title)
    return _layout(fig, title, 420)


EDGE_BAND = 0.2  # the outer fifth of the x span at each end, where a label points inward


def _label_sides(x: pd.Series) -> list[str]:
    """Where each dot's label goes, the dots in the order drawn (by composite, so each next to its neighbours on
    the y axis): away from the dot before it (the first away from the one after it), so that two dots close in
    composite label apart rather than into each other; but a dot in the outer fifth of the x span always toward the
    middle. A label pointing out of the plot is cut off at its edge (Plotly clips a scatter's text to the axes): on
    a 390 px phone the label of the county with the lowest coverage was cut in half."""
    values = x.astype(float).tolist()
    low, high = min(values), max(values)
    span = high - low
    sides = []
    for i, value in enumerate(values):
        if span > 0 and value <= low + EDGE_BAND * span:
            sides.append("middle right")
        elif span > 0 and value >= high - EDGE_BAND * span:
            sides.append("middle left")
        elif i > 0:
            sides.append("middle right" if value >= values[i - 1] else "middle left")
        else:
            sides.append("middle right" if len(values) < 2 or value >= values[1] else "middle left")
    return sides


def _percent_ticks(values: pd.Series) -> str:
    """A percent axis's tick format with the decimals its ticks need: Plotly puts about five ticks across the
    values, and whole percents on counties between 92 % and 94 % read 92% 93% 93% 94% 94%."""
    span = float(values.max() - values.min()) if values.notna().any() else 1.0
    return ".0%" if span >= 0.05 else ".1%" if span >= 0.005 else ".2%"


def _text_width(text: str, size: int = 13) -> float:
    """About how wide `text` is drawn at font `size` px: a CJK (wide) character is one em, any other about 0.6."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


# On a projector the traffic lights fit one screen (1440 x 900, below the page's title and steppers): the cells
# keep a row's height for the room's text instead of growing with the rest of the figure, and the indicator
# names, upright on a wide screen, take one line.
ROOM_ROW = 30
# px the grid spans on a projector's screen, for whether the names fit upright: a 1024 x 768 projector's (still
# common in meeting rooms; the grid spans 1150 px of a 1440 px screen). Sized for 1440, the names stood on end
# under a 1024 px screen's grid and squeezed its rows until Plotly dropped every other county's name.
ROOM_PLOT_WIDTH = 760


def status_grid(
    grid: pd.DataFrame, values: pd.DataFrame, labels: dict[str, str], title: str, projector: bool = False
) -> go.Figure:
    """The traffic lights: county x indicator coloured met / near / below; grey without a target; blank without a
    value. `values` holds the figures printed in the cells (same shape as `grid`; a text such as `<5` as it is).
    With `projector`, the room's fonts (`_for_room`) on a figure the height of a screen (ROOM_ROW a county).

    The indicator names are under the grid, where Plotly makes room for them (`automargin`) however it has to tilt
    them on a narrow screen; above it they ran into the title (on a phone and in the PDF briefing), since a title
    takes no part in that room. The figure is taller by the longest name, so the cells keep their height when the
    names stand upright, and the legend sits at the very bottom, below the names."""
    codes = {"met": 3, "near": 2, "below": 1, "": 0}
    z = [[codes.get(cell) if isinstance(cell, str) else None for cell in row] for row in grid.to_numpy()]
    text = [
        ["" if pd.isna(v) else v if isinstance(v, str) else _number(v, "g") for v in row] for row in values.to_numpy()
    ]
    hover = [[labels.get(cell, "—") if isinstance(cell, str) else "—" for cell in row] for row in grid.to_numpy()]
    scale = palette.status_scale()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=grid.columns.tolist(),
            y=grid.index.tolist(),
            zmin=-0.5,
            zmax=3.5,
            colorscale=scale,
            showscale=False,
            text=text,
            texttemplate="%{text}",  # no text colour: plotly.js picks dark or light per cell, for contrast
            customdata=hover,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        )
    )
    shown = {key for row in grid.to_numpy() for key in row if isinstance(key, str)}
    _legend_swatches(  # a legend for the colours; the grey only where an indicator has no target
        fig,
        {labels[key]: STATUS_COLOURS[key or "none"] for key in ("met", "near", "below", "") if key or key in shown},
    )
    # Plotly reports no selection on a heatmap: an invisible marker on every cell makes a click on it select its
    # county (row), which opens the county's profile (ui/county_clicks.py)
    cells = [(column, county) for county in grid.index for column in grid.columns]
    fig.add_trace(
        go.Scatter(
            x=[column for column, _ in cells],
            y=[county for _, county in cells],
            mode="markers",
            marker={"size": 40, "symbol": "square", "opacity": 0},  # most of a cell; the nearest cell wins
            selected={"marker": {"opacity": 0}},  # a selection must not draw the layer
            unselected={"marker": {"opacity": 0}},
            showlegend=False,
            customdata=[hover[r][c] for r in range(len(grid.index)) for c in range(len(grid.columns))],
            text=[text[r][c] for r in range(len(grid.index)) for c in range(len(grid.columns))],
            hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        )
    )
    # the axes span the cells exactly: autorange would pad them for the click layer's big markers, shrinking the cells
    _update(*fig.select_yaxes(), range=[len(grid.index) - 0.5, -0.5], automargin=True)  # the first county at the top
    _update(
        *fig.select_xaxes(), range=[-0.5, len(grid.columns) - 0.5], side="bottom", automargin=True
    )  # upright on a phone
    # a long name on two lines: on one, seven indicators stood on end under a 1024 px screen's grid (80 px a column)
    # (placed at the names as _make_inert escapes them in `x`)
    _update(
        *fig.select_xaxes(),
        tickvals=[_inert(str(c)) for c in grid.columns],
        ticktext=[_wrapped(str(c), most=2) for c in grid.columns],
    )
    names = max((_text_width(str(c)) for c in grid.columns), default=0.0)
    fig = _layout(fig, title, _height(len(grid)) + 40 + LEGEND_ROW + round(names))
    _update(
        fig.layout,
        legend=LEGEND_BELOW,
    )
    if not projector:
        return fig
    fig = _for_room(fig)
    column = ROOM_PLOT_WIDTH / max(len(grid.columns), 1)
    lines = 1
    if max((_text_width(str(c), ROOM_TEXT) for c in grid.columns), default=0.0) > column:
        width = max(int(column // ROOM_TEXT) - 1, 2)  # characters a line holds, with air between the columns
        names = [_fitted(str(c), width) for c in grid.columns]
        lines = max(name.count("<br>") + 1 for name in names)
        # 两地分居问题<br>解决率: lines rather than a name standing on end, a third of the screen high; but where a
        # name would take more than ROOM_NAME_LINES (eleven indicators, a column two characters wide: 及家 / 属心 /
        # 理疏 …) the names stand on end on two lines, as tall as the longest line
        standing = lines > ROOM_NAME_LINES or width < 3
        if standing:
            names = [_wrapped(str(c), width, most=2) for c in grid.columns]
        _update(*fig.select_xaxes(), tickvals=list(fig.data[0].x), ticktext=names)
        if standing:
            longest = max(_text_width(line, ROOM_TEXT) for name in names for line in name.split("<br>"))
            lines = longest / (1.4 * ROOM_TEXT)
    names_height = 1.4 * ROOM_TEXT * lines
    _update(fig.layout, height=fig.layout.margin.t + ROOM_ROW * len(grid) + round(names_height) + LEGEND_ROW + 30)
    return fig


def _fitted(label: str, width: int) -> str:
    """`label` (`_wrapped`) on two lines, or on as few more as it takes for each to hold at most `width` + 1
    characters (a long name's lines wider than its column would stand every name of the axis on end)."""
    wrapped = _wrapped(label, width)
    for count in range(3, len(label) // 2 + 1):
        if max(len(line) for line in wrapped.split("<br>")) <= width + 1:
            break
        wrapped = "<br>".join(_inert(line) for line in word_breaks.into_lines(label, count))
    return wrapped


ROOM_NAME_LINES = 6  # lines an indicator's name may take upright under the room's traffic lights
LEGEND_ROW = 40  # px a one-line legend takes at the bottom of a figure


@_shared_look
def welfare_radar(
    frame: pd.DataFrame, county: str, labels: dict[str, str], title: str, projector: bool = False
) -> go.Figure:
    """One county's %-indicators against the prefecture median (and the target where there is one). In the room
    (`projector`) the margins beside the circle are as wide as the longest line of a name at ROOM_TEXT."""
    names = [_wrapped(name) for name in frame["name"].tolist()]  # long labels on the left and right ran out
    closed = names + names[:1]
    fig = go.Figure()
    for column, name, colour, dash in (
        ("median", labels["median"], REFERENCE, "dot"),
        ("target", labels["target"], TARGET, "dash"),
        ("value", county, FOCUS, "solid"),
    ):
        values = frame[column].tolist()
        if all(pd.isna(v) for v in values):
            continue
        fig.add_trace(
            go.Scatterpolar(
                r=values + values[:1],
                theta=closed,
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": dash},
                connectgaps=True,
            )
        )
    low = min([v for v in frame[["value", "median"]].to_numpy().ravel() if pd.notna(v)] or [0])
    centre = max(0, low - 10)
    # the percents along a radius midway between two names' spokes, near the top: along a spoke (four names, one at
    # 90°) the lines and markers of that name covered them. At most three, inside the rim (_radar_ticks), at any
    # width: five (Plotly's own, or `nticks`) ran into each other near the rim in a phone's circle, and 100% at the
    # rim touched the name beside the top; a point's own value is in its hover
    angle, ticks = _between_spokes(len(names)), _radar_ticks(centre)
    _update(
        fig.layout,
        polar={
            "radialaxis": {
                "range": [centre, 100],
                "angle": angle,
                "tickangle": angle,  # upright figures, read across (Plotly turns them with the radius)
                "tickfont": {"size": 10},
                "tickvals": ticks,
                "ticktext": [f"{v}%" for v in ticks],  # Plotly leaves `ticksuffix` off ticks given by value
            }
        },
    )
    fig = _layout(fig, title, 440)
    # a name reaches out beside the circle by its width times the cosine of its angle (Plotly sets the first at 0°,
    # east, the others counterclockwise), so the margins are as wide as the farthest reach, not the widest name
    # (which, at 300°, made the circle a third smaller than it needed to be); at 80 px the room's 20 px cut the
    # names at the left and right ("家访慰问" lost its first character)
    size = ROOM_TEXT if projector else fig.layout.font.size
    reach = [
        _text_width(line, size) * abs(math.cos(2 * math.pi * i / len(names)))
        for i, name in enumerate(names)
        for line in name.split("<br>")
    ]
    side = max(80, round(max(reach, default=0)) + 24)
    # the names below the circle reach down by their lines' height times the sine of their angle: the legend goes
    # under them (at 1920 px it covered the second line of the name at 240°; at 1440 a name of three lines at
    # 270° under a legend placed below the circle), the chart growing by as much
    below = max(
        (
            (name.count("<br>") + 1) * 1.3 * size * -math.sin(2 * math.pi * i / len(names))
            for i, name in enumerate(names)
        ),
        default=0,
    )
    bottom = round(max(below, 0) + 1.6 * size + 16)
    _update(
        fig.layout,
        legend={"orientation": "h", "xanchor": "left", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom"},
        margin={"l": side, "r": side, "t": fig.layout.margin.t + 10, "b": bottom},
        height=fig.layout.height + bottom - 20,
    )
    return fig


def _between_spokes(count: int) -> float:
    """The angle (degrees, counterclockwise from east, where Plotly draws the first of `count` names) midway
    between two neighbouring spokes that is nearest the top (90°), the earlier of two as near."""
    if count < 1:
        return 90
    step = 360 / count
    middles = [step * (i + 0.5) for i in range(count)]
    return min(middles, key=lambda a: (abs(a - 90), a))


def _radar_ticks(low: float) -> list[int]:
    """At most three percents strictly between the radar's centre (`low`) and its rim (100), at the finest of 5, 10,
    20, 25 or 50 apart that gives no more."""
    for step in (5, 10, 20, 25, 50):  # 50 apart gives one at most
        ticks = [v for v in range(math.floor(low / step) * step + step, 100, step) if v > low]
        if len(ticks) <= 3:
            break
    return ticks


def _wrapped(label: str, width: int = 5, most: int | None = None) -> str:
    """A label longer than `width` characters (Chinese) or about 3 × width (Latin) broken into lines, escaped for
    Plotly here (the <br> is markup, so _make_inert leaves `theta` alone): two near its middle, between two words
    (at a space, else word_breaks.two_lines), as a radar's side labels have little room beside the circle; more
    when each of two would be over half as long again as `width` (a county's own 25-character indicator, whose
    two lines of twelve squeezed the radar to a dot on a projector and stood a grid's columns on end:
    word_breaks.into_lines). `most`: the lines it may take at most (two under a desk's traffic lights, whose
    names stand on end in a narrow column, a line beside the next: four lines of each ran into their neighbours)."""
    latin = " " in label
    if len(label) <= (3 * width if latin else width):
        return _inert(label)
    count = min(max(2, math.ceil(len(label) / (4.5 * width if latin else 1.5 * width))), most or len(label))
    if count == 2 and not latin:
        # between words ("重点项目<br>投资完成额", not "重点项目投<br>资完成额"), else near the middle
        lines = word_breaks.two_lines(label, width) or word_breaks.at_middle(label)
    else:
        lines = word_breaks.into_lines(label, count)
    return "<br>".join(_inert(line) for line in lines)


@_shared_look
def indicator_trend(
    history: pd.DataFrame,
    focus: str | None,
    target: float | None,
    labels: dict[str, str],
    title: str,
    axis_title: str,
    median: pd.Series | None = None,
    projector: bool = False,
) -> go.Figure:
    """One welfare indicator over the periods: every county quiet, the median, the focus county, the target.
    `median` by period (welfare.trend_shown, which leaves small counts of people out); default: of `history`.
    Each period's year over its half ("2025<br>H1", as the rank trend's); in the room (`projector`) past four
    periods every other one, counted back from the last."""
    fig = go.Figure()
    quiet = history[history["county"] != focus]
    if not quiet.empty:
        # every quiet county in one trace, a gap (None) after each: a hundred traces took the browser 0.2 s more
        # to draw (province scale, 2 cores) for the same lines and the same hover
        x, y, names = [], [], []
        for county, part in quiet.groupby("county", sort=False):
            x += [*part["period"], None]
            y += [*part["value"].astype(float), None]
            names += [county] * len(part) + [None]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                text=names,
                mode="lines",
                line={"color": QUIET, "width": 1},
                connectgaps=False,
                showlegend=False,
                hovertemplate="%{text} %{x}: %{y}<extra></extra>",
            )
        )
    if median is None:
        median = history.groupby("period", sort=False)["value"].median()
    fig.add_trace(
        go.Scatter(
            x=median.index,
            y=median.to_numpy(),
            mode="lines+markers",
            name=labels["median"],
            line={"color": REFERENCE, "width": 3},
        )
    )
    if focus:
        part = history[history["county"] == focus]
        fig.add_trace(
            go.Scatter(
                x=part["period"], y=part["value"], mode="lines+markers", name=focus, line={"color": FOCUS, "width": 3}
            )
        )
    if target is not None and pd.notna(target):
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=TARGET,
            annotation_text=labels["target"],
            annotation_font_color=TARGET,
            annotation_position="top left",
        )
    # on one line seven half-years stood on end in half a 1024 px screen, and on a phone
    periods = [str(p) for p in history["period"].drop_duplicates()]
    _update(*fig.select_xaxes(), **_period_ticks(periods, 2 if projector and len(periods) > 4 else 1))
    _update(*fig.select_yaxes(), title=axis_title)
    fig = _layout(fig, title, 380)
    _update(fig.layout, legend=LEGEND_BELOW)
    return fig


@_shared_look
def tier_rates(
    frame: pd.DataFrame,
    labels: dict[str, str],
    tier_labels: dict[int, str],
    title: str,
    axis_title: str,
    marks: dict[str, pd.Series] | None = None,
    projector: bool = False,
) -> go.Figure:
    """Promotions and accountability cases per 100 cadres, by the counties' race tier the year before. A rate a
    viewer may not see is drawn as an empty bar carrying its mark (`marks[column]`, '' where shown). In the room
    (`projector`) a tier's name is on two lines ("第一<br>方阵")."""
    x = [tier_labels[int(tier)] for tier in frame["tier"]]
    fig = go.Figure()
    for column, colour in (
        ("promotion_per_100", palette.CATEGORIES[0]),
        ("accountability_per_100", palette.CATEGORIES[2]),
    ):
        mark = (marks or {}).get(column, pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
        hidden = (mark != "") | frame[column].isna()
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=x,
                y=frame[column].where(~hidden, 0),
                marker_color=colour,
                text=[m if h else _number(v, ".1f") for v, m, h in zip(frame[column], mark, hidden, strict=False)],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                hovertemplate="%{x} · " + labels[column] + ": %{text}<extra></extra>",
            )
        )
    _update(*fig.select_yaxes(), title=axis_title, rangemode="tozero")
    if projector:  # at the room's 20 px the three names ran into each other in half a 1024 px screen
        _update(*fig.select_xaxes(), tickvals=[_inert(name) for name in x], ticktext=[_wrapped(n, 3) for n in x])
    fig = _layout(fig, title, 360)
    _update(fig.layout, barmode="group", legend=LEGEND_BELOW)
    return fig


@_shared_look
def tolerance_by_year(
    frame: pd.DataFrame, labels: dict[str, str], title: str, marks: dict[str, pd.Series] | None = None
) -> go.Figure:
    """The prefecture's 问责 and 容错免责 cases per year, upright bars along the years; a count a viewer may not see
    is drawn as an empty bar carrying its mark (`<5`, or withheld)."""
    data = frame.assign(county=frame["year"].astype(str))
    return _tolerance_bars(data, labels, title, marks, lying=False)


@_shared_look
def tolerance_vs_accountability(
    frame: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    marks: dict[str, pd.Series] | None = None,
    projector: bool = False,
) -> go.Figure:
    """Per county, 容错免责 cases next to 问责 cases, the bars lying down with the counties named down the side:
    upright, twelve counties' names stood on end under their bars on a phone, and their counts and marks (不公开)
    read sideways. In the room (`projector`, a wide screen, never a phone: ui/meeting.py) they stay upright, as
    lying at the room's size the twelve pairs ran a screen and a half down a 1440 x 900 slide. A count a viewer may
    not see (`marks[column]` not '') is drawn as an empty bar labelled with its mark, never as a value. Past
    SCREEN_UNITS counties, the WORST with the most of both."""
    return _tolerance_bars(frame, labels, title, marks, lying=not projector)


def _tolerance_bars(
    frame: pd.DataFrame, labels: dict[str, str], title: str, marks: dict[str, pd.Series] | None, *, lying: bool
) -> go.Figure:
    """问责 and 容错免责 side by side for each row's `county` (a county, or a year): `lying`, the bars across with the
    first row at the top and 问责 the upper bar of each pair (as grade_rates draws its counties); else upright."""
    columns = ("accountability", "fault_tolerance")
    marked = {
        c: (marks or {}).get(c, pd.Series("", index=frame.index)).reindex(frame.index).fillna("") for c in columns
    }
    if len(frame) > SCREEN_UNITS:  # chosen by what is shown, so the choice says nothing about hidden counts
        visible = sum(frame[c].where(marked[c] == "", 0) for c in columns)
        frame = frame.loc[visible.nlargest(WORST).index]
    fig = go.Figure()
    traces = list(zip(columns, (palette.CATEGORIES[2], palette.CATEGORIES[0]), strict=False))
    # Plotly stacks a group of lying bars upwards from the first trace: added last to first, 问责 is the upper bar
    # of each county's pair, and the legend (reversed) keeps the order of the upright chart's
    for column, colour in reversed(traces) if lying else traces:
        mark = marked[column].reindex(frame.index)
        hidden = mark != ""
        counts = frame[column].where(~hidden, 0)
        text = [m if h else f"{v}" for v, m, h in zip(frame[column], mark, hidden, strict=False)]
        if lying:
            fig.add_trace(
                go.Bar(
                    name=labels[column],
                    y=frame["county"],
                    x=counts,
                    orientation="h",
                    marker_color=colour,
                    text=text,
                    textposition="outside",
                    cliponaxis=False,
                    constraintext="none",
                    hovertemplate="%{y} · " + _inert(labels[column]) + ": %{text}<extra></extra>",
                )
            )
        else:
            fig.add_trace(
                go.Bar(
                    name=labels[column],
                    x=frame["county"],
                    y=counts,
                    marker_color=colour,
                    text=text,
                    textposition="outside",
                    cliponaxis=False,
                    constraintext="none",
                    textangle=-90 if len(frame) > 6 else 0,  # many narrow bars: labels read upwards
                    hovertemplate="%{x} · " + labels[column] + ": %{text}<extra></extra>",
                )
            )
    if not lying:
        _update(*fig.select_yaxes(), rangemode="tozero")
        fig = _layout(fig, title, 360)
        _update(fig.layout, barmode="group", legend=LEGEND_BELOW)
        return fig
    # room beyond the longest bar for its count or mark (不公开, about four digits' width)
    top = max([frame[c].where(marked[c] == "", 0).max() for c in columns if len(frame)] + [0])
    top = top if pd.notna(top) and top > 0 else 1
    # whole counts: at most five a tick apart (of 2 cases Plotly ticked 0.5 and 1.5)
    _update(*fig.select_xaxes(), range=[0, top * 1.25], **({"dtick": 1} if top <= 5 else {}))
    counties = list(dict.fromkeys(frame["county"]))
    _update(*fig.select_yaxes(), categoryorder="array", categoryarray=counties[::-1])  # the first county at the top
    # two bars a county, each as tall as its figure (at 1.6 a row the 问责 count touched the 容错免责 one below)
    fig = _layout(fig, title, _height(2 * len(counties)) + LEGEND_ROW)
    # the legend in its own row under the counts' axis; the top margin kept, as the first county's upper figure
    # sits at the plot's top edge
    _update(
        fig.layout,
        barmode="group",
        legend={**LEGEND_BELOW, "traceorder": "reversed"},
        margin={"b": 10 + LEGEND_ROW},
    )
    return fig


# ---- 一县一档 (county profile) and the one-track view of the rankings


@_shared_look
def county_rank_path(path: pd.DataFrame, title: str, axis_title: str, tier_labels: dict[int, str]) -> go.Figure:
    """One county's rank over the periods (county_profile.rank_path): a dot per ranked period coloured by its tier,
    its weight-uncertainty interval as a bar, rank 1 at the top; a period where it was not ranked is a gap."""
    data = path[path["ranked"]]
    fig = go.Figure()
    for tier, label in tier_labels.items():
        part = data[data["tier"] == tier]
        fig.add_trace(
            go.Scatter(
                name=label,
                x=part["period"],
                y=part["rank"].astype(float),
                mode="markers+text",
                marker={"size": 12, "color": TIER_COLOURS[tier]},
                text=[f"{int(r)}" for r in part["rank"]],
                textposition="middle right",
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (part["rank_high"] - part["rank"]).astype(float),
                    "arrayminus": (part["rank"] - part["rank_low"]).astype(float),
                    "color": QUIET,
                    "thickness": 4,
                    "width": 0,
                },
                customdata=part[["interval"]],
                hovertemplate="%{x}: %{y} (%{customdata[0]})<extra>" + _inert(label) + "</extra>",
            )
        )
    fig.add_trace(  # the line joining the periods, under the dots, broken where the county was not ranked
        go.Scatter(
            x=path["period"],
            y=path["rank"].astype(float),
            mode="lines",
            line={"color": "#bbbbbb", "width": 1},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    most = int(path["units"].max()) if len(path) else 1
    _update(
        *fig.select_yaxes(), title=axis_title, autorange=False, range=[most + 0.5, 0.5], dtick=1 if most <= 15 else 5
    )
    _update(
        *fig.select_xaxes(),
        type="category",
        categoryorder="array",
        categoryarray=path["period"].tolist(),
        automargin=True,
    )
    return _legend_at_the_bottom(_layout(fig, title, 360))


@_shared_look
def benchmark_bars(frame: pd.DataFrame, labels: dict[str, str], title: str, track_labels: dict[str, str]) -> go.Figure:
    """Per track (benchmarks.track_benchmarks): the county's track score beside the peers' median and the 标杆
    (90th percentile), grouped; `labels` name score, median and benchmark in the user's language."""
    fig = go.Figure()
    names = [track_labels.get(track, track) for track in frame["track"]]
    # the county in the focus colour, the peers' median quiet, the 标杆 as a reference (never a status colour)
    for column, colour in (("score", FOCUS), ("median", QUIET), ("benchmark", REFERENCE)):
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=names,
                y=frame[column],
                marker_color=colour,
                text=[_score(v) for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[_number(v, ".3f") for v in frame[column]],
                hovertemplate="%{x} · " + _inert(labels[column]) + ": %{hovertext}<extra></extra>",
            )
        )
    _update(*fig.select_xaxes(), automargin=True)
    fig = _legend_at_the_bottom(_layout(fig, title, 380))
    _update(fig.layout, barmode="group")
    return fig


def _legend_at_the_bottom(fig: go.Figure) -> go.Figure:
    """The legend in its own row at the very bottom, under the x labels however a phone tilts them (above the plot
    it ran into the title, just under the plot into tilted labels), as the care grid has it."""
    _update(
        fig.layout,
        height=fig.layout.height + LEGEND_ROW,
        margin={"l": 10, "r": 10, "t": fig.layout.margin.t - (TOP_MARGIN - 50), "b": 10 + LEGEND_ROW},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0},
    )
    return fig


@_shared_look
def track_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """The peers ranked by one track (benchmarks.track_ranking, index unit): the track score per unit, the best at
    the top, in one neutral colour (a track view has no tiers of its own). Clicking a bar selects its unit."""
    data = frame.reset_index().sort_values(["track_rank", "unit"], ascending=[False, False])
    fig = go.Figure(
        go.Bar(
            x=data["score"],
            y=data["unit"],
            orientation="h",
            marker_color=REFERENCE,
            customdata=data["unit"],
            text=[_score(v) for v in data["score"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[_number(v, ".3f") for v in data["score"]],
            hovertemplate="%{y}: %{hovertext}<extra></extra>",
        )
    )
    low, high = min(0.0, data["score"].min()), max(0.0, data["score"].max())
    pad = 0.18 * (high - low or 1)
    _update(*fig.select_xaxes(), title=axis_title, range=[low - pad, high + pad])
    _update(*fig.select_yaxes(), categoryorder="array", categoryarray=data["unit"].tolist())
    return _layout(fig, title, _height(len(data)) + 30)


@_shared_look
def quota_bars(
    frame: pd.DataFrame, title: str, axis_title: str, quota: float, quota_label: str, marks: pd.Series | None = None
) -> go.Figure:
    """A share per county (`share`, a fraction) against a ceiling (`quota`, a fraction, drawn dashed): counties
    above it in the 未达标 red, the others quiet, highest at the top. A share a viewer may not see (`marks` not
    '') is an empty bar carrying its mark, at the bottom."""
    marks = (marks if marks is not None else pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
    frame = frame.assign(share=frame["share"].where(marks == ""), mark=marks)
    data = _with_ends(frame.sort_values("share", ascending=True, na_position="first"), "county")
    colours = [STATUS_COLOURS["below"] if pd.notna(v) and v > quota else REFERENCE for v in data["share"]]
    text = _marked_text(data["share"], data["mark"], ".1%")
    fig = go.Figure(
        go.Bar(
            x=data["share"].fillna(0),
            y=data["county"],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    top = max([quota, *data["share"].dropna()]) * 1.25 or 1
    _vertical_line(fig, quota, quota_label)
    _update(*fig.select_xaxes(), title=axis_title, tickformat=".0%", range=[0, top])
    return _layout(fig, title, _height(len(data)) + 20)


def rate_ends(frame: pd.DataFrame, grade: str) -> pd.DataFrame:
    """grade_rates' rows (county, grade, per_100, status) of the counties it draws: all of them up to SCREEN_UNITS
    counties; past it the ENDS counties with the highest `grade` rate and the ENDS with the lowest, highest first,
    with a '⋯' row (no rate) between. The counties are chosen by the rates a viewer sees, so the choice says
    nothing about a hidden one (as tolerance_vs_accountability's), and a county with no rate of `grade` is left
    out of it."""
    counties = list(dict.fromkeys(frame["county"]))
    if len(counties) <= SCREEN_UNITS:
        return frame
    rates = frame[(frame["grade"] == grade) & (frame["status"] == "")].dropna(subset=["per_100"])
    ordered = rates.sort_values("per_100", ascending=False, kind="stable")["county"].tolist()
    chosen = ordered if len(ordered) <= 2 * ENDS else [*ordered[:ENDS], "⋯", *ordered[-ENDS:]]
    gap = pd.DataFrame({"county": ["⋯"], "grade": [grade], "per_100": [float("nan")], "status": [""]})
    rows = pd.concat([frame[frame["county"].isin(chosen)], gap], ignore_index=True)
    place = {county: i for i, county in enumerate(chosen)}
    return rows[rows["county"].isin(place)].sort_values("county", key=lambda c: c.map(place), kind="stable")


@_shared_look
def grade_rates(
    frame: pd.DataFrame, labels: dict[str, str], title: str, axis_title: str, mark_labels: dict[str, str]
) -> go.Figure:
    """A rate per 100 cadres per county for each grade side by side (frame: county, grade, per_100, status; one
    trace per grade in `labels`' order, a neutral category hue each), counties down the side in the frame's order
    (bars lying down: their figures stay apart on a phone, where twelve counties' standing pairs ran together). A
    rate a viewer may not see is an empty bar carrying its mark (`mark_labels[status]`). Past SCREEN_UNITS
    counties, the ENDS with the highest and the ENDS with the lowest rate of the first grade, highest at the top,
    a '⋯' row between (`rate_ends`)."""
    frame = rate_ends(frame, next(iter(labels)))
    fig = go.Figure()
    counties = list(dict.fromkeys(frame["county"]))
    # Plotly stacks a group of lying bars upwards from the first trace: added last to first, the first grade is
    # the top bar of each county, and the legend (reversed) keeps `labels`' order.
    for (grade, label), colour in reversed(list(zip(labels.items(), palette.CATEGORIES, strict=False))):
        rows = frame[frame["grade"] == grade]
        hidden = rows["status"] != ""
        fig.add_trace(
            go.Bar(
                name=label,
                y=rows["county"],
                x=rows["per_100"].where(~hidden, 0).fillna(0),
                orientation="h",
                marker_color=colour,
                text=[
                    mark_labels.get(s, "") if s else ("" if pd.isna(v) else _number(v, ".1f"))
                    for v, s in zip(rows["per_100"], rows["status"], strict=False)
                ],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                hovertemplate="%{y} · " + _inert(label) + ": %{text}<extra></extra>",
            )
        )
    top = frame["per_100"].max()
    _update(*fig.select_xaxes(), title=axis_title, range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.25])
    _update(*fig.select_yaxes(), categoryorder="array", categoryarray=counties[::-1])  # the first county at the top
    _update(fig.layout, barmode="group", legend={"traceorder": "reversed"})
    return _legend_at_the_bottom(_layout(fig, title, _height(int(len(counties) * 1.6))))

"""Plotly figures with one shared look: a CJK-capable font stack, status colours, no chart junk.

Pure functions DataFrame -> Figure; tests inspect the figures' data, not pixels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from incentive.safe_text import plotly as _inert

FONT_STACK = (
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"
)
STATUS_COLOURS = {"met": "#2e7d32", "near": "#f9a825", "below": "#c62828"}
ACCENT = "#1f5fa8"
MUTED = "#9db4d0"
NEGATIVE = "#c9793a"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    _make_inert(fig)
    fig.update_layout(
        title={"text": _inert(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT_STACK, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    fig.update_xaxes(gridcolor="#e8e8e8", zerolinecolor="#888")
    fig.update_yaxes(gridcolor="#e8e8e8")
    return fig


def _make_inert(fig: go.Figure) -> None:
    """Plotly reads <a href>, <b>, <br> and entities in titles, trace names, category labels, text and
    annotations: names from files are escaped there (docs/security.md). Hover templates, which are markup on
    purpose, take the data through %{…} as escaped here, and names concatenated into them are escaped where they
    are built. A click on a bar reports the escaped label: html.unescape gives the name back."""
    for trace in fig.data:
        for attr in ("x", "y", "text", "name", "labels"):  # theta: _two_lines
            if attr in trace and trace[attr] is not None:
                trace[attr] = _inert_values(trace[attr])
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


def composite_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Counties best at the top; positive (above average) blue, negative orange; the leader darkest."""
    data = _with_ends(frame.sort_values("composite", ascending=True), "county")
    top = frame["composite"].max() if len(frame) else None
    colours = [ACCENT if v == top else (MUTED if not v < 0 else NEGATIVE) for v in data["composite"]]
    fig = go.Figure(
        go.Bar(
            x=data["composite"],
            y=data["county"],
            orientation="h",
            marker_color=colours,
            text=["" if pd.isna(v) else f"{v:+.2f}" for v in data["composite"]],
            textposition="outside",
            hovertemplate="%{y}: %{x:.3f}<extra></extra>",
            cliponaxis=False,
        )
    )
    # Room on both sides for the labels outside the bars, so they never run into the county names.
    low, high = min(0.0, data["composite"].min()), max(0.0, data["composite"].max())
    pad = 0.18 * (high - low or 1)
    fig.update_xaxes(title=axis_title, range=[low - pad, high + pad])
    return _layout(fig, title, _height(len(data)))


def coverage_bars(frame: pd.DataFrame, title: str, axis_title: str, marks: pd.Series | None = None) -> go.Figure:
    """Training coverage per county as a share, lowest at the top where the gap is. A county a viewer may not see
    (`marks` not '') has an empty bar carrying its mark, at the bottom."""
    marks = (marks if marks is not None else pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
    frame = frame.assign(coverage=frame["coverage"].where(marks == ""), mark=marks)
    data = _with_ends(frame.sort_values("coverage", ascending=False, na_position="first"), "county")
    low = frame["coverage"].min() if len(frame) else None
    colours = [NEGATIVE if v == low else ACCENT for v in data["coverage"]]
    text = [
        m if isinstance(m, str) and m else ("" if pd.isna(v) else f"{v:.0%}")
        for v, m in zip(data["coverage"], data["mark"], strict=False)
    ]
    hover = [
        m if isinstance(m, str) and m else ("" if pd.isna(v) else f"{v:.1%}")
        for v, m in zip(data["coverage"], data["mark"], strict=False)
    ]
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
    fig.update_xaxes(title=axis_title, tickformat=".0%", range=[0, 1.08])
    return _layout(fig, title, _height(len(data)))


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
    fig.update_xaxes(title=axis_title, dtick=1)
    fig = _layout(fig, title, _height(len(data)) + 40)
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0, "traceorder": "normal"},
    )
    return fig


TIER_COLOURS = {1: "#1f5fa8", 2: "#8fb1d9", 3: "#c9793a"}
FOCUS = "#c62828"
QUIET = "#c8ccd2"


def tier_bars(frame: pd.DataFrame, title: str, axis_title: str, tier_labels: dict[int, str]) -> go.Figure:
    """Composite per unit, best at the top, coloured by tier; one trace per tier so the legend names them.

    frame: unit, composite, rank, tier (ranked units only). Clicking a bar selects its unit (customdata).
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
                text=[f"{v:+.2f}" if abs(v) < 10 else f"{v:.1f}" for v in part["composite"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.3f}<extra>" + label + "</extra>",
            )
        )
    low, high = min(0.0, data["composite"].min()), max(0.0, data["composite"].max())
    pad = 0.18 * (high - low or 1)
    fig.update_xaxes(title=axis_title, range=[low - pad, high + pad])
    fig.update_yaxes(categoryorder="array", categoryarray=data["unit"].tolist())
    fig = _layout(fig, title, _height(len(data)) + 60)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0},
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    return fig


def rank_intervals(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Each unit's rank as a dot with its 5th-95th percentile interval as a bar; rank 1 at the left."""
    data = frame.sort_values(["rank", "unit"], ascending=[False, False])
    fig = go.Figure(
        go.Scatter(
            x=data["rank"],
            y=data["unit"],
            mode="markers",
            marker={"size": 10, "color": ACCENT},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": data["rank_high"] - data["rank"],
                "arrayminus": data["rank"] - data["rank_low"],
                "color": MUTED,
                "thickness": 6,
                "width": 0,
            },
            customdata=data[["rank_low", "rank_high"]],
            hovertemplate="%{y}: %{x} (%{customdata[0]}–%{customdata[1]})<extra></extra>",
        )
    )
    n = int(data["rank"].max()) if len(data) else 1
    fig.update_xaxes(title=axis_title, range=[0.5, n + 0.5], dtick=1)
    fig.update_yaxes(categoryorder="array", categoryarray=data["unit"].tolist())
    return _layout(fig, title, _height(len(data)) + 30)


def track_heatmap(
    frame: pd.DataFrame, tracks: list[str], title: str, track_labels: list[str], centre: float
) -> go.Figure:
    """Unit x track scores; blue above the centre (0 for z, 50 for min-max), orange below. `track_labels` name the
    columns in the user's language."""
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
            colorscale=[[0, NEGATIVE], [0.5, "#f7f7f7"], [1, ACCENT]],
            text=[[f"{v:.2f}" for v in row] for row in values],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z:.3f}<extra></extra>",
            colorbar={"thickness": 10},
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, _height(len(data)) + 40)


BUMP_LINES = 30  # beyond this many units, the others are one quiet trace and the axis counts in tens


def rank_bump(history: pd.DataFrame, focus: str | None, title: str, axis_title: str) -> go.Figure:
    """Rank over periods, one line per unit; the focus unit in red and labelled, the others quiet. A province's
    hundred counties would be a hundred traces and a 2,700-pixel chart: past BUMP_LINES units the others share
    one trace (gaps between units) and the chart keeps a screen's height."""
    fig = go.Figure()
    units = history.drop_duplicates("unit")["unit"].tolist()
    many = len(units) > BUMP_LINES
    if many:
        others = history[history["unit"] != focus]
        xs, ys, names = [], [], []
        for unit, part in others.groupby("unit", sort=False):
            xs += [*part["period"], None]
            ys += [*part["rank"], None]
            names += [unit] * len(part) + [None]
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
        part = history[history["unit"] == unit]
        highlighted = unit == focus or focus is None
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["rank"],
                mode="lines+markers",
                name=unit,
                line={
                    "color": FOCUS if unit == focus else (ACCENT if focus is None else QUIET),
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
                font={"color": FOCUS if row["unit"] == focus else "#555"},
            )
    n = int(history["rank"].max()) if len(history) else 1
    fig.update_yaxes(
        title=axis_title,
        autorange="reversed",
        range=[n + 0.5, 0.5],
        **({"tickvals": [1, *range(10, n + 1, 10)]} if many else {"dtick": 1}),
    )
    fig.update_xaxes(type="category")
    fig = _layout(fig, title, 600 if many else 120 + 26 * n)
    fig.update_layout(margin={"l": 10, "r": 70, "t": 50, "b": 10})
    return fig


def contribution_waterfall(
    parts: pd.DataFrame, title: str, start_label: str, end_label: str, before: float, after: float
) -> go.Figure:
    """From the earlier composite, each indicator's push up or down, to the later composite."""
    labels = [start_label, *parts["label"], end_label]
    fig = go.Figure(
        go.Waterfall(
            orientation="v",
            x=labels,
            measure=["absolute", *["relative"] * len(parts), "total"],
            y=[before, *parts["contribution"], after],
            text=[f"{before:.2f}", *[f"{v:+.3f}" for v in parts["contribution"]], f"{after:.2f}"],
            textposition="outside",
            cliponaxis=False,
            connector={"line": {"color": "#bbb"}},
            increasing={"marker": {"color": ACCENT}},
            decreasing={"marker": {"color": NEGATIVE}},
            totals={"marker": {"color": "#555"}},
            hovertemplate="%{x}: %{y:.3f}<extra></extra>",
        )
    )
    fig.update_xaxes(tickangle=-40, automargin=True)
    return _layout(fig, title, 460)


CATEGORY_COLOURS = {"political": "#b3261e", "professional": "#1f5fa8", "innovation": "#2e7d32", "practice": "#c9793a"}


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
                hovertemplate="%{x} · " + label + ": %{y:.1%}<extra></extra>",
            )
        )
    for county, mark in zip(frame["county"], marks, strict=False):
        if mark:
            fig.add_annotation(
                x=county, y=0, text=mark, showarrow=False, yanchor="bottom", textangle=-90, font={"color": "#555"}
            )
    if target is not None:
        fig.add_hline(
            y=target, line_dash="dash", line_color="#333", annotation_text=target_label, annotation_position="top left"
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    fig = _layout(fig, title, 420)
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
    )
    return fig


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
        [marks.get(county) or ("" if pd.isna(v) else (f"{v:.0%}" if percent else f"{v:.1f}")) for v in row]
        for county, row in zip(grid.index, grid.to_numpy(), strict=False)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=grid.columns.tolist(),
            y=grid.index.tolist(),
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#f7f7f7"], [1, ACCENT]],
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            colorbar={"thickness": 10, "tickformat": ".0%" if percent else ""},
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, _height(len(grid)) + 60)


def pace_lines(
    cumulative: pd.DataFrame, pace: pd.DataFrame, focus: str, labels: dict[str, str], title: str, axis_title: str
) -> go.Figure:
    """Cumulative hours per cadre by month (all counties, and one county if chosen) against the target pace."""
    fig = go.Figure()
    whole = cumulative[cumulative["county"] == ""]
    fig.add_trace(
        go.Scatter(
            x=whole["month"],
            y=whole["hours_per_cadre"],
            name=labels["all"],
            mode="lines+markers",
            line={"color": ACCENT, "width": 3},
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
            line={"color": "#555", "dash": "dash"},
        )
    )
    fig.update_yaxes(title=axis_title, rangemode="tozero")
    fig.update_xaxes(tickformat="%Y-%m", dtick="M2" if len(pace) <= 12 else "M3", tickangle=0)
    fig = _layout(fig, title, 380)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0})
    return fig


def quarter_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=frame["quarter"],
            y=frame["hours_per_cadre"],
            marker_color=ACCENT,
            text=[f"{v:.1f}" for v in frame["hours_per_cadre"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}<extra></extra>",
        )
    )
    fig.update_yaxes(title=axis_title, rangemode="tozero")
    fig.update_xaxes(type="category")
    return _layout(fig, title, 380)


def mix_bars(frame: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Per county, the share of hours online and the share in collective training, side by side."""
    fig = go.Figure()
    for column, colour in (("online", ACCENT), ("collective", NEGATIVE)):
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=frame["county"],
                y=frame[column],
                marker_color=colour,
                text=[f"{v:.0%}" for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x} · " + labels[column] + ": %{y:.1%}<extra></extra>",
            )
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    fig = _layout(fig, title, 380)
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0}
    )
    return fig


def coverage_vs_composite(frame: pd.DataFrame, title: str, x_title: str, y_title: str) -> go.Figure:
    """One dot per county: training coverage against its race composite, labelled."""
    data = frame.sort_values("composite")
    sides = ["middle right" if i % 2 else "middle left" for i in range(len(data))]  # neighbours label apart
    fig = go.Figure(
        go.Scatter(
            x=data["coverage"],
            y=data["composite"],
            mode="markers+text",
            text=data["county"],
            textposition=sides,
            marker={"size": 11, "color": ACCENT},
            hovertemplate="%{text}: %{x:.1%}, %{y:.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title=x_title, tickformat=".0%")
    fig.update_yaxes(title=y_title)
    return _layout(fig, title, 420)


def status_grid(grid: pd.DataFrame, values: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """The traffic lights: county x indicator coloured met / near / below; grey without a target; blank without a
    value. `values` holds the figures printed in the cells (same shape as `grid`)."""
    codes = {"met": 3, "near": 2, "below": 1, "": 0}
    z = [[codes.get(cell) if isinstance(cell, str) else None for cell in row] for row in grid.to_numpy()]
    text = [["" if pd.isna(v) else f"{v:g}" for v in row] for row in values.to_numpy()]
    hover = [[labels.get(cell, "—") if isinstance(cell, str) else "—" for cell in row] for row in grid.to_numpy()]
    scale = [
        [0, "#9e9e9e"],
        [0.25, "#9e9e9e"],
        [0.25, STATUS_COLOURS["below"]],
        [0.5, STATUS_COLOURS["below"]],
        [0.5, STATUS_COLOURS["near"]],
        [0.75, STATUS_COLOURS["near"]],
        [0.75, STATUS_COLOURS["met"]],
        [1, STATUS_COLOURS["met"]],
    ]
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
            texttemplate="%{text}",
            textfont={"color": "white"},
            customdata=hover,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        )
    )
    for key in ("met", "near", "below"):  # a legend for the colours
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=labels[key],
                marker={"size": 12, "symbol": "square", "color": STATUS_COLOURS[key]},
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    fig = _layout(fig, title, _height(len(grid)) + 80)
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "xanchor": "left", "x": 0},
    )
    return fig


def welfare_radar(frame: pd.DataFrame, county: str, labels: dict[str, str], title: str) -> go.Figure:
    """One county's %-indicators against the prefecture median (and the target where there is one)."""
    names = [_two_lines(name) for name in frame["name"].tolist()]  # long labels on the left and right ran out
    closed = names + names[:1]
    fig = go.Figure()
    for column, name, colour, dash in (
        ("median", labels["median"], "#888", "dot"),
        ("target", labels["target"], STATUS_COLOURS["met"], "dash"),
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
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [max(0, low - 10), 100],
                "ticksuffix": "%",
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 10},
            }
        }
    )
    fig = _layout(fig, title, 440)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.05, "xanchor": "left", "x": 0},
        margin={"l": 80, "r": 80, "t": 60, "b": 20},
    )
    return fig


def _two_lines(label: str, width: int = 5) -> str:
    """A label longer than `width` characters (Chinese) or about 3 × width (Latin) broken into two lines near its
    middle, at a space where there is one: a radar's side labels have little room beside the circle. Escaped for
    Plotly here (the <br> is markup), so _make_inert leaves `theta` alone."""
    if " " in label:
        if len(label) <= 3 * width:
            return _inert(label)
        middle = len(label) // 2
        spaces = [i for i, c in enumerate(label) if c == " "]
        cut = min(spaces, key=lambda i: abs(i - middle))
        return _inert(label[:cut]) + "<br>" + _inert(label[cut + 1 :])
    if len(label) <= width:
        return _inert(label)
    cut = (len(label) + 1) // 2
    return _inert(label[:cut]) + "<br>" + _inert(label[cut:])


def indicator_trend(
    history: pd.DataFrame, focus: str | None, target: float | None, labels: dict[str, str], title: str, axis_title: str
) -> go.Figure:
    """One welfare indicator over the periods: every county quiet, the median, the focus county, the target."""
    fig = go.Figure()
    for county, part in history.groupby("county", sort=False):
        if county == focus:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["value"],
                mode="lines",
                line={"color": QUIET, "width": 1},
                name=county,
                showlegend=False,
                hovertemplate=_inert(county) + " %{x}: %{y}<extra></extra>",
            )
        )
    median = history.groupby("period", sort=False)["value"].median()
    fig.add_trace(
        go.Scatter(
            x=median.index,
            y=median.to_numpy(),
            mode="lines+markers",
            name=labels["median"],
            line={"color": ACCENT, "width": 3},
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
            line_color=STATUS_COLOURS["met"],
            annotation_text=labels["target"],
            annotation_position="top left",
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title=axis_title)
    fig = _layout(fig, title, 380)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0})
    return fig


def tier_rates(
    frame: pd.DataFrame,
    labels: dict[str, str],
    tier_labels: dict[int, str],
    title: str,
    axis_title: str,
    marks: dict[str, pd.Series] | None = None,
) -> go.Figure:
    """Promotions and accountability cases per 100 cadres, by the counties' race tier the year before. A rate a
    viewer may not see is drawn as an empty bar carrying its mark (`marks[column]`, '' where shown)."""
    x = [tier_labels[int(tier)] for tier in frame["tier"]]
    fig = go.Figure()
    for column, colour in (("promotion_per_100", ACCENT), ("accountability_per_100", NEGATIVE)):
        mark = (marks or {}).get(column, pd.Series("", index=frame.index)).reindex(frame.index).fillna("")
        hidden = (mark != "") | frame[column].isna()
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=x,
                y=frame[column].where(~hidden, 0),
                marker_color=colour,
                text=[m if h else f"{v:.1f}" for v, m, h in zip(frame[column], mark, hidden, strict=False)],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                hovertemplate="%{x} · " + labels[column] + ": %{text}<extra></extra>",
            )
        )
    fig.update_yaxes(title=axis_title, rangemode="tozero")
    fig = _layout(fig, title, 360)
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0}
    )
    return fig


def tolerance_by_year(
    frame: pd.DataFrame, labels: dict[str, str], title: str, marks: dict[str, pd.Series] | None = None
) -> go.Figure:
    """The prefecture's 问责 and 容错免责 cases per year; a count a viewer may not see is drawn as an empty bar
    carrying its mark (`<5`, or withheld)."""
    data = frame.assign(county=frame["year"].astype(str))
    return tolerance_vs_accountability(data, labels, title, marks)


def tolerance_vs_accountability(
    frame: pd.DataFrame, labels: dict[str, str], title: str, marks: dict[str, pd.Series] | None = None
) -> go.Figure:
    """Per county, 容错免责 cases next to 问责 cases; a count a viewer may not see (`marks[column]` not '') is
    drawn as an empty bar labelled with its mark, never as a value. Past SCREEN_UNITS counties, the WORST with
    the most of both."""
    columns = ("accountability", "fault_tolerance")
    marked = {
        c: (marks or {}).get(c, pd.Series("", index=frame.index)).reindex(frame.index).fillna("") for c in columns
    }
    if len(frame) > SCREEN_UNITS:  # chosen by what is shown, so the choice says nothing about hidden counts
        visible = sum(frame[c].where(marked[c] == "", 0) for c in columns)
        frame = frame.loc[visible.nlargest(WORST).index]
    fig = go.Figure()
    for column, colour in zip(columns, (NEGATIVE, STATUS_COLOURS["met"]), strict=False):
        mark = marked[column].reindex(frame.index)
        hidden = mark != ""
        fig.add_trace(
            go.Bar(
                name=labels[column],
                x=frame["county"],
                y=frame[column].where(~hidden, 0),
                marker_color=colour,
                text=[m if h else f"{v}" for v, m, h in zip(frame[column], mark, hidden, strict=False)],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                textangle=-90 if len(frame) > 6 else 0,  # many narrow bars: labels read upwards
                hovertemplate="%{x} · " + labels[column] + ": %{text}<extra></extra>",
            )
        )
    fig.update_yaxes(rangemode="tozero")
    fig = _layout(fig, title, 360)
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0}
    )
    return fig

"""Plotly figures with one shared look: a CJK-capable font stack, status colours, no chart junk.

Pure functions DataFrame -> Figure; tests inspect the figures' data, not pixels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

FONT_STACK = ("Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, "
              "WenQuanYi Micro Hei, sans-serif")
STATUS_COLOURS = {"met": "#2e7d32", "near": "#f9a825", "below": "#c62828"}
ACCENT = "#1f5fa8"
MUTED = "#9db4d0"
NEGATIVE = "#c9793a"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
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


def _height(n_bars: int) -> int:
    return max(260, 80 + 28 * n_bars)


def composite_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Counties best at the top; positive (above average) blue, negative orange; the leader darkest."""
    data = frame.sort_values("composite", ascending=True)
    top = frame["composite"].max() if len(frame) else None
    colours = [ACCENT if v == top else (MUTED if v >= 0 else NEGATIVE) for v in data["composite"]]
    fig = go.Figure(go.Bar(x=data["composite"], y=data["county"], orientation="h", marker_color=colours,
                           text=[f"{v:+.2f}" for v in data["composite"]], textposition="outside",
                           hovertemplate="%{y}: %{x:.3f}<extra></extra>", cliponaxis=False))
    # Room on both sides for the labels outside the bars, so they never run into the county names.
    low, high = min(0.0, data["composite"].min()), max(0.0, data["composite"].max())
    pad = 0.18 * (high - low or 1)
    fig.update_xaxes(title=axis_title, range=[low - pad, high + pad])
    return _layout(fig, title, _height(len(data)))


def coverage_bars(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Training coverage per county as a share, lowest at the top where the gap is."""
    data = frame.sort_values("coverage", ascending=False)
    low = frame["coverage"].min() if len(frame) else None
    colours = [NEGATIVE if v == low else ACCENT for v in data["coverage"]]
    fig = go.Figure(go.Bar(x=data["coverage"], y=data["county"], orientation="h", marker_color=colours,
                           text=[f"{v:.0%}" for v in data["coverage"]], textposition="outside",
                           hovertemplate="%{y}: %{x:.1%}<extra></extra>", cliponaxis=False))
    fig.update_xaxes(title=axis_title, tickformat=".0%", range=[0, 1.08])
    return _layout(fig, title, _height(len(data)))


def status_bars(counts: pd.DataFrame, title: str, labels: dict[str, str], axis_title: str) -> go.Figure:
    """Stacked met / near / below counts per county."""
    data = counts.iloc[::-1]
    fig = go.Figure()
    for key in ("met", "near", "below"):
        fig.add_trace(go.Bar(name=labels[key], x=data[key], y=data["county"], orientation="h",
                             marker_color=STATUS_COLOURS[key],
                             hovertemplate="%{y}: %{x}<extra>" + labels[key] + "</extra>"))
    fig.update_xaxes(title=axis_title, dtick=1)
    fig = _layout(fig, title, _height(len(data)) + 40)
    fig.update_layout(barmode="stack", legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left",
                                               "x": 0, "traceorder": "normal"})
    return fig

"""A click on a county (a bar of a chart, a row of a table) opens that county's page, 一县一档.

Streamlit's selection events (`st.plotly_chart(on_select=…)`, `st.dataframe(on_select=…)`) call a callback before
the next run. The callback makes the clicked county the sidebar's county (the shared control bound to `?county=`,
ui/frame.py), which the county page shows, and asks for the switch; `follow` then switches pages in the page's run
(a callback cannot switch pages itself). A click on anything that is not one of the counties (the `⋯` row of a long
chart, a township) does nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import streamlit as st

COUNTY_PAGE = "views/county.py"
_OPEN = "_open_county"
SIDEBAR_COUNTY = "county"  # the sidebar's select box (ui/frame.py), bound to the query parameter `county`


def _open(name: str | None, counties: Sequence[str]) -> None:
    if name in counties:
        st.session_state[SIDEBAR_COUNTY] = name
        st.session_state[_OPEN] = name


def from_chart(key: str, counties: Sequence[str]) -> Callable[[], None]:
    """The `on_select` callback of the chart with widget key `key`: its first selected point's county (the
    category label `y` of horizontal bars and of the care grid's rows; Plotly reports labels HTML-escaped,
    charts._make_inert)."""

    def clicked() -> None:
        event = st.session_state.get(key)
        points = event.selection.points if event else []
        if points:
            point = points[0]
            label = point.get("y")
            _open(html.unescape(label) if isinstance(label, str) else None, counties)

    return clicked


def from_table(key: str, rows: Sequence[str], counties: Sequence[str]) -> Callable[[], None]:
    """The `on_select` callback of the table with widget key `key` whose row i is the county rows[i]."""

    def clicked() -> None:
        event = st.session_state.get(key)
        chosen = event.selection.rows if event else []
        if chosen and 0 <= chosen[0] < len(rows):
            _open(rows[chosen[0]], counties)

    return clicked


def follow() -> None:
    """In the run after a click: open the county page. The shared controls (language, year, the clicked county)
    are widgets bound to the address, which write themselves into the new page's address; the clicked page's own
    parameters stay in this session's memory for coming back."""
    if st.session_state.pop(_OPEN, None) is not None:
        # {} rather than None: None clears the address, which Streamlit refuses while a bound widget's parameter
        # is in it; {} replaces only what no widget is bound to.
        st.switch_page(COUNTY_PAGE, query_params={})

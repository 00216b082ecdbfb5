"""A click on a row of a named list (the training page's untrained cadres) opens that cadre's page, 干部画像.

As ui/county_clicks.py does for counties: the table's `on_select` callback notes the clicked cadre before the
next run, and `follow` switches pages in that run (a callback cannot switch pages itself), with the cadre id in
the new page's address (`cadre.id`, ui/page_state.CadreState).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

CADRE_PAGE = "views/cadre.py"
_OPEN = "_open_cadre"


def from_table(key: str, ids: Sequence[str]) -> Callable[[], None]:
    """The `on_select` callback of the table with widget key `key` whose row i is the cadre ids[i]."""

    def clicked() -> None:
        event = st.session_state.get(key)
        chosen = event.selection.rows if event else []
        if chosen and 0 <= chosen[0] < len(ids):
            st.session_state[_OPEN] = ids[chosen[0]]

    return clicked


def follow() -> None:
    """In the run after a click: open the cadre's page."""
    cadre_id = st.session_state.pop(_OPEN, None)
    if cadre_id is not None:
        st.switch_page(CADRE_PAGE, query_params={"cadre.id": cadre_id})

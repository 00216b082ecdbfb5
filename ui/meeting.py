"""会议模式 (`?present=1`): for the projector. The sidebar goes, type grows, colours harden, and the page shows one
section per screen with previous/next controls and a county stepper to walk through the counties one by one.

A page lists its sections once (`Deck`) and wraps each in `with deck.section(name):`. Outside meeting mode every
section is drawn; in it, only the current one stays on screen (the others are drawn into a placeholder that is
emptied in the same run, so a page needs no second layout).
"""

from __future__ import annotations

import contextlib

import streamlit as st

from incentive.i18n import t
from incentive.safe_text import markdown

from . import link_state

STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
[data-testid="stMain"] {background: #ffffff;}
[data-testid="stMainBlockContainer"] {padding-top: 1rem; max-width: 100%;}
[data-testid="stMain"] h1 {font-size: 2.8rem; color: #000;}
[data-testid="stMain"] h2, [data-testid="stMain"] h3 {font-size: 2rem; color: #000;}
[data-testid="stMain"] p, [data-testid="stMain"] li {font-size: 1.35rem; color: #111;}
[data-testid="stMetricLabel"] p {font-size: 1.3rem !important;}
[data-testid="stMetricValue"] {font-size: 3.4rem !important; color: #000;}
.js-plotly-plot .xtick text, .js-plotly-plot .ytick text {font-size: 15px !important; fill: #111 !important;}
</style>
"""


def toggle(lang: str) -> bool:
    """The switch in the sidebar, kept in the URL as `?present=1` (what people type, so not Streamlit's binding,
    which would want `true`)."""
    link_state.seed(
        "present",
        "present",
        default=False,
        parse=lambda raw: (
            True
            if raw.lower() in ("1", "true", "yes")
            else (False if raw.lower() in ("0", "false", "no") else link_state.INVALID)
        ),
    )
    on = st.sidebar.toggle(t("meeting_mode", lang), key="present")
    link_state.publish("present", on, False, encode=lambda value: "1")
    return on


def is_on() -> bool:
    return bool(st.session_state.get("present"))


def _leave() -> None:
    st.session_state["present"] = False


def _step_county(counties: list[str], step: int) -> None:
    current = st.session_state.get("county") or ""
    position = counties.index(current) if current in counties else (-1 if step > 0 else 0)
    st.session_state["county"] = counties[(position + step) % len(counties)]


class Deck:
    """The sections of one page, and in meeting mode the bar that moves between them."""

    def __init__(self, page: str, sections: dict[str, str], lang: str, counties: list[str] = ()) -> None:
        self.names = list(sections)
        self.on = is_on()
        self.key = f"meeting_section_{page}"
        if not self.on:
            return
        st.html(STYLE)
        page = link_state.page()
        page.seed(self.key, "section", default=self.names[0], options=self.names)
        self.current = st.session_state[self.key]
        self._bar(sections, lang, list(counties))
        page.publish("section", self.current, self.names[0])

    def _bar(self, sections: dict[str, str], lang: str, counties: list[str]) -> None:
        index = self.names.index(self.current)
        previous_col, label_col, next_col, county_col, leave_col = st.columns(
            [1, 3, 1, 3, 1.8], vertical_alignment="center"
        )
        previous_col.button(
            "◀",
            key="meeting_previous",
            disabled=index == 0,
            width="stretch",
            on_click=self._go,
            args=(index - 1,),
            help=t("meeting_previous", lang),
        )
        label_col.markdown(f"**{index + 1} / {len(self.names)} · {sections[self.current]}**")
        next_col.button(
            "▶",
            key="meeting_next",
            disabled=index == len(self.names) - 1,
            width="stretch",
            on_click=self._go,
            args=(index + 1,),
            help=t("meeting_next", lang),
        )
        if counties:
            stepper = county_col.columns([1, 3, 1], vertical_alignment="center")
            stepper[0].button(
                "‹",
                key="meeting_county_previous",
                on_click=_step_county,
                args=(counties, -1),
                help=t("meeting_county_previous", lang),
            )
            stepper[1].markdown(f"**{markdown(st.session_state.get('county') or t('all_counties', lang))}**")
            stepper[2].button(
                "›",
                key="meeting_county_next",
                on_click=_step_county,
                args=(counties, 1),
                help=t("meeting_county_next", lang),
            )
        leave_col.button(t("meeting_leave", lang), key="meeting_leave", on_click=_leave)

    def _go(self, index: int) -> None:
        st.session_state[self.key] = self.names[index]

    @contextlib.contextmanager
    def section(self, name: str):
        if not self.on or name == self.current:
            yield
            return
        hidden = st.empty()
        with hidden.container():
            yield
        hidden.empty()

"""A long page's sections in tabs, of which only the open one runs (issue 22).

The browser, not the server, is what a reader of the rankings, training and care pages waited for: drawing eight
Plotly charts and a dozen grids took 2.7-3.3 s at province scale, where the server's run took 0.1 s. A page keeps
its headline above the tabs and its first screen (the headline charts and the main table) in the first tab, which
opens by default; its further sections wait in the other tabs and are computed and sent only when their tab is
opened (`st.tabs(on_change="rerun")`: each tab's `.open` says whether it is the chosen one).

The open tab is a control of the page like any other (ui/link_state.py): in the address as `<prefix>.tab=<name>`
(`rank.tab=focus`), so a shared, pinned or copied link reopens it, and a stale or mistyped name is said on the
page. Not Streamlit's `bind="query-params"`, which writes the tab's label, in the reader's language: a switch of
language fell back to the first tab, and a link in the other language opened it without a word
(docs/decisions.md#further-sections-in-tabs).

A section of a later tab uses nothing another tab computes: what the first tab and another need is read above the
tabs; what only later tabs need, each of them asks of the cache itself (the training page's domains), so that the
first tab's run does not read it. A control of a later tab that the page seeds above the tabs (the rankings'
one-unit selector, which the bump chart of another tab follows) is drawn with `persist_state="page"`, so that its
choice outlives its tab being closed.

In meeting mode (ui/meeting.py) there are no tabs: the deck shows one section per screen. The sections of the first
tab run as they always did (a later one may use what an earlier one computed); a section of a later tab runs only
while it is the deck's current one, so it must compute what it needs itself or take it from above the tabs.

    tabs = section_tabs.Tabs(deck, {"ranking": ("bars", "table"), "focus": ("focus",)}, lang)
    if tabs.opens("focus"):
        with tabs.section("focus"):
            ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import streamlit as st

from incentive.i18n import LANGUAGES, t

from . import link_state, meeting


class Tabs:
    """The tab bar of one page, drawn where it is made: `groups` maps each tab's name (its value in the address and
    its i18n key `tab_<page>_<name>`) to the deck's sections it holds, in order; the first tab opens by default."""

    def __init__(self, deck: meeting.Deck, groups: dict[str, Sequence[str]], lang: str) -> None:
        self.deck = deck
        self.lang = lang
        self.key = f"{deck.page}_tab"
        self.names = list(groups)
        self.tab_of = {section: name for name, sections in groups.items() for section in sections}
        self.containers: dict[str, object] = {}
        self.open = self.names[0]
        if deck.on:  # the room steps through the sections (meeting.Deck): the tabs' choice waits in the address
            return
        labels = {name: t(f"tab_{deck.page}_{name}", lang) for name in self.names}
        self._follow_language(labels)
        page = link_state.page()
        raw = st.query_params.get(page.param("tab"))
        if raw is not None and raw not in labels:  # said with the names a link may use, not the labels
            link_state.note_invalid(page.param("tab"), raw, self.names)
        page.seed(
            self.key,
            "tab",
            default=labels[self.names[0]],
            options=list(labels.values()),
            parse=lambda text: labels.get(text, link_state.INVALID),
        )
        containers = st.tabs(list(labels.values()), key=self.key, on_change="rerun")
        self.containers = dict(zip(self.names, containers, strict=True))
        self.open = next((name for name, tab in self.containers.items() if tab.open), self.names[0])
        page.publish("tab", self.open, self.names[0])

    def _follow_language(self, labels: dict[str, str]) -> None:
        """The chosen tab's label in the language just switched from: the same tab, in this language (its label
        is the widget's value, which Streamlit would otherwise find stale and set back to the first tab)."""
        chosen = st.session_state.get(self.key)
        if chosen is None or chosen in labels.values():
            return
        for lang in LANGUAGES:
            for name in self.names:
                if t(f"tab_{self.deck.page}_{name}", lang) == chosen:
                    st.session_state[self.key] = labels[name]
                    return

    def opens(self, section: str) -> bool:
        """Whether `section` runs in this run: its tab is the open one; in meeting mode, it is in the first tab or
        the deck's current section."""
        if self.deck.on:
            return self.tab_of[section] == self.names[0] or section == self.deck.current
        return self.tab_of[section] == self.open

    @contextlib.contextmanager
    def section(self, name: str):
        """The section drawn in its tab (in meeting mode, as the deck shows it)."""
        tab = self.containers.get(self.tab_of[name])
        with tab if tab is not None else contextlib.nullcontext(), self.deck.section(name):
            yield

    def choose(self, name: str) -> None:
        """Open the tab `name` in the next run: for a callback (a click that asks to look closer elsewhere)."""
        if self.containers:
            st.session_state[self.key] = t(f"tab_{self.deck.page}_{name}", self.lang)

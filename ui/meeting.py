"""会议模式 (`?present=1`): for the projector. The sidebar goes, type grows, colours harden, and the page shows one
section per screen with previous/next controls and a county stepper to walk through the counties one by one.

A page lists its sections once (`Deck`) and wraps each in `with deck.section(name):`. Outside meeting mode every
section is drawn; in it, only the current one stays on screen (the others are drawn into a placeholder that is
emptied in the same run, so a page needs no second layout). A page passes `projector=deck.projector` to the chart
builders and draws its tables with `deck.table`, so both are sized for the room
(docs/decisions.md#meeting-mode-on-a-projector).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import numbers
import unicodedata

import pandas as pd
import streamlit as st

from incentive import word_breaks
from incentive.i18n import t
from incentive.safe_text import markdown

from . import link_state

MISSING_CELL = "—"  # as ui/frame.py's (which imports this module): a missing value in a table
AUTO_ROWS = 10  # the rows a table given no height shows before it scrolls, as Streamlit's own "auto" height
ROW_PX = 35  # a row of Streamlit's grid, and its header
# A grid wider than its column (the tier table beside its chart at 1440 px, the county table in English) scrolls
# sideways, and the scrollbar is drawn inside the grid's height: 10 px in Chromium, up to 16 with Windows' classic
# scrollbars. A height of the rows alone lost the lower half of the last row under it.
SCROLLBAR_PX = 16


def table_height(rows: int, limit: int = 700) -> int:
    """Every row of a table visible up to the limit, its header and a sideways scrollbar's room included: a
    scrolling table hides who is at the bottom. Streamlit's own "auto" height leaves no room for the scrollbar."""
    return min(3 + ROW_PX * (rows + 1) + SCROLLBAR_PX, limit)


# Sizes for a projector read from the back of a room (issue 24): headline numbers METRIC_PX, body text and tables
# TEXT_PX; charts get theirs from incentive/charts.py (`projector=True`), since CSS cannot size what Plotly lays
# out. A rule for body text must not reach the metric value: Streamlit draws the value as a <p> inside
# stMetricValue, and `stMain p` at 1.35rem once shrank the headline numbers to 21.6 px. A value too wide for its
# column at that size wraps rather than ending in "…" (five headline figures: "56.8 学时" lost its unit).
METRIC_PX = 64
TEXT_PX = 22
# The page's own controls (period, method, weights, downloads, forms) stay in the address and in the state, but a
# room does not need them repeated on every slide: only the bar with the steppers (`st-key-meeting_bar`) shows.
CONTROLS = (
    "stSelectbox",
    "stMultiSelect",
    "stButtonGroup",
    "stNumberInput",
    "stTextInput",
    "stDateInput",
    "stRadio",
    "stCheckbox",
    "stSlider",
    "stButton",
    "stDownloadButton",
    "stFileUploader",
)
# The slide bar in one row needs about 1,100 px at the room's type: narrower (a 1024 x 768 projector, a tablet, a
# phone turned sideways) its buttons were squeezed empty and 退出会议模式 cut; below 640 px Streamlit stacks
# columns, one control per line, a screen of them before the section. Below BAR_ONE_ROW_PX the bar takes two rows:
# the section's steppers, then the county's and the way out. On a phone's width (NARROW_PX) a table's text is
# PHONE_TABLE_PX, not the room's: at 22 px a column was one character wide. The way out's column is as wide as its
# label, in either layout: in one row at a share of the bar, "Leave meeting mode" ended in "…" at 1280 px.
BAR_ONE_ROW_PX = 1100
NARROW_ROOM_TABLE_PX = 18  # a table's text there: the room's least (at 22 px a 1024 px page cut its last columns)
# There too, a table of WIDE_TABLE_COLUMNS columns and more (the rankings' sixteen, the training targets' fifteen)
# gets WIDE_TABLE_PX: at 18 px its columns were a character wide, a county's name and 第一方阵 one character a line.
# In a room's table (at any width: it matters where it is narrow, and on a phone) a short cell (a county, 第一方阵,
# 不公开: at most WHOLE_CELL characters) keeps its Chinese characters together, a heading breaks only between pairs
# of them (排名区间 as 排名 over 区间, never 排/名) and a longer cell (an indicator's name, a suggestion) only between
# words (可支配收入 over 增速, never 可支配收入增/速), none before its last character nor between a figure and its
# word, by word joiners (JOINER, U+2060) in the text shown (`_room_cell`, `_room_heading`, `_kept`; Latin text keeps
# its own breaks at spaces). CSS `word-break: keep-all` on every cell kept the short ones whole but made an
# indicator's name one unbreakable line, and tables wider than the screen. A table drawn in a column beside a chart
# (`where` not the page) keeps only its headings' pairs: 与方阵对照's nine columns of whole cells ran off the screen
# beside their chart.
WIDE_TABLE_COLUMNS = 11
WIDE_TABLE_PX = 15
WHOLE_CELL = 5
JOINER = "\u2060"
# English words break only at spaces, and a heading's longest word ("Accountability", "Revitalization") or a cell's
# ("withheld") holds its column that wide: at the room's TEXT_PX a wide table (the rankings' sixteen columns, the
# training drill's, the movements' twelve) and the tier table beside its chart ran past the screen's right edge at
# 1440 px, its last columns behind a sideways scroll (Chinese, two characters a line, fitted). On a screen wider
# than BAR_ONE_ROW_PX an English page gives those tables ENGLISH_WIDE_TABLE_VW of the screen's width, at least
# ROOM_LEAST_PX and at most TEXT_PX (20 px up to 1600 px, the room's 22 at 1760 and wider), and narrow cell padding
# (ENGLISH_WIDE_CELL_PADDING: with it the sixteen columns fit 1440 px at 20 px).
ENGLISH_WIDE_TABLE_VW = 1.25
ENGLISH_WIDE_CELL_PADDING = "0.25rem 0.1rem"
# Never below ROOM_LEAST_PX on a projector wider than BAR_ONE_ROW_PX, in either language. Shrunk to fit the screen,
# an English wide table was at 16 px on a 1280 px projector: a Latin lower-case letter is half its size high (a
# Chinese character fills its size), 8 px, the smallest text of any slide, which the back of a meeting room cannot
# read. At that size the rankings' and the training drill's sixteen columns and the tier table beside its chart ran
# 40-125 px past a 1280 px projector's page, "Notes" cut at the frame's edge and the last columns behind a sideways
# scroll; a heading broken inside its words ("Ra/nk", "Count/y", "Ca/dre/s") fitted and read worse, and no shorter
# labels of these columns exist. The room's page has narrow margins instead (ROOM_SIDE_PADDING, where Streamlit
# leaves 5rem on either side of a wide page: 160 px of a 1280 px projector's width) and an English wide table's
# cells narrow padding (ENGLISH_WIDE_CELL_PADDING), the columns still parted by their rules: so every column shows at
# 1280 px, with room for a browser's classic 17 px scrollbar beside the page. In Chinese the wide tables (the training drill,
# targets, categories) ran 6-130 px past a 1280 px screen at 22 px and fit at 20 with narrower cell padding
# (ROOM_LEAST_CELL_PADDING): there they are so up to ROOM_FULL_WIDE_PX, where they fit at the room's TEXT_PX.
ROOM_LEAST_PX = 20
ROOM_LEAST_CELL_PADDING = "0.25rem 0.3rem"
ROOM_FULL_WIDE_PX = 1440
# and a headline figure NARROW_METRIC_PX: at 64 px a period in the overview's third of the width broke at its
# hyphen ("2026-" over "H1")
NARROW_METRIC_PX = 48
NARROW_PX = 640
# A screen under SHORT_PX high and wider than a phone held upright (a phone turned sideways: 844 x 390) keeps the
# bar in one row and the page's title small: in two rows under a 2.8rem title they took 255 of its 390 px. The
# section's title there takes the row's free width whatever its length, so ▶ stays where the thumb left it (sized
# by its title, it moved from slide to slide).
SHORT_PX = 500
PHONE_TABLE_PX = 15
ROOM_SIDE_PADDING = "1rem"
_HIDDEN = ", ".join(
    [
        *(
            f'[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="{name}"])'
            ":not(.st-key-meeting_bar *)"
            for name in CONTROLS
        ),
        '[data-testid="stMain"] [data-testid="stExpander"]',
        '[data-testid="stMain"] [data-testid="stForm"]',
    ]
)
_TABLE_CELLS = '[data-testid="stMain"] [data-testid="stTable"] th, [data-testid="stMain"] [data-testid="stTable"] td'
_WIDE_TABLE = f'[data-testid="stMain"] [data-testid="stTable"] table:has(th:nth-child({WIDE_TABLE_COLUMNS}))'
_TABLE_BESIDE = '[data-testid="stMain"] [data-testid="stColumn"] [data-testid="stTable"]'
# A table of sentences, its last column (预警清单's list), is drawn by its page in a container keyed SENTENCES, not
# by `Deck.table`. Streamlit caps a table cell's Markdown (every cell of st.table) at 400 px, the width such a table
# is laid out to: at 1440 x 900 the alerts' list took two thirds of the slide, its sentences four lines each. In the
# room its cells are uncapped, so the list fills the frame as the other wide tables do, and the sentence takes what
# the other columns leave, they keeping their line (uncapped alone, the sentences squeezed 序号, 红色 and 岚桥区 to
# a character a line and broke 2026-Q3 at its hyphen; `keep-all` kept the Chinese but not the period). Only there:
# uncapped, the other tables' indicator names would hold their columns wider than the screen.
# The way out's column, as wide as its label at every width; last in STYLE, where it wins over the narrow layout's
# odd columns of 3rem (the same specificity): there "Leave meeting mode" was cut to "L…" on a phone.
_LEAVE_COLUMN = '.st-key-meeting_bar > div > div > [data-testid="stColumn"]:has(.st-key-meeting_leave)'
SENTENCES = "sentences"
_SENTENCE_TABLE = f'[data-testid="stMain"] .st-key-{SENTENCES} [data-testid="stTable"] table'
STYLE = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {{display: none;}}
[data-testid="stMain"] {{background: #ffffff;}}
[data-testid="stMainBlockContainer"] {{padding-top: 1rem; max-width: 100%; padding-left: {ROOM_SIDE_PADDING};
  padding-right: {ROOM_SIDE_PADDING};}}
[data-testid="stMain"] h1 {{font-size: 2.8rem; color: #000;}}
[data-testid="stMain"] h2, [data-testid="stMain"] h3 {{font-size: 2rem; color: #000;}}
[data-testid="stMain"] p, [data-testid="stMain"] li {{font-size: {TEXT_PX}px; color: #111;}}
[data-testid="stMetricLabel"] p {{font-size: {TEXT_PX}px !important;}}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {{font-size: {METRIC_PX}px !important; color: #000;
  line-height: 1.2;}}
[data-testid="stMetricValue"] * {{white-space: normal !important; word-break: keep-all !important;
  overflow-wrap: normal !important; overflow: visible !important; text-overflow: clip !important;}}
[data-testid="stMetricDelta"] p {{font-size: {TEXT_PX}px !important;}}
{_TABLE_CELLS} {{
  font-size: {TEXT_PX}px !important; color: #111;}}
{_SENTENCE_TABLE} [data-testid="stMarkdownContainer"] {{max-width: none !important;}}
{_SENTENCE_TABLE} :is(th, td:not(:last-child)) :is(div, p) {{white-space: nowrap !important;}}
{_HIDDEN} {{display: none !important;}}
.st-key-meeting_bar button:disabled p {{color: #b0b0b0 !important;}}
@media (max-width: {BAR_ONE_ROW_PX}px) {{
  .st-key-meeting_bar > div > [data-testid="stHorizontalBlock"] {{display: flex !important; flex-wrap: wrap !important;
    gap: 0.5rem !important;}}
  .st-key-meeting_bar [data-testid="stColumn"] {{min-width: 0 !important; width: auto !important;}}
  .st-key-meeting_bar > div > div > [data-testid="stColumn"]:nth-child(odd) {{flex: 0 0 3rem !important;}}
  .st-key-meeting_bar > div > div > [data-testid="stColumn"]:nth-child(2) {{flex: 1 1 calc(100% - 7rem) !important;}}
  .st-key-meeting_bar > div > div > [data-testid="stColumn"]:nth-child(4) {{flex: 1 0 9rem !important;}}
  .st-key-meeting_bar [data-testid="stColumn"] [data-testid="stHorizontalBlock"] {{display: flex !important;
    flex-wrap: nowrap !important; gap: 0.25rem !important;}}
  .st-key-meeting_bar [data-testid="stColumn"] [data-testid="stColumn"]:nth-child(odd) {{flex: 0 0 2.75rem !important;}}
  .st-key-meeting_bar [data-testid="stColumn"] [data-testid="stColumn"]:nth-child(2) {{flex: 1 1 0 !important;
    text-align: center;}}
  .st-key-meeting_bar p {{font-size: 16px !important;}}
  .st-key-meeting_bar button {{min-height: 44px; min-width: 0;}}
  {_TABLE_CELLS} {{
    font-size: {NARROW_ROOM_TABLE_PX}px !important;}}
  {_WIDE_TABLE} th, {_WIDE_TABLE} td {{font-size: {WIDE_TABLE_PX}px !important;}}
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] p {{font-size: {NARROW_METRIC_PX}px !important;}}
}}
@media (min-width: {BAR_ONE_ROW_PX + 1}px) and (max-width: {ROOM_FULL_WIDE_PX - 1}px) {{
  {_WIDE_TABLE} :is(th, td) {{font-size: {ROOM_LEAST_PX}px !important; padding: {ROOM_LEAST_CELL_PADDING} !important;}}
}}
@media (max-width: {NARROW_PX}px) {{
  {_TABLE_CELLS} {{
    font-size: {PHONE_TABLE_PX}px !important;}}
}}
@media (max-height: {SHORT_PX}px) and (min-width: {NARROW_PX + 1}px) {{
  [data-testid="stMainBlockContainer"] {{padding-top: 0.25rem !important;}}
  [data-testid="stMain"] h1 {{font-size: 1.5rem !important; padding: 0.25rem 0 !important;}}
  .st-key-meeting_bar > div > [data-testid="stHorizontalBlock"] {{flex-wrap: nowrap !important;}}
  .st-key-meeting_bar > div > div > [data-testid="stColumn"]:nth-child(2) {{flex: 1 1 0 !important;}}
  .st-key-meeting_bar > div > div > [data-testid="stColumn"]:nth-child(4) {{flex: 0 0 11rem !important;}}
}}
{_LEAVE_COLUMN} {{flex: 0 0 auto !important; width: auto !important;}}
</style>
"""


ENGLISH_STYLE = f"""
<style>
@media (min-width: {BAR_ONE_ROW_PX + 1}px) {{
  {_WIDE_TABLE} :is(th, td), {_TABLE_BESIDE} :is(th, td) {{
    font-size: clamp({ROOM_LEAST_PX}px, {ENGLISH_WIDE_TABLE_VW}vw, {TEXT_PX}px) !important;
    padding: {ENGLISH_WIDE_CELL_PADDING} !important;}}
}}
</style>
"""


def cell_text(value) -> str:
    """A cell as Streamlit's grid shows it: missing as MISSING_CELL, a whole number as is, a fraction to at most
    four decimals without trailing zeros (0.1235, 1.5, 12345678.9)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING_CELL
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if math.isnan(value):
            return MISSING_CELL
        if isinstance(value, numbers.Integral):
            return str(int(value))
        return f"{float(value):.4f}".rstrip("0").rstrip(".")
    return str(value)


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _room_cell(value) -> str:
    """`cell_text`, each two neighbouring wide (Chinese) characters joined (JOINER) when it is at most WHOLE_CELL
    long, else those of one word (`_kept`)."""
    text = cell_text(value)
    if len(text) > WHOLE_CELL:
        return _kept(text, set(word_breaks.places(text)))
    return "".join(a + (JOINER if _wide(a) and _wide(b) else "") for a, b in itertools.pairwise(text)) + text[-1:]


def _room_heading(name) -> str:
    """A column's name with its wide (Chinese) characters joined (JOINER) in pairs: it breaks only between them
    (排名区间 as 排名 over 区间, never 排/名). Pairs, not words: a heading of one long word held its column too wide
    (the training targets' 乡科级及以下 at 1024 px)."""
    text, run, pairs = str(name), 0, set()
    for i, character in enumerate(text[:-1], start=1):
        run = run + 1 if _wide(character) else 0
        if run % 2 == 0 and _wide(text[i]):
            pairs.add(i)  # after the second of a pair
    return _kept(text, pairs)


def _kept(text: str, breaks: set[int]) -> str:
    """`text` with a JOINER wherever a wide (Chinese) character or a figure meets another and no line may break:
    except at `breaks`, against word_breaks' rules (a figure and its word, 禁则: 标杆（第90 / 百分位）'s "90" stood
    alone), and before a last character ("…问题解决" over "率")."""
    out = []
    for i, (a, b) in enumerate(itertools.pairwise(text), start=1):
        joined = i not in breaks or not word_breaks.may_break(text, i) or i == len(text) - 1
        latin = a.isascii() and b.isascii()  # Latin text keeps its own breaks, at spaces
        out.append(a + (JOINER if joined and not latin and not (a.isspace() or b.isspace()) else ""))
    return "".join(out) + text[-1:]


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


def on_a_phone() -> bool:
    """Whether the browser says it is a phone's: `Mobi` in its User-Agent (any case), as every phone browser's has
    and a tablet's or a desktop's has not (MDN, "Browser detection using the user agent"), or Opera Mini's. The
    server cannot know a screen's width: an iPad's Safari, which says it is a Mac, keeps the room's fonts even in a
    narrow window, and a phone asking for the desktop site too."""
    agent = (st.context.headers.get("User-Agent") or "").lower()
    return "mobi" in agent or "opera mini" in agent


def _leave() -> None:
    st.session_state["present"] = False


def _step_county(counties: list[str], step: int, follow: str | None) -> None:
    """The next or previous county in the sidebar's 县区; and in `follow`, the page's own choice of one county (its
    detail), which would otherwise keep showing the county before while the stepper's label moved on."""
    current = st.session_state.get("county") or ""
    position = counties.index(current) if current in counties else (-1 if step > 0 else 0)
    st.session_state["county"] = counties[(position + step) % len(counties)]
    if follow:
        st.session_state[follow] = st.session_state["county"]


class Deck:
    """The sections of one page, and in meeting mode the bar that moves between them."""

    def __init__(
        self, page: str, sections: dict[str, str], lang: str, counties: list[str] = (), follow: str | None = None
    ) -> None:
        """`sections`: name -> title, in order. `counties`: what the county stepper walks through (none: no
        stepper). `follow`: the session key of a page control choosing one county, moved with the stepper."""
        self.page = page
        self.names = list(sections)
        self.follow = follow
        self.on = is_on()
        # the room's chart fonts (charts.py, ROOM_TEXT) are laid out for a projector's width: on a phone, where a
        # meeting link is also opened, they cut a chart's title and crowd its labels, so it gets the page's own
        self.projector = self.on and not on_a_phone()
        self.key = f"meeting_section_{page}"
        if not self.on:
            return
        st.html(STYLE + (ENGLISH_STYLE if lang == "en" else ""))
        page = link_state.page()
        page.seed(self.key, "section", default=self.names[0], options=self.names)
        self.current = st.session_state[self.key]
        self._bar(sections, lang, list(counties))
        page.publish("section", self.current, self.names[0])

    def _bar(self, sections: dict[str, str], lang: str, counties: list[str]) -> None:
        index = self.names.index(self.current)
        # The steppers have no tooltip (`help`): Streamlit shows it above the button while the pointer rests there,
        # that is after every click, over the slide (the notice at the top of the appraisals' slides). ◀ ▶ ‹ ›
        # beside the section's and the county's name say what they do.
        bar = st.container(key="meeting_bar")
        previous_col, label_col, next_col, county_col, leave_col = bar.columns(
            [1, 3, 1, 3, 1.8], vertical_alignment="center"
        )
        previous_col.button(
            "◀",
            key="meeting_previous",
            disabled=index == 0,
            width="stretch",
            on_click=self._go,
            args=(index - 1,),
        )
        label_col.markdown(f"**{index + 1} / {len(self.names)} · {sections[self.current]}**")
        next_col.button(
            "▶",
            key="meeting_next",
            disabled=index == len(self.names) - 1,
            width="stretch",
            on_click=self._go,
            args=(index + 1,),
        )
        if counties:
            stepper = county_col.columns([1, 3, 1], vertical_alignment="center")
            stepper[0].button(
                "‹",
                key="meeting_county_previous",
                width="stretch",  # a finger's width on a phone (44 px), not the arrow's
                on_click=_step_county,
                args=(counties, -1, self.follow),
            )
            stepper[1].markdown(f"**{markdown(st.session_state.get('county') or t('all_counties', lang))}**")
            stepper[2].button(
                "›",
                key="meeting_county_next",
                width="stretch",
                on_click=_step_county,
                args=(counties, 1, self.follow),
            )
        leave_col.button(t("meeting_leave", lang), key="meeting_leave", on_click=_leave)

    def table(
        self, data: pd.DataFrame, *, where=st, height: int | None = None, column_config: dict | None = None, **selection
    ) -> None:
        """A page's table: the scrolling grid normally; in meeting mode a plain table whose text the stylesheet can
        make large (the grid paints on a canvas at a fixed size), every row shown, the same figures as the grid
        shows them (`cell_text`). `height`: the grid's, by default AUTO_ROWS rows at most (`table_height`: room
        for a sideways scrollbar, which Streamlit's "auto" leaves none for). `selection`: the grid's key,
        on_select and selection_mode (a row click opens a county's page); a plain table has no rows to click."""
        if not self.on:
            where.dataframe(
                data,
                hide_index=True,
                placeholder=MISSING_CELL,
                width="stretch",
                height=table_height(min(len(data), AUTO_ROWS)) if height is None else height,
                column_config=column_config,
                **selection,
            )
            return
        # the headings as names of the frame: Streamlit's plain table does not show a Styler's formatted headings
        shown = data.rename(columns=_room_heading)
        where.table(shown.style.format(_room_cell if where is st else cell_text), hide_index=True)

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

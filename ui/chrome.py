"""Streamlit's own words, which no API translates (Streamlit 1.67): the upload box, the text inputs' hint, and
the "Page not found" dialog. See docs/design-notes.md, "Streamlit's own words".

- The upload box and the input hint are drawn by Streamlit's frontend in English. In the Chinese interface a
  stylesheet hides those words and writes ours in their place (CSS `::after` content keyed on the language),
  selected by Streamlit's `data-testid` attributes; the browser test checks the result on screen. The words are
  hidden with `visibility: hidden` (not merely shrunk to nothing), so they are neither read out by a screen reader
  nor found, copied or translated with the page's text.
- The upload box's limit line ("50MB per file") is hidden in both languages: `upload_box` writes the limits
  under the box instead, as a caption of the page in the user's language, from the configuration that enforces
  them (`server.maxUploadSize` per file, `INCENTIVE_UPLOAD_SESSION_MB` for the files one session holds).
- The dialog appears when an address names no page of the navigation. Before the navigation is built, an unknown
  address gets a hidden page of its own that says so in the user's language (`views/not_found.py`), so
  Streamlit never has a page to miss.
"""

from __future__ import annotations

import contextlib
import json
import re
from urllib.parse import unquote, urlsplit

import streamlit as st

from incentive.i18n import t

from . import browser_session

UNKNOWN_PATH = "unknown_path"  # session state: the address views/not_found.py explains
# What st.Page accepts as a url_path (one segment, no slash); anything else keeps Streamlit's dialog.
_PAGE_PATH = re.compile(r"[\w.~-]{1,80}")


def _css_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a CSS string literal: quotes and backslashes escaped


# On a narrow main area (a 1024 px laptop or projector with the sidebar open, about 640 px left) seven controls in
# one row shrank until a period read "20" and "Counties | Townships" lost "Townships", and a headline figure lost
# its unit to "…" (and at any width a long label, "Promotions per 100 Excellent, next y…"). Streamlit's rows already
# wrap (flex-wrap); these minimum widths make a control that no longer fits move to the next line, and a headline
# figure, its label and its change wrap (the figure's unit whole, a long name broken only if it must).
CONTROL_ROW = "control_row_"  # the key prefix of control_row's container
_WIDE = ":is([data-testid=stPlotlyChart], [data-testid=stDataFrame])"  # what needs a column's width
_WIDE_COLUMN = f"[data-testid=stColumn]:has({_WIDE})"
NARROW_SCREEN_RULES = (
    "[data-testid=stMain] [data-testid=stColumn]:has([data-testid=stSelectbox]) {min-width: 7rem;}",
    # Two charts or tables side by side each keep at least 22rem: narrower, rank ticks turn sideways, legends,
    # titles and track names are cut, a radar shrinks to a stamp and a table to three columns (1024 px with the
    # sidebar open); the second then goes below the first. A chart beside headline figures keeps sharing the row:
    # the figures' column is narrow anyway.
    f"[data-testid=stMain] {_WIDE_COLUMN}:has(+ [data-testid=stColumn] {_WIDE}),"
    f" [data-testid=stMain] {_WIDE_COLUMN} + {_WIDE_COLUMN} {{min-width: min(22rem, 100%);}}",
    "[data-testid=stMain] [data-testid=stColumn]:has(> [data-testid=stVerticalBlock] > [data-testid=stElementContainer]"
    " > [data-testid=stButtonGroup]) {min-width: max-content;}",
    "[data-testid=stMain] [data-testid=stMetricValue] * {white-space: normal; word-break: keep-all;"
    " overflow-wrap: anywhere; overflow: visible; text-overflow: clip;}",
    # A headline figure in a narrow column (five in a row at 1024 px with the sidebar open, about 120 px each) is
    # set smaller rather than broken over two lines ("2026-" / "Q3"): a quarter of its column's width, between 1.5rem
    # and Streamlit's 2.25rem, which a period, a percentage or a five-figure count fits.
    "[data-testid=stMain] [data-testid=stMetric] {container-type: inline-size;}",
    "[data-testid=stMain] [data-testid=stMetricValue] {font-size: clamp(1.5rem, 24cqi, 2.25rem);}",
    "[data-testid=stMain] :is([data-testid=stMetricLabel], [data-testid=stMetricDelta]) *,"
    " [data-testid=stMain] [data-testid=stMetricDeltaDescription],"
    " [data-testid=stMain] [data-testid=stMetricDeltaDescription] *"
    " {white-space: normal;"
    " overflow: visible; text-overflow: clip;}",
    # what a change is measured against ("vs 2025-01~2025-09") goes under the change when the two do not fit side
    # by side, rather than broken into four lines beside it
    "[data-testid=stMain] :has(> [data-testid=stMetricDeltaDescription]) {flex-wrap: wrap; row-gap: 0.25rem;}",
    # A page's tabs (ui/section_tabs.py) that do not fit in one row wrap onto a second: on a phone the training
    # page's five scrolled sideways, and a link opening the fifth showed three labels, none of them marked open.
    "[data-testid=stMain] [data-testid=stTabs] [role=tablist] {flex-wrap: wrap;}",
    f"[class*=st-key-{CONTROL_ROW}] > [data-testid=stLayoutWrapper] > [data-testid=stHorizontalBlock] > "
    "[data-testid=stColumn]:not(:has([data-testid=stElementContainer])) {flex: 0 0 0 !important; min-width: 0;}",
)


# A grid's toolbar (show columns, download, search, full screen) appears on hover or tap in a strip 44 px high
# above the grid, over the 16 px gap to what comes before it. At a desk that is the right end of a line, which a
# heading or caption seldom reaches; on a phone a caption's lines fill the width and the toolbar covered the last
# one (能上能下's note on withheld figures). Below PHONE_PX a grid sits that much lower, its toolbar in the gap.
PHONE_PX = 640  # Streamlit's own narrow layout (the sidebar folds away) starts here
GRID_TOOLBAR_CLEARANCE = "1.75rem"  # 44 px of toolbar less the 16 px gap between elements
PHONE_RULES = (
    f"@media (max-width: {PHONE_PX}px) {{[data-testid=stMain] [data-testid=stElementContainer]:has("
    f"> [data-testid=stFullScreenFrame] > [data-testid=stDataFrame]) {{margin-top: {GRID_TOOLBAR_CLEARANCE};}}}}",
)


def control_row(name: str, spec: list[float]) -> list:
    """The columns of a row of controls (st.columns(spec)) in which a column left empty, for a control this view
    does not need, folds to nothing rather than keeping its share: the row then wraps only when the controls it
    shows do not fit, and not at 1440 px because of a gap. `name` keys the row (one per page)."""
    return st.container(key=CONTROL_ROW + name).columns(spec)


def style(lang: str) -> None:
    """The app's one stylesheet: NARROW_SCREEN_RULES, PHONE_RULES, and Streamlit's own words. The upload box's limit line
    hidden (upload_box writes the limits in the user's language); in Chinese, the box's button, drop hint and
    refusal, and the "Press Enter to apply" under text inputs, in Chinese. English keeps Streamlit's own words for
    those."""
    rules = [*NARROW_SCREEN_RULES, *PHONE_RULES, "[data-testid=stFileUploaderDropzoneInstructions] {display: none;}"]
    if lang != "en":
        button = (
            "[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] "
            "[data-testid=stMarkdownContainer]"
        )
        rules += [
            f"{button} > p {{display: none;}}",
            f"{button}::after {{content: {_css_text(t('uploader_button', lang))};}}",
            *_replaced(
                "[data-testid=stFileUploaderDropzone] > div > span:only-child", t("uploader_drop", lang), "1rem"
            ),
            *_replaced("[data-testid=stTooltipErrorContent]", upload_limits(lang, "uploader_refused_limits"), "14px"),
            *_replaced("[data-testid=InputInstructions] span", t("input_enter", lang), "12px"),
        ]
    st.html("<style>\n" + "\n".join(rules) + "\n</style>")


def _replaced(selector: str, text: str, size: str) -> list[str]:
    """CSS that shows `text` in place of the element's own: the element hidden (no size, not read out, not in the
    page's text), its `::after` visible with our words."""
    return [
        f"{selector} {{visibility: hidden; font-size: 0 !important;}}",
        f"{selector}::after {{visibility: visible; content: {_css_text(text)}; font-size: {size};}}",
    ]


MIB = 1024 * 1024


def upload_limits(lang: str, key: str = "uploader_limits") -> str:
    """The upload limits as a sentence (i18n `key`, with `mb` and `total`), from the settings that enforce them:
    `server.maxUploadSize` MB per file (Streamlit refuses a larger file) and `INCENTIVE_UPLOAD_SESSION_MB` for all
    the files one session holds at once (ui/server.py refuses more)."""
    per_file = st.get_option("server.maxUploadSize")
    return t(key, lang, mb=f"{per_file:g}", total=browser_session.upload_session_limit() // MIB)


def upload_box(container, label: str, key: str, lang: str):
    """Streamlit's file uploader for several files, its label hidden, with the limits under it in the user's
    language (its own limit line, English, is hidden by `style`). Returns the uploaded files (a list).
    Every file reaches the importer, which names what a wrong one is in the user's language (a Word document, a
    PDF, an archive): a `type=` filter would refuse it in Streamlit's English instead."""
    uploads = container.file_uploader(label, accept_multiple_files=True, label_visibility="collapsed", key=key)
    container.caption(upload_limits(lang))
    return uploads


def requested_path() -> str:
    """The page part of the address the browser shows ("" for the overview), without the server's base path."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlsplit(url).path).strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def unknown_address_page(known: set[str], lang: str) -> st.Page | None:
    """A hidden page at the address the browser asked for, when no page of the navigation has it: it tells the
    user in their language (the Data page's address, before sign-in, says to sign in) instead of Streamlit's
    English "Page not found" dialog. None when the address is a page, or not one segment."""
    path = requested_path()
    if path in known or not _PAGE_PATH.fullmatch(path):
        st.session_state.pop(UNKNOWN_PATH, None)
        return None
    st.session_state[UNKNOWN_PATH] = path
    return st.Page(
        "views/not_found.py",
        title=t("page_not_found", lang),
        icon=":material/help:",
        url_path=path,
        visibility="hidden",
    )


@contextlib.contextmanager
def scrolls_on_a_phone(key: str, min_width_px: int = 900):
    """A container whose static table (st.table) keeps `min_width_px` and scrolls sideways on a narrow screen,
    instead of squeezing every column until its header breaks one character per line."""
    st.html(
        f"<style>.st-key-{key} [data-testid=stTable] {{overflow-x: auto;}} "
        f".st-key-{key} [data-testid=stTable] table {{min-width: {min_width_px}px;}}</style>"
    )
    with st.container(key=key):
        yield

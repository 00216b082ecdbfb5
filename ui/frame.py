"""The shared frame around every page: language, year, data-version note and the sample notice.

Language and year live in the URL (widgets bound to query parameters), so a copied link opens the same view.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import streamlit as st

from incentive.demo.sample import has_sample
from incentive.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from incentive.store import batches

from . import link_state, meeting, sign_in
from .page_state import COUNTY_IN_PART, COUNTY_NOT_USED
from .runtime import database, pinned_at, run_query, start_run

LANGUAGE_LABELS = {"zh": "中文", "en": "English"}
WATCH_SECONDS = 10
# What a page's table shows for a missing value (every st.dataframe passes it as `placeholder`; Streamlit would
# show "None"); a download leaves the cell empty (docs/decisions.md#missing-values).
MISSING_CELL = meeting.MISSING_CELL  # "—"


@dataclass(frozen=True)
class Frame:
    lang: str
    year: int | None
    county: str = ""  # "" = the whole prefecture


def language() -> str:
    """The language switch; drawn first because page titles in the navigation depend on it. It is bound to the
    address by its label (`lang=English`); anything else there is said on the page (`_note_if_unknown`), where
    Streamlit would drop it silently."""
    _note_if_unknown("lang", list(LANGUAGE_LABELS.values()))
    lang = st.sidebar.segmented_control(
        "Language / 语言",
        LANGUAGES,
        default=DEFAULT_LANGUAGE,
        key="lang",
        bind="query-params",
        format_func=LANGUAGE_LABELS.get,
        required=True,
    )
    link_state.refresh_labels(lang)
    return lang


def sidebar(lang: str, page_path: str) -> None:
    """Year selector, county, data version and sample notice, below the navigation; records the frame for the page.
    On a page the county does not filter (page_state.COUNTY_NOT_USED: the prefecture's figures, one cadre) the
    county is shown disabled, its choice kept for the other pages and the briefing, with a line saying why."""
    info = start_run()
    years = [int(y) for y in run_query("data_years")["year"]]
    counties = ["", *run_query("race_units", county="")["unit"]]
    _note_if_unknown("year", [str(y) for y in years])
    _note_if_unknown("county", counties)
    year = None
    if years:
        year = st.sidebar.selectbox(t("period_year", lang), years, index=0, key="year", bind="query-params")
    prefecture_only = page_path in COUNTY_NOT_USED
    county = st.sidebar.selectbox(
        t("shared_county", lang),
        counties,
        key=link_state.relabel("county"),
        bind="query-params",
        format_func=lambda c: c or t("all_counties", lang),
        disabled=prefecture_only,
    )
    if prefecture_only:
        st.sidebar.caption(t(COUNTY_NOT_USED[page_path], lang))
    elif county and page_path in COUNTY_IN_PART:
        st.sidebar.caption(t(COUNTY_IN_PART[page_path], lang))
    db = database()
    if pinned_at() is not None:
        st.sidebar.caption(t("data_version_pinned", lang, when=f"{pinned_at():%Y-%m-%d %H:%M}"))
    elif info.active_batches:
        st.sidebar.caption(
            t(
                "data_version",
                lang,
                latest=info.latest_batch,
                batches=info.active_batches,
                when=f"{info.last_change:%Y-%m-%d %H:%M}",
            )
        )
    else:
        st.sidebar.caption(t("data_version_empty", lang))
    if has_sample(db):  # only the prefecture administrator can remove it: only he is told where
        removal = " " + t("sample_notice_remove", lang) if sign_in.admin() else ""
        st.sidebar.info(t("sample_notice", lang) + removal)
    meeting.toggle(lang)
    st.session_state["frame"] = Frame(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, year, county or "")
    with st.sidebar:
        _follow_data_version(info.version)


def _note_if_unknown(param: str, options: list[str]) -> None:
    """A bound parameter Streamlit will drop (not one of the options) is said on the page, not lost silently."""
    raw = st.query_params.get(param)
    if raw is not None and raw not in options:
        link_state.note_invalid(param, raw, options)


@st.fragment(run_every=WATCH_SECONDS)
def _follow_data_version(shown: str) -> None:
    """Every open session redraws soon after another session or process imports or rolls back. Read as the runs
    read it (runtime.start_run): on DuckLake through the copy while it is current, one catalog statement."""
    with contextlib.closing(database().connection.cursor()) as cur:
        if batches.version_in(cur).version != shown:
            st.rerun()


def change(text: str | None, value: float | None, against: str | None = None, **options) -> dict:
    """st.metric's keywords for a change: `text` the change as printed (None: no delta), `against` what it is
    measured against, beside it in small type (delta_description: a long window such as 2025-01~2025-09 is no
    longer cut off inside the delta), and for no change (`value` 0) neither arrow nor colour (Streamlit reads
    `+0` as a rise, in green). `options` go through (delta_color="inverse" for a count that should fall)."""
    if text is None:
        return {"delta": None}
    out = {"delta": text, "delta_description": against, **options}
    if value == 0:
        out.update(delta_color="off", delta_arrow="off")
    return out


# Every row of a table visible up to a limit, with a sideways scrollbar's room (meeting.table_height: the meeting
# deck sizes the tables it draws by the same rule, and this module imports it).
table_height = meeting.table_height


def separated(*columns: str) -> dict:
    """column_config showing these numeric columns with thousands separated in the grid (6,401; 2,499.31), as the
    app prints figures everywhere else (Streamlit's grid shows 6401); the frame and its downloads keep the numbers.
    Never a column of years, which would read 2,025."""
    return {column: st.column_config.NumberColumn(format="localized") for column in columns}


def fit_marks(table, marks: tuple[str, ...]) -> dict:
    """column_config that widens the columns holding a suppression mark to the mark's length: a grid sizes its
    columns by the first rows, and a cut-off 不公开（人数少于5） would read as plain 不公开."""
    config = {}
    for column in table.columns:
        texts = [v for v in table[column] if isinstance(v, str) and any(m in v for m in marks)]
        if texts:
            config[column] = _fitted(texts, column)
    return config


def fit_texts(table, *columns: str) -> dict:
    """column_config that widens these columns to their longest text, for the same reason: a longer word further
    down is cut ("载入示例" read "载入示")."""
    return {column: _fitted([v for v in table[column] if isinstance(v, str)], column) for column in columns}


def _fitted(texts: list[str], column) -> st.column_config.Column:
    units = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) for text in [*texts, str(column)])
    return st.column_config.Column(width=int(7.5 * units + 28))


def current() -> Frame:
    """The frame drawn by app.py in this run (a page is never run without it)."""
    return st.session_state.get("frame", Frame(DEFAULT_LANGUAGE, None))

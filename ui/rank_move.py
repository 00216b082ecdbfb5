"""Why a unit's rank moved between two periods, drawn the same on 赛马排名 and 一县一档: the contribution waterfall
(scoring.attribute_change), the ranks before and now, and whom it passed or fell behind."""

import streamlit as st

from incentive.i18n import join, t
from incentive.race.scoring import Ranking
from incentive.safe_text import tm
from ui import shared_charts, shared_tables


def explain(
    now: Ranking,
    before: Ranking | None,
    unit: str,
    period: str,
    compare: str | None,
    lang: str,
    projector: bool,
    *,
    no_compare: str,
    withheld: str | None,
) -> None:
    """The "why did the rank move" block: `no_compare` when there is no period to compare with, `withheld` (the
    ranked units changed between the periods, ranking_tables.moves_withheld_text) instead of a misleading change,
    a note when either period leaves `unit` unranked, else the waterfall of `draw`."""
    if before is None or compare is None:
        st.info(no_compare)
    elif withheld:
        st.info(withheld)
    elif unit not in now.contributions.index or unit not in before.contributions.index:
        st.info(tm("rank_why_unranked", lang, unit=unit))
    else:
        draw(now, before, unit, period, compare, lang, projector)


def draw(now: Ranking, before: Ranking, unit: str, period: str, compare: str, lang: str, projector: bool) -> None:
    """`now` of `period` against `before` of `compare`; both must rank `unit` (the pages say otherwise first)."""
    why_col, moved_col = st.columns([2.2, 1], gap="large")
    parts, passed, behind = shared_tables.rank_change(now, before, unit, lang)
    why_col.plotly_chart(
        shared_charts.contribution_waterfall(
            parts,
            t("chart_waterfall", lang, before=compare, now=period),
            t("waterfall_start", lang, period=compare),
            t("waterfall_end", lang, period=period),
            float(before.table.at[unit, "composite"]),
            float(now.table.at[unit, "composite"]),
            projector=projector,
        ),
        width="stretch",
    )
    moved_col.write(
        tm("rank_moved", lang, unit=unit, before=before.table.at[unit, "rank"], now=now.table.at[unit, "rank"])
    )
    if passed:
        moved_col.write(tm("rank_passed_by", lang, units=join(passed, lang)))
    if behind:
        moved_col.write(tm("rank_left_behind", lang, units=join(behind, lang)))
    moved_col.caption(t("rank_why_note", lang))

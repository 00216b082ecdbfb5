"""赛马排名 Rankings: the composite ranking with tiers, rank intervals, rank change, drill-down and its reasons."""

import html

import streamlit as st

from incentive import charts, labels, periods
from incentive.cycle import tracker
from incentive.i18n import join, t
from incentive.publication import official
from incentive.race import ranking_tables, scoring
from incentive.race.rankings import LEVELS, PeerGroup
from incentive.safe_text import markdown, tm
from ui import frame, link_state, meeting, publishing, sharing
from ui.downloads import table_downloads
from ui.frame import table_height
from ui.runtime import (
    cycle_gaps,
    publication_of,
    published_ranking,
    race_data_changed,
    ranking,
    ranking_history,
    ranking_history_in_force,
    run_query,
)

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_rankings", lang))
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()


# ---- controls: peer group, period, compare period, method, track weights; all of them in the URL
link = link_state.page()  # ui/page_state.RankingsState
notes = st.container()
level_col, county_col, period_col, compare_col, method_col = st.columns([1.1, 1, 1, 1, 1])
level = link.segmented(
    level_col,
    t("rank_level", lang),
    LEVELS,
    key="rank_level",
    field="level",
    format_func=lambda v: t(f"level_{v}", lang),
)
counties = run_query("race_units", county="")["unit"].tolist()
county = ""
if level == "township":
    county = state.county or link.selectbox(
        county_col, t("rank_county", lang), counties, key="rank_county", field="peer"
    )
    if state.county:
        county_col.caption(tm("rank_county_from_sidebar", lang, county=county))
group = PeerGroup(level, county)
found = run_query("race_periods", county=group.county_param)
available = found["period"].tolist()
if not available:
    st.info(t("rank_no_periods", lang))
    st.stop()
in_year = periods.of_year(available, year)
if not in_year:
    link_state.show_notes(notes, lang)
    st.info(t("no_data_for_period", lang, period=year))
    st.stop()
period = link.selectbox(
    period_col,
    t("rank_period", lang),
    in_year,
    key="rank_period",
    field="period",
    default=periods.default_of(found, year),
)
sharing.shows_periods(race=period)  # the briefing and the 通报 print this period
earlier = periods.earlier(available, period)
NO_COMPARE = ""
compare = (
    link.selectbox(
        compare_col,
        t("rank_compare", lang),
        [NO_COMPARE, *earlier],
        key="rank_compare",
        field="compare",
        default=periods.previous_stored(period, available) or NO_COMPARE,
        format_func=lambda p: p or t("rank_no_compare", lang),
    )
    or None
)
method = link.selectbox(
    method_col,
    t("rank_method", lang),
    scoring.METHODS,
    key="rank_method",
    field="method",
    format_func=lambda m: t(f"method_{m}", lang),
)

catalog = run_query("race_catalog", period=period)
default_weights = scoring.default_track_weights(catalog)
shown_weights = scoring.weights_as_percent(default_weights)
WEIGHT_KEYS = {track: f"rank_weight_{track}" for track in default_weights.index}
TIER_KEYS = ("rank_tier_first", "rank_tier_third")
shown_tiers = [round(share * 100, 1) for share in scoring.TIER_SHARES]


def weights_from_link(text: str):
    try:
        given = scoring.parse_weights(text)
        scoring.track_weights(catalog, given)  # unknown tracks and bad numbers refuse the whole parameter
    except scoring.ScoringError:
        return link_state.INVALID
    return {WEIGHT_KEYS[track]: float(value) for track, value in given.items()}


def tiers_from_link(text: str):
    try:
        first, third = scoring.parse_tier_shares(text)
    except scoring.ScoringError:
        return link_state.INVALID
    return dict(zip(TIER_KEYS, (round(first * 100, 1), round(third * 100, 1)), strict=False))


def reset_weights() -> None:
    for key in [*WEIGHT_KEYS.values(), *TIER_KEYS]:
        st.session_state.pop(key, None)
    link.forget("weights", "tiers")


link.seed_many("weights", {key: shown_weights[track] for track, key in WEIGHT_KEYS.items()}, weights_from_link)
link.seed_many("tiers", dict(zip(TIER_KEYS, shown_tiers, strict=False)), tiers_from_link)
with st.expander(t("rank_settings", lang)):
    st.caption(t("rank_weights_help", lang))
    weight_cols = st.columns(len(WEIGHT_KEYS) + 1, vertical_alignment="bottom")
    entered = {
        track: weight_cols[i].number_input(
            labels.track_label(track, lang), min_value=0.0, max_value=100.0, step=1.0, key=key
        )
        for i, (track, key) in enumerate(WEIGHT_KEYS.items())
    }
    weight_cols[-1].button(t("rank_weights_reset", lang), on_click=reset_weights, key="rank_weights_reset")
    tier_cols = st.columns(len(WEIGHT_KEYS) + 1)
    tier_percent = [
        tier_cols[i].number_input(t(key, lang), min_value=0.0, max_value=100.0, step=5.0, key=key)
        for i, key in enumerate(TIER_KEYS)
    ]
link.publish(
    "weights", entered, shown_weights, encode=lambda w: ",".join(f"{track}={value:g}" for track, value in w.items())
)
link.publish("tiers", tier_percent, shown_tiers, encode=lambda p: ",".join(f"{v:g}" for v in p))
weights = scoring.custom_weights(entered, default_weights)
custom = weights is not None
if custom and sum(weights.values()) <= 0:
    st.error(t("scoring_zero_weights", lang))
    st.stop()
try:
    tiers = scoring.custom_tier_shares(tier_percent)
except scoring.ScoringError as error:
    st.error(error.text(lang))
    st.stop()


# ---- published (审定发布) or live: custom settings are always a trial
issued = publication_of(period)
# published when this peer group had no scores: nothing of it is frozen, and the mark says so
publication = issued if issued is not None and published_ranking(issued, group) is not None else None
trial = custom or method != official.OFFICIAL_METHOD or tiers != scoring.TIER_SHARES
published = publishing.shows_published(link, st, "rank", publication, trial, lang)


def unit_ranking(at_period: str, peers: PeerGroup, draws: int = scoring.DRAWS):
    """The period's published ranking when the page shows published figures and it was published, else live."""
    issued = publication_of(at_period) if published else None
    frozen = published_ranking(issued, peers) if issued else None
    return frozen or ranking(at_period, peers, method, weights, draws=draws, tiers=tiers)


SECTIONS = ["headline", "bars", "table", "tracks", "focus"]  # one screen each in meeting mode
deck = meeting.Deck("rankings", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, counties)

# ---- the ranking
with deck.section("headline"):
    now = unit_ranking(period, group)
    before = unit_ranking(compare, group, draws=0) if compare else None
    part = t("pub_part_townships", lang, county=county) if county else t("pub_part_ranking", lang)
    publishing.mark(publication, published, trial, period, lang, issued, part)
    incomplete = tracker.gaps_line(cycle_gaps("race_scores", period, group.county_param), lang, quote=markdown)
    if incomplete:
        st.warning(incomplete)
    if published and race_data_changed(publication, group):
        publishing.rank_banner(now, ranking(period, group), lang)
    if custom:
        used = join(
            [f"{labels.track_label(track, lang)} {share:.0%}" for track, share in now.track_weights.items()], lang
        )
        st.warning(tm("rank_custom_banner", lang, weights=used))
    if tiers != scoring.TIER_SHARES:
        st.info(t("rank_custom_tiers", lang, first=tiers[0], third=tiers[1]))
    if now.ranked.empty:
        st.info(t("no_data_for_period", lang, period=period))
        st.stop()

    unit_word = t(f"word_{level}", lang)  # inside a sentence: "Leading county"
    peer_label = county + " · " if county else ""
    leader = now.ranked.index[0]
    up, down = ranking_tables.movers(now, before)
    unranked = now.table.index[~now.table["ranked"]].tolist()
    lead_col, count_col, up_col, down_col = st.columns(4)
    lead_col.metric(
        t("kpi_leader_unit", lang, unit=unit_word),
        leader,
        delta_color="off",
        delta_arrow="off",
        delta=t("kpi_composite_value", lang, value=now.table.at[leader, "composite"]),
    )
    count_col.metric(
        t("kpi_ranked", lang),
        len(now.ranked),
        delta_color="off",
        delta_arrow="off",
        delta=t("kpi_unranked", lang, n=len(unranked)) if unranked else None,
    )
    up_col.metric(t("kpi_riser", lang), up[0] if up else "—", delta=f"+{up[1]}" if up else None)
    down_col.metric(t("kpi_faller", lang), down[0] if down else "—", delta=f"{down[1]}" if down else None)
    if unranked:
        st.caption(tm("rank_unranked_note", lang, units=join(unranked, lang)))


# ---- composite by tier (click a bar to look closer) and rank intervals
with deck.section("bars"):
    ranked = now.ranked.reset_index()
    tier_labels = labels.tier_labels(lang)
    bars_col, interval_col = st.columns([1.3, 1], gap="large")
    clicked = bars_col.plotly_chart(
        charts.tier_bars(
            ranked,
            t("chart_rank_composite", lang, peers=peer_label, period=period, method=t(f"method_{method}", lang)),
            t("axis_composite", lang),
            tier_labels,
        ),
        width="stretch",
        on_select="rerun",
        selection_mode="points",
        key="rank_bars",
    )
    points = clicked.selection.points if clicked else []
    if points and html.unescape(points[0].get("y") or "") != st.session_state.get("rank_clicked"):
        st.session_state["rank_clicked"] = st.session_state["rank_focus"] = html.unescape(points[0].get("y"))
    interval_col.plotly_chart(
        charts.rank_intervals(ranked, t("chart_rank_intervals", lang), t("axis_rank", lang)), width="stretch"
    )
    interval_col.caption(t("rank_interval_note", lang, draws=scoring.DRAWS))


# ---- the table, downloadable
with deck.section("table"):
    st.subheader(t("rank_table", lang))
    table = ranking_tables.ranking_table(now, before, level, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=table_height(len(table), 950))
    name = t("rank_file_name", lang, peers=county or t("level_county", lang), period=period)
    table_downloads(table, name, "rank", lang, note=official.basis_line(publication if published else None, lang))
    publishing.versions(period, lang)
    publishing.publish_form(period, "rank", lang)


# ---- tracks and ranks over time
with deck.section("tracks"):
    tracks = now.track_weights.index.tolist()
    heat_col, bump_col = st.columns(2, gap="large")
    heat_col.plotly_chart(
        charts.track_heatmap(
            ranked,
            tracks,
            t("chart_track_heatmap", lang, period=period),
            [labels.track_label(track, lang) for track in tracks],
            centre=50.0 if method == "minmax" else 0.0,
        ),
        width="stretch",
    )
    focus_options = now.table.index.tolist()
    focus_default = state.county if level == "county" and state.county in focus_options else leader
    link.seed("rank_focus", "focus", default=focus_default, options=focus_options)
    if trial or (publication is not None and not published):  # custom settings, or switched to the live trial
        history = ranking_history(period, group, method, weights, tiers)
        bases = dict.fromkeys(history["period"].unique())
    else:  # each published period's points as published (docs/decisions.md#published-or-live)
        history, bases = ranking_history_in_force(period, group)
    bump_col.plotly_chart(
        charts.rank_bump(history, st.session_state["rank_focus"], t("chart_rank_bump", lang), t("axis_rank", lang)),
        width="stretch",
    )
    bump_col.caption(official.basis_summary(bases, lang))


# ---- one unit: its indicators, why its rank changed, its townships
with deck.section("focus"):
    st.subheader(t("rank_focus_title", lang, unit=unit_word))
    focus = st.selectbox(t("rank_focus", lang, unit=unit_word), focus_options, key="rank_focus")
    link.publish("focus", focus, focus_default)
    st.markdown(f"**{tm('rank_detail', lang, unit=focus, period=period)}**")
    st.dataframe(
        ranking_tables.indicator_detail(now, focus, lang),
        hide_index=True,
        width="stretch",
        height=table_height(len(now.catalog), 950),
    )
    st.markdown(f"**{tm('rank_why', lang, unit=focus)}**")
    if before is None:
        st.info(t("rank_why_needs_compare", lang))
    elif focus not in now.contributions.index or focus not in before.contributions.index:
        st.info(tm("rank_why_unranked", lang, unit=focus))
    else:
        why_col, moved_col = st.columns([2.2, 1], gap="large")
        parts = scoring.attribute_change(now, before, focus)
        why_col.plotly_chart(
            charts.contribution_waterfall(
                ranking_tables.attribution_table(parts, lang),
                t("chart_waterfall", lang, before=compare, now=period),
                t("waterfall_start", lang, period=compare),
                t("waterfall_end", lang, period=period),
                float(before.table.at[focus, "composite"]),
                float(now.table.at[focus, "composite"]),
            ),
            width="stretch",
        )
        passed, behind = scoring.passed_and_fell_behind(now, before, focus)
        moved_col.write(
            tm("rank_moved", lang, unit=focus, before=before.table.at[focus, "rank"], now=now.table.at[focus, "rank"])
        )
        if passed:
            moved_col.write(tm("rank_passed_by", lang, units=join(passed, lang)))
        if behind:
            moved_col.write(tm("rank_left_behind", lang, units=join(behind, lang)))
        moved_col.caption(t("rank_why_note", lang))

    if level == "county":
        townships = unit_ranking(period, PeerGroup("township", focus))
        townships_before = unit_ranking(compare, PeerGroup("township", focus), draws=0) if compare else None
        st.markdown(f"**{tm('rank_townships', lang, county=focus, period=period)}**")
        if townships.ranked.empty:
            st.info(tm("rank_no_townships", lang, county=focus, period=period))
        else:
            st.dataframe(
                ranking_tables.ranking_table(townships, townships_before, "township", lang),
                hide_index=True,
                width="stretch",
                height=table_height(len(townships.table), 950),
            )

    with st.expander(t("rank_methodology", lang)):
        st.markdown(t("rank_methodology_text", lang, draws=scoring.DRAWS))
    link_state.show_notes(notes, lang)

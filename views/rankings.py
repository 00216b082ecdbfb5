"""赛马排名 Rankings: the composite ranking with tiers, rank intervals, rank change, drill-down and its reasons."""

import html

import streamlit as st

from incentive import labels, periods
from incentive.cycle import tracker
from incentive.i18n import join, t
from incentive.publication import official
from incentive.race import benchmarks, ranking_tables, rankings, scoring
from incentive.race.rankings import LEVELS, PeerGroup
from incentive.safe_text import markdown, tm
from incentive.sharing.briefing import UnprintedView
from ui import (
    chrome,
    county_clicks,
    frame,
    link_state,
    meeting,
    publishing,
    rank_move,
    section_tabs,
    shared_charts,
    shared_tables,
    sharing,
)
from ui.downloads import figures_downloads
from ui.frame import table_height
from ui.runtime import (
    cycle_gaps,
    publication_drift,
    publication_of,
    published_ranking,
    ranking,
    ranking_history,
    ranking_history_in_force,
    run_query,
    unit_classes_in_force,
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
level_col, county_col, class_col, period_col, compare_col, method_col, track_col = chrome.control_row(
    "rankings", [1.6, 1, 1, 1, 1, 1, 1]
)
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
        link.unusable("peer", (state.county,))  # the sidebar's county decides: another in the link is said
group = PeerGroup(level, county)  # its class, where units have classes, once the period is known
found = run_query("race_periods", county=group.county_param)
available = found["period"].tolist()
if not available:
    st.info(t("rank_no_periods", lang))
    link_state.stop(notes, lang)
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
sharing.shows_periods(race=period, origin="period")  # the briefing and the 通报 print this period
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
# 分类考核: where units have classes, the official ranking is within the class (docs/methodology.md#peer-classes)
unit_classes = unit_classes_in_force(period, group)  # as published, should classes have been dropped since
classes, opening_class = rankings.class_choices(unit_classes, state.county if level == "county" else None)
ALL_UNITS = ""  # across the classes, by the common weights: for reference
if level == "county" and st.session_state.get("rank_class_county", state.county) != state.county:
    st.session_state["rank_class"] = opening_class  # another county picked in the sidebar: its class
st.session_state["rank_class_county"] = state.county
peer_class = (
    link.selectbox(
        class_col,
        t("rank_class", lang),
        [*classes, ALL_UNITS],
        key="rank_class",
        field="peer_class",
        default=opening_class,
        format_func=lambda c: c or t("rank_class_all", lang),
    )
    if classes
    else link.unusable("peer_class") or ""  # no classes this period: a class in the link is said
)
group = PeerGroup(level, county, peer_class)
class_weights = run_query("race_class_weights", period=period)
catalog = rankings.class_catalog(run_query("race_catalog", period=period), class_weights, peer_class)
if catalog.empty:  # scores left without their catalog (removed with the sample): nothing can be weighed or ranked
    st.info(t("rank_no_catalog", lang, period=period))
    link_state.stop(notes, lang)
asked = st.query_params.get(link.param("method"))  # a link may ask for a method this catalog cannot take
refused = scoring.method_refusal(asked, catalog) if asked in scoring.METHODS else None
method = link.selectbox(
    method_col,
    t("rank_method", lang),
    scoring.methods_for(catalog),  # 原始分值 only when every indicator is in 分
    key="rank_method",
    field="method",
    format_func=lambda m: t(f"method_{m}", lang),
)
if refused is not None:
    st.info(refused.text(lang))  # why the link's method is not offered, not only that it could not be used
default_weights = scoring.default_track_weights(catalog)
COMPOSITE = ""  # rank by the composite: the official ranking
track = link.selectbox(
    track_col,
    t("rank_track", lang),
    [COMPOSITE, *default_weights.index],
    key="rank_track",
    field="track",
    format_func=lambda k: labels.track_label(k, lang) if k else t("rank_track_all", lang),
)
shown_weights = scoring.weights_as_percent(default_weights)
# per class: each class opens on its own catalog shares (a key shared across classes kept the last class's shares,
# which then read as custom weights of the next one)
WEIGHT_KEYS = {track: "_".join(filter(None, ("rank_weight", peer_class, track))) for track in default_weights.index}
TIER_KEYS = ("rank_tier_first", "rank_tier_third")
shown_tiers = [round(share * 100, 1) for share in scoring.TIER_SHARES]


def weights_from_link(text: str):
    try:
        given = scoring.parse_percent_weights(text, catalog)  # unknown tracks, bad numbers, above 100: refused
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
            # a track outside the standard four is named as the catalog file wrote it; a label is Markdown
            markdown(labels.track_label(track, lang)),
            min_value=0.0,
            max_value=scoring.WEIGHT_PERCENT_MAX,
            step=1.0,
            key=key,
        )
        for i, (track, key) in enumerate(WEIGHT_KEYS.items())
    }
    weight_cols[-1].button(t("rank_weights_reset", lang), on_click=reset_weights, key="rank_weights_reset")
    tier_cols = st.columns(max(len(WEIGHT_KEYS) + 1, len(TIER_KEYS)))
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
    link_state.stop(notes, lang)
try:
    tiers = scoring.custom_tier_shares(tier_percent)
except scoring.ScoringError as error:
    st.error(error.text(lang))
    link_state.stop(notes, lang)


# ---- published (审定发布) or live: custom settings are always a trial
issued = publication_of(period)
# published when this peer group had no scores: nothing of it is frozen, and the mark says so
publication = issued if issued is not None and published_ranking(issued, group) is not None else None
# a one-track view is an analysis, never the official ranking: a trial like custom settings; so is the view across
# classes where units have classes
across_classes = bool(classes) and not peer_class
trial = custom or method != official.OFFICIAL_METHOD or tiers != scoring.TIER_SHARES or bool(track) or across_classes
published = publishing.shows_published(link, st, "rank", publication, trial, lang)


# the counties' classes, which the briefing ranks by (the township level's are its townships')
county_classes = unit_classes if level == "county" else unit_classes_in_force(period)
# the class the briefing ranks (briefing._group_of): the sidebar county's, else all counties ('')
printed_class = rankings.official_group(county_classes, state.county).peer_class if state.county else ""


def briefing_unprinted() -> UnprintedView:
    """What this view shows that the briefing does not print: the townships, one track, a class other than the one
    the briefing ranks (the sidebar county's, else all counties)."""
    return UnprintedView(
        townships_of=county if level == "township" else "",
        track=track,
        peer_class=peer_class if level == "county" and classes and peer_class != printed_class else None,
    )


# the briefing ranks as the page does (a one-track or across-class view: the composite it stands beside, official
# unless the settings are not); the 通报 always officially (docs/decisions.md#the-briefing-prints-the-view). Its
# link opens what it printed: without the views it does not print, and with the class it ranks where counties
# have classes (the class view's rank.peer_class opened another view than the PDF's: a tester's finding; left out,
# the page opens on the first class for the prefecture, whose briefing ranks all counties)
sharing.shows_periods(
    race=period,
    race_settings=rankings.RankingSettings(method, tuple(weights.items()) if custom else (), tiers),
    race_live=publication is not None and not trial and not published,
    unprinted=tuple(link.param(name) for name in ("track", "level", "peer", "focus")),
    race_unprinted=briefing_unprinted(),
    printed=((link.param("peer_class"), printed_class),) if county_classes["peer_class"].astype(bool).any() else (),
)


def unit_ranking(at_period: str, peers: PeerGroup, draws: int = scoring.DRAWS):
    """The period's published ranking when the page shows published figures and it was published, else live."""
    issued = publication_of(at_period) if published else None
    frozen = published_ranking(issued, peers) if issued else None
    return frozen or ranking(at_period, peers, method, weights, draws=draws, tiers=tiers)


SECTIONS = ["headline", "bars", "table", "tracks", "focus"]  # one screen each in meeting mode
deck = meeting.Deck(
    "rankings", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, counties, follow="rank_focus"
)

# ---- the ranking
with deck.section("headline"):
    now = unit_ranking(period, group)
    before = unit_ranking(compare, group, draws=0) if compare else None
    part = t("pub_part_townships", lang, county=county) if county else t("pub_part_ranking", lang)
    publishing.mark(publication, published, trial, period, lang, issued, part)
    gaps = cycle_gaps("race_scores", period, group.county_param)
    incomplete = tracker.gaps_line(gaps, lang, quote=markdown)
    if incomplete:
        st.warning(incomplete)
    if published:  # current data would change the published ranks? (docs/decisions.md#data-changed-after-publication)
        publishing.drift_banner(publication_drift(publication, group, care=False), lang)
    if custom:
        used = join(
            [f"{labels.track_label(track, lang)} {share:.0%}" for track, share in now.track_weights.items()], lang
        )
        st.warning(tm("rank_custom_banner", lang, weights=used))
        entered_total = sum(weights.values())
        if abs(entered_total - 100) > 1e-9:  # the shares above are not what was typed: say how they came
            st.caption(t("rank_weights_scaled", lang, total=f"{entered_total:g}"))
    if tiers != scoring.TIER_SHARES:
        st.info(t("rank_custom_tiers", lang, first=tiers[0], third=tiers[1]))
    if across_classes:
        st.warning(t("rank_class_all_note", lang, units=t(f"units_{level}", lang)))
    elif peer_class:
        left_out = rankings.class_left_out(run_query("race_catalog", period=period), class_weights, peer_class)
        names = join([markdown(name) for name in left_out], lang)
        said = t("rank_class_left_out", lang, names=names) if left_out else ""
        units = t(f"units_{level}", lang)
        n = len(now.table)
        st.caption(t("rank_class_note", lang, peer_class=markdown(peer_class), n=n, units=units, left_out=said))
    if now.ranked.empty:  # values, but nobody with enough of them (docs/methodology.md#data-coverage)
        share = now.min_coverage * 100  # the ranking's own: a pinned link's at its moment
        st.info(t("rank_nobody_ranked" if len(now.table) else "no_data_for_period", lang, period=period, share=share))
        link_state.stop(notes, lang)
    if track and track not in benchmarks.tracks_of(now):  # no indicator of the track has values this period
        track = COMPOSITE
    if track:  # a view, never the official ranking (docs/decisions.md#benchmarks-and-track-views)
        st.warning(tm("rank_track_banner", lang, track=labels.track_label(track, lang)))

    unit_word = t(f"word_{level}", lang)  # inside a sentence: "Leading county"
    peer_label = "".join(f"{part} · " for part in (county, peer_class) if part)
    up, down = ranking_tables.movers(now, before)
    unranked = now.table.index[~now.table["ranked"]].tolist()
    lead_col, count_col, up_col, down_col = st.columns(4)
    if track:  # the leader of the view shown: the track's, with its track score (the table's first row)
        by_track = benchmarks.track_ranking(now, track)
        leader, value = by_track.index[0], t("kpi_track_value", lang, value=by_track["score"].iloc[0])
        leader_label = tm("kpi_leader_track", lang, unit=unit_word, track=labels.track_label(track, lang))
    else:
        leader = now.ranked.index[0]
        value = t("kpi_composite_value", lang, value=now.table.at[leader, "composite"])
        leader_label = t("kpi_leader_unit", lang, unit=unit_word)
    # a metric's value is Markdown too: the units' names as the files wrote them, never a link or an image
    lead_col.metric(leader_label, markdown(leader), delta_color="off", delta_arrow="off", delta=value)
    count_col.metric(
        t("kpi_ranked", lang),
        len(now.ranked),
        delta_color="off",
        delta_arrow="off",
        delta=t("kpi_unranked", lang, n=len(unranked)) if unranked else None,
    )
    up_col.metric(t("kpi_riser", lang), markdown(up[0]) if up else "—", delta=f"+{up[1]}" if up else None)
    down_col.metric(t("kpi_faller", lang), markdown(down[0]) if down else "—", delta=f"{down[1]}" if down else None)
    if unranked and set(unranked) <= {gap.county for gap in gaps}:  # each named just above, with what it lacks
        st.caption(t("rank_unranked_listed", lang, n=len(unranked), share=now.min_coverage * 100))
    elif unranked:
        st.caption(tm("rank_unranked_note", lang, units=join(unranked, lang), share=now.min_coverage * 100))
    moves_withheld = ranking_tables.moves_withheld_text(now, before, level, lang, quote=markdown, listed=unranked)
    if moves_withheld:  # the change column, the riser and the faller stay empty: different units were ranked
        st.info(moves_withheld)


# ---- the ranking first; the tracks over time and one unit in tabs of their own, run only when opened
ranked = now.ranked.reset_index()
focus_options = now.table.index.tolist()
focus_default = state.county if level == "county" and state.county in focus_options else leader
link.seed("rank_focus", "focus", default=focus_default, options=focus_options)
tabs = section_tabs.Tabs(deck, {"ranking": ("bars", "table"), "tracks": ("tracks",), "focus": ("focus",)}, lang)


def look_closer() -> None:
    """A township's bar: that township in the tab that looks closer at one unit."""
    event = st.session_state.get("rank_bars")
    points = event.selection.points if event else []
    if points and points[0].get("y"):
        st.session_state["rank_focus"] = html.unescape(points[0]["y"])  # Plotly reports labels HTML-escaped
        tabs.choose("focus")


# ---- composite by tier (click a bar to look closer) and rank intervals
if tabs.opens("bars"):
    with tabs.section("bars"):
        tier_labels = labels.tier_labels(lang)
        by_county = level == "county"  # a county's bar opens its profile (一县一档); a township's is looked at closer
        on_bar = county_clicks.from_chart("rank_bars", counties) if by_county else look_closer
        if track:
            by_track = benchmarks.track_ranking(now, track)
            st.plotly_chart(
                shared_charts.track_bars(
                    by_track,
                    t("chart_rank_track", lang, track=labels.track_label(track, lang), period=period),
                    t("axis_track_score", lang),
                    projector=deck.projector,
                ),
                width="stretch",
                on_select=on_bar,
                selection_mode="points",
                key="rank_bars",
            )
        else:
            bars_col, interval_col = st.columns([1.3, 1], gap="large")
            bars_title = t(
                "chart_rank_composite", lang, peers=peer_label, period=period, method=t(f"method_{method}", lang)
            )
            interval_title = t("chart_rank_intervals", lang)
            bars_col.plotly_chart(
                shared_charts.tier_bars(
                    ranked,
                    bars_title,
                    t("axis_composite", lang),
                    tier_labels,
                    beside=interval_title,
                    projector=deck.projector,
                ),
                width="stretch",
                on_select=on_bar,
                selection_mode="points",
                key="rank_bars",
            )
            interval_col.plotly_chart(
                shared_charts.rank_intervals(
                    ranked,
                    interval_title,
                    t("axis_rank", lang),
                    (t("rank_interval_legend", lang), t("rank_robust_legend", lang)),
                    beside=bars_title,
                    projector=deck.projector,
                ),
                width="stretch",
            )
            interval_col.caption(t("rank_interval_note", lang, draws=scoring.DRAWS))
            if scoring.interval_needs_scope_note(len(ranked)):
                interval_col.caption(t("rank_interval_many", lang, n=len(ranked)))
        if not deck.on:  # a room's table has no rows to click (Deck.table)
            st.caption(t("rank_click_note" if by_county else "rank_click_township_note", lang))
        if by_county:
            county_clicks.follow()


# ---- the table, downloadable
if tabs.opens("table"):
    with tabs.section("table"):
        st.subheader(t("rank_table", lang))
        table = (
            ranking_tables.track_table(by_track, track, level, lang)
            if track
            else shared_tables.ranking_table(
                now,
                before,
                level,
                lang,
                dict(zip(unit_classes["unit"], unit_classes["peer_class"], strict=True)) if across_classes else None,
            )
        )
        units_in_rows = table[t(f"col_unit_{level}", lang)].tolist()
        deck.table(  # the grid at a desk, a plain table in meeting mode (no row to click there)
            table,
            height=table_height(len(table), 950),
            key="rank_table",
            on_select=county_clicks.from_table("rank_table", units_in_rows, counties) if by_county else "ignore",
            selection_mode="single-row",
        )
        if by_county:
            county_clicks.follow()
        name = t(
            "rank_file_name",
            lang,
            peers="_".join(filter(None, (county or t("level_county", lang), peer_class))),
            period=period,
        )
        if track:
            name = f"{name}_{labels.track_label(track, lang)}"
        figures_downloads(table, name, "rank", lang, publication if published else None)
        publishing.versions(period, lang)
        publishing.publish_form(period, "rank", lang)


# ---- tracks and ranks over time
if tabs.opens("tracks"):
    with tabs.section("tracks"):
        tracks = now.track_weights.index.tolist()
        heat_col, bump_col = st.columns(2, gap="large")
        heat_col.plotly_chart(
            shared_charts.track_heatmap(
                ranked,
                tracks,
                t("chart_track_heatmap", lang, period=period),
                [labels.track_label(track, lang) for track in tracks],
                centre=50.0 if method == "minmax" else 0.0,
                projector=deck.projector,
            ),
            width="stretch",
        )
        if trial or (publication is not None and not published):  # custom settings, or switched to the live trial
            history = ranking_history(period, group, method, weights, tiers)
            bases = dict.fromkeys(history["period"].unique())
        else:  # each published period's points as published (docs/decisions.md#published-or-live)
            history, bases = ranking_history_in_force(period, group)
        breaks = rankings.field_breaks(history)  # a period ranking other units: its places do not follow on
        bump_col.plotly_chart(
            shared_charts.rank_bump(
                history,
                st.session_state["rank_focus"],
                t("chart_rank_bump", lang),
                t("axis_rank", lang),
                breaks=breaks,
                projector=deck.projector,
            ),
            width="stretch",
        )
        if breaks:
            bump_col.caption(t(f"rank_bump_breaks_{level}", lang, periods=join(breaks, lang)))
        bump_col.caption(official.basis_summary(bases, lang))


# ---- one unit: its indicators, why its rank changed, its townships
if tabs.opens("focus"):
    with tabs.section("focus"):
        st.subheader(t("rank_focus_title", lang, unit=unit_word))
        focus = st.selectbox(
            t("rank_focus", lang, unit=unit_word), focus_options, key="rank_focus", persist_state="page"
        )
        link.publish("focus", focus, focus_default)
        st.markdown(f"**{tm('rank_detail', lang, unit=focus, period=period)}**")
        deck.table(shared_tables.indicator_detail(now, focus, lang), height=table_height(len(now.catalog), 950))
        robustness = ranking_tables.robustness_lines(now, focus, lang, quote=markdown)
        if robustness:  # how far its rank rests on the modelling choices (JRC practice)
            st.markdown(f"**{tm('rank_robust_title', lang)}**")
            st.markdown("\n\n".join(robustness))
        st.markdown(f"**{tm('rank_why', lang, unit=focus)}**")
        rank_move.explain(
            now,
            before,
            focus,
            period,
            compare,
            lang,
            deck.projector,
            no_compare=t("rank_why_needs_compare" if earlier else "profile_no_compare", lang),  # the first period
            withheld=moves_withheld,
        )

        if level == "county":
            townships = unit_ranking(period, PeerGroup("township", focus))
            townships_before = unit_ranking(compare, PeerGroup("township", focus), draws=0) if compare else None
            st.markdown(f"**{tm('rank_townships', lang, county=focus, period=period)}**")
            if townships.ranked.empty:
                st.info(tm("rank_no_townships", lang, county=focus, period=period))
            else:
                town_classes = run_query("race_unit_classes", county=focus)
                classed = dict(zip(town_classes["unit"], town_classes["peer_class"], strict=True))
                deck.table(
                    shared_tables.ranking_table(townships, townships_before, "township", lang, classed),
                    height=table_height(len(townships.table), 950),
                )
                if any(classed.values()):  # 分类考核 of townships: this table is the reference view across classes
                    st.caption(t("rank_class_all_note", lang, units=t("units_township", lang)))
                towns_withheld = ranking_tables.moves_withheld_text(
                    townships, townships_before, "township", lang, quote=markdown
                )
                if towns_withheld:
                    st.caption(towns_withheld)

        with st.expander(t("rank_methodology", lang)):
            st.markdown(t("rank_methodology_text", lang, draws=scoring.DRAWS, share=now.min_coverage * 100))
link_state.show_notes(notes, lang)

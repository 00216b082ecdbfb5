"""关心关爱 Welfare: each care indicator per county against its target, the traffic lights, trends and a summary."""

import streamlit as st

from incentive import labels, periods
from incentive.care import welfare
from incentive.cycle import tracker
from incentive.i18n import join, t, unit_label
from incentive.safe_text import markdown, tm
from ui import county_clicks, frame, link_state, meeting, publishing, section_tabs, shared_charts, sharing
from ui.downloads import figures_downloads
from ui.runtime import (
    app_settings,
    cycle_gaps,
    publication_drift,
    publication_of,
    published_welfare,
    run_query,
    welfare_history,
    welfare_period,
)

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_welfare", lang))
found = run_query("welfare_periods")
stored = found["period"].tolist()
if year is None or not stored:
    st.info(t("welfare_no_data", lang))
    st.stop()

# ---- which period, compared with which
link = link_state.page()  # ui/page_state.WelfareState
notes = st.container()
in_year = periods.of_year(stored, year)
if not in_year:
    link_state.show_notes(notes, lang)
    st.info(t("no_data_for_period", lang, period=year))
    st.stop()
period_col, compare_col = st.columns([1, 3])
period = link.selectbox(
    period_col,
    t("welfare_period", lang),
    in_year,
    key="welfare_period",
    field="period",
    default=periods.default_of(found, year),
)
sharing.shows_periods(care=period)  # the briefing and the 通报 print this half-year
issued = publication_of(period)  # published (审定发布) or live
# published when the period had no care figures: nothing of them is frozen, and the mark says so
publication = issued if issued is not None and published_welfare(issued) is not None else None
published = publishing.shows_published(link, compare_col, "care", publication, False, lang)
view = published_welfare(publication) if published else welfare_period(period)
publishing.mark(publication, published, False, period, lang, issued, t("pub_part_care", lang))
incomplete = tracker.gaps_line(cycle_gaps("welfare", period), lang, quote=markdown)
if incomplete:
    st.warning(incomplete)
if published:  # current data would change the published statuses? (docs/decisions.md#data-changed-after-publication)
    publishing.drift_banner(publication_drift(publication, race=False), lang)
compare_note = (
    t("welfare_compare_note", lang, previous=view.previous)
    if view.previous
    else t("welfare_compare_note_first", lang, period=period)  # the first half-year: nothing to compare with
)
if not meeting.is_on():  # in the room it opens the summary (below): beside the hidden period it stood indented
    compare_col.caption(compare_note)
table = view.table
status_labels = labels.status_labels(lang)
small = int(app_settings()["suppression_threshold"])  # counts of people from 1 to small − 1 read <5

SECTIONS = ["summary", "grid", "furthest", "county"]  # one screen each in meeting mode
deck = meeting.Deck(
    "welfare", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, list(dict.fromkeys(table["county"]))
)

# ---- the summary a meeting starts from
with deck.section("summary"):
    st.subheader(t("welfare_summary", lang, period=period))
    owing = len(run_query("race_units", county=""))  # every county owes the half-year
    sentences = welfare.summary_sentences(table, period, lang, quote=markdown, small=small, counties=owing)
    st.markdown("\n".join(f"- {sentence}" for sentence in sentences))
    if deck.on:
        st.caption(compare_note)
    counts = welfare.status_counts(table)
    met_col, near_col, below_col, missing_col = st.columns(4)
    reported = periods.reported(found, period)  # the counties that sent nothing are missing, never met
    met_col.metric(labels.reported_label(status_labels["met"], reported, lang), counts["met"])
    near_col.metric(labels.reported_label(status_labels["near"], reported, lang), counts["near"])
    below_col.metric(labels.reported_label(status_labels["below"], reported, lang), counts["below"])
    missing_col.metric(
        labels.reported_label(t("kpi_missing_values", lang), reported, lang), int(table["value"].isna().sum())
    )


# ---- the traffic lights first (the first screen); the furthest below target with every figure, and one county and
# one indicator, in tabs of their own, run only when opened
tabs = section_tabs.Tabs(deck, {"lights": ("grid",), "furthest": ("furthest",), "county": ("county",)}, lang)


# ---- the traffic lights
if tabs.opens("grid"):
    with tabs.section("grid"):
        st.plotly_chart(
            shared_charts.status_grid(
                welfare.status_grid(table),
                welfare.value_grid(table, small),
                status_labels,
                t("chart_status_grid", lang, period=period),
                projector=deck.projector,
            ),
            width="stretch",
            on_select=county_clicks.from_chart("care_grid", list(dict.fromkeys(table["county"]))),
            selection_mode="points",
            key="care_grid",
        )
        county_clicks.follow()  # a county's row of lights opens its profile (一县一档)
        st.caption(t("status_rule", lang))
        publishing.versions(period, lang)  # the published versions of the statuses shown, and publishing them
        publishing.publish_form(period, "care", lang)


# ---- furthest below target, and every figure
if tabs.opens("furthest"):
    with tabs.section("furthest"):
        st.subheader(t("welfare_furthest", lang))
        worst = welfare.furthest_below(table)
        if worst.empty:
            st.success(t("welfare_none_below", lang, period=period))
        else:
            deck.table(welfare.display_table(worst, lang, small))
        with st.expander(t("welfare_all_figures", lang)):
            everything = welfare.display_table(table, lang, small)
            deck.table(everything)
            figures_downloads(
                everything, t("file_welfare", lang, period=period), "welfare", lang, publication if published else None
            )


# ---- one county against the prefecture, and one indicator over time
if tabs.opens("county"):
    with tabs.section("county"):
        st.subheader(t("welfare_county_title", lang))
        counties = list(dict.fromkeys(table["county"]))
        names = dict(zip(table["indicator"], table["name"], strict=False))
        county_col, indicator_col = st.columns(2)
        county = (
            state.county
            if state.county in counties
            else link.selectbox(
                county_col,
                t("training_drill_county", lang),
                counties,
                key="welfare_county",
                field="focus",
                default=welfare.first_reporting(table),  # a county with figures: not an empty radar
            )
        )
        if state.county in counties:
            link.unusable("focus", (state.county,))  # the sidebar's county decides: another in the link is said
        indicator = link.selectbox(
            indicator_col,
            t("col_indicator", lang),
            list(names),
            key="welfare_indicator",
            field="indicator",
            format_func=names.get,
        )
        radar_col, trend_col = st.columns(2, gap="large")
        radar_col.plotly_chart(
            shared_charts.welfare_radar(
                welfare.radar_frame(table, county),
                county,
                {"median": t("col_median", lang), "target": t("col_target", lang)},
                t("chart_welfare_radar", lang, county=county, period=period),
                projector=deck.projector,
            ),
            width="stretch",
        )
        history = welfare_history()
        trend = welfare.trend_shown(history[history["indicator"] == indicator], small)
        history = trend.shown
        target = table.loc[table["indicator"] == indicator, "target"].iloc[0]
        trend_col.plotly_chart(
            shared_charts.indicator_trend(
                history,
                county,
                target,
                {"median": t("col_median", lang), "target": t("col_target", lang)},
                t("chart_welfare_trend", lang, name=names[indicator]),
                unit_label(history["unit"].iloc[0], lang) if len(history) else "",
                median=trend.median,
                projector=deck.projector,
            ),
            width="stretch",
        )
        trend_col.caption(t("welfare_trend_live", lang))  # raw values: not frozen by a publication
        if trend.hidden:  # a chart says what it leaves out
            trend_col.caption(t("welfare_trend_small_hidden", lang, n=trend.hidden, threshold=small))
        if trend.partial:
            trend_col.caption(t("welfare_trend_partial", lang, periods=join(list(trend.partial), lang)))
        if table.loc[table["indicator"] == indicator, "target"].isna().all():
            spread = table.loc[table["indicator"] == indicator, "value"].describe()
            unit = table.loc[table["indicator"] == indicator, "unit"].iloc[0]
            low, middle, high = (welfare.shown_figure(spread[k], unit, small) for k in ("min", "50%", "max"))
            trend_col.caption(
                tm("welfare_distribution", lang, name=names[indicator], low=low, median=middle, high=high)
            )
link_state.show_notes(notes, lang)

"""概览 Overview: per pillar, its headline figures beside one chart, for the year chosen in the sidebar. The race
ranking and the care statuses of a published period are its published ones, as on their pages; a line says which
periods are published and which live. For a signed-in account, the year's warnings (预警) of its scope."""

import datetime as dt

import streamlit as st

from incentive import charts, overview, periods
from incentive.alerts import listing
from incentive.cycle import tracker
from incentive.i18n import join, t
from incentive.labels import reported_label, status_labels, tier_labels, withheld_figure
from incentive.publication import official
from incentive.safe_text import markdown, tm
from incentive.training import coverage as coverage_windows
from ui import county_clicks, frame, link_state, meeting, shared_charts, sign_in
from ui.runtime import (
    absent_training,
    alert_list,
    app_settings,
    cycle_gaps,
    last_recorded,
    overview_care,
    overview_race,
    publication_drift,
    reported_window,
    run_query,
    training_pattern,
    window_query,
)

state = frame.current()
lang, year = state.lang, state.year
st.title(t("app_title", lang))
notes = st.container()  # a link's unusable parameters: the sidebar's, then the page's own once read
if year is None:
    st.info(t("data_version_empty", lang))
    link_state.stop(notes, lang)

race_found, welfare_found = run_query("race_periods", county=""), run_query("welfare_periods")
# the newest period every county taking part has sent (docs/decisions.md#the-default-period-is-a-complete-one),
# unless another of the year is asked for; one that is not complete says how many have, on every figure of it
# (docs/decisions.md#reported-counts)
link = link_state.page()  # ui/page_state.OverviewState
race_col, care_col, _ = st.columns([1, 1, 2])
race_period, welfare_period = (
    link.selectbox(
        column,
        t(label, lang),
        options,
        key=f"overview_{field}_period",
        field=field,
        default=periods.default_of(found, year),
    )
    if options
    else None
    for column, label, field, found, options in (
        (race_col, "overview_race_period", "race", race_found, periods.of_year(race_found["period"], year)),
        (care_col, "overview_care_period", "care", welfare_found, periods.of_year(welfare_found["period"], year)),
    )
)
race_reported, welfare_reported = (
    periods.reported(race_found, race_period),
    periods.reported(welfare_found, welfare_period),
)
this_year = reported_window(coverage_windows.year_window(year))  # unsent files left out, as on 培训覆盖
coverage = window_query("training_coverage", this_year, by="county", county="", to_come=0.0)
last_training = last_recorded(this_year)
# compared as on 培训覆盖: a year still running against the same months a year earlier
# (docs/decisions.md#one-rule-for-a-coverage-change)
last_year = coverage_windows.comparable_previous(this_year, last_training)
race = overview_race(race_period) if race_period else None
care = overview_care(welfare_period) if welfare_period else None
bases = {
    **({race_period: race.publication} if race else {}),
    **({welfare_period: care.publication} if care else {}),
}
if bases:  # published (审定发布) or live, as on the rankings and care pages (docs/decisions.md#published-or-live)
    st.caption(official.basis_summary(bases, lang))


def pillar(title_key: str):
    """A bordered row: figures on the left, the chart on the right (stacked on a phone)."""
    box = st.container(border=True)
    box.subheader(t(title_key, lang))
    return box.columns([1, 2.4], gap="large")


scope = sign_in.scope()  # visitors see no warnings (docs/decisions.md#who-sees-the-warning-list)
warnings = listing.shown(alert_list(year, dt.date.today(), scope).alerts)[0] if listing.open_to(scope) else None

# a screen each in meeting mode
SECTIONS = ["race", "training", "welfare", *(["alerts"] if warnings is not None else [])]
deck = meeting.Deck("overview", {name: t(f"pillar_{name}", lang) for name in SECTIONS}, lang)

with deck.section("race"):
    figures, chart = pillar("pillar_race")
    if race_period and race.ranking.catalog.empty:  # values, but no catalog to weigh them (removed with the sample)
        figures.info(t("rank_no_catalog", lang, period=race_period))
    elif race_period and race.ranking.ranked.empty:  # values, but no county with enough of them to be ranked
        share = race.ranking.min_coverage * 100  # the ranking's own: a pinned link's at its moment
        figures.info(t("rank_nobody_ranked", lang, period=race_period, share=share))
    elif race_period:
        period = race_period
        composite = race.ranking.ranked.reset_index().rename(columns={"unit": "county"})
        figures.metric(reported_label(t("kpi_race_period", lang), race_reported, lang), period)
        figures.caption(markdown(official.basis_line(race.publication, lang)))  # the 文号 as typed
        if race.publication is not None:  # docs/decisions.md#data-changed-after-publication
            changed = publication_drift(race.publication, care=False).sentence(lang, quote=markdown)
            if changed:
                figures.warning(changed)
        if race.class_leaders:  # 分类考核: the official leaders are each class's; the chart is for reference
            leaders = [
                t("overview_class_leader", lang, peer_class=markdown(c), units=join([markdown(u) for u in units], lang))
                for c, units in race.class_leaders
            ]
            figures.markdown(f"**{t('overview_class_leaders', lang)}**  \n" + "  \n".join(leaders))
        else:
            leader = markdown(
                composite["county"].iloc[0]
            )  # a metric's value is Markdown: the name as the file wrote it
            figures.metric(reported_label(t("kpi_leader", lang), race_reported, lang), leader)
        figures.metric(reported_label(t("kpi_counties", lang), race_reported, lang), len(composite))
        chart.plotly_chart(  # a county's bar opens its profile (一县一档)
            shared_charts.composite_bars(
                composite,
                t("chart_composite", lang, period=period),
                t("axis_composite", lang),
                tier_labels(lang),
                projector=deck.projector,
            ),
            width="stretch",
            on_select=county_clicks.from_chart("home_race_bars", composite["county"].tolist()),
            selection_mode="points",
            key="home_race_bars",
        )
        county_clicks.follow()
        chart.caption(t("overview_composite_note", lang))
        if race.class_leaders:
            chart.caption(t("rank_class_all_note", lang, units=t("units_county", lang)))
        incomplete = tracker.gaps_line(cycle_gaps("race_scores", period), lang, quote=markdown)
        if incomplete:
            chart.warning(incomplete)  # as above the ranking (docs/decisions.md#incomplete-periods-are-marked)
        if len(composite) > charts.SCREEN_UNITS:
            chart.caption(t("chart_ends_note", lang, n=len(composite), k=charts.ENDS))
    else:
        figures.info(t("no_data_for_period", lang, period=year))

with deck.section("training"):
    figures, chart = pillar("pillar_training")
    totals = overview.training_totals(coverage)
    if totals.cadres and totals.trained:
        head = coverage_windows.scope_headline(
            window_query("training_coverage", this_year, by="all", county="", to_come=0.0),
            window_query("training_coverage", last_year, by="all", county="", to_come=0.0),
            training_pattern(this_year),
            training_pattern(last_year),
        )
        change = head.coverage_pp
        # a scope too small to show (or withheld to protect one) shows what the training page shows: never a rate
        # of fewer than `threshold` cadres, nor their count (a roster of two cadres once read 人均学时 70.5, 2 cadres)
        small = int(app_settings()["suppression_threshold"])
        shown = (lambda text: withheld_figure(head.hidden, small, lang)) if head.hidden else (lambda text: text)
        figures.metric(
            t("kpi_coverage", lang),
            shown(f"{head.figures['coverage']:.1%}"),  # the training page's figure: its by="all" row
            **frame.change(
                None if change is None else t("delta_pp", lang, delta=change),
                None if change is None else round(change, 1),
                tm("delta_against_window", lang, window=last_year.label),
            ),
        )
        figures.metric(t("kpi_hours", lang), shown(f"{head.figures['hours_per_cadre']:.1f}"))  # the label says 学时
        # the cadres measured: with a county left out (its files not all in), not the whole roster
        figures.metric(
            t("kpi_cadres_reported" if this_year.without else "kpi_cadres", lang),
            withheld_figure(head.hidden, small, lang, rate=False) if head.hidden else f"{totals.cadres:,}",
        )
        hidden = coverage_windows.county_statuses(coverage["county"], training_pattern(this_year))
        coverage_target = float(app_settings()["coverage_target"]) / 100
        marks = hidden.map(lambda s: t("withheld", lang) if s else "")  # a county too small to show
        chart.plotly_chart(
            shared_charts.coverage_bars(
                coverage,
                t("chart_coverage", lang, year=year),
                t("axis_coverage", lang),
                marks,
                target=(coverage_target, t("target_line", lang, target=coverage_target)),
                projector=deck.projector,
            ),
            width="stretch",
        )
        if len(coverage) > charts.SCREEN_UNITS:
            chart.caption(t("chart_ends_note", lang, n=len(coverage), k=charts.ENDS))
        absent = absent_training(this_year, "", lang)
        if absent:  # the counties left out, named (docs/decisions.md#unsent-training-files)
            chart.warning(absent)
        chart.caption(t("chart_coverage_lowest_note", lang))  # the one brown bar, which no legend explains
        chart.caption(
            t(
                "kpi_roster_note",
                lang,
                as_of=f"{coverage['roster_as_of'].iloc[0]:%Y-%m-%d}",
                last=f"{last_training:%Y-%m-%d}",
            )
        )
    else:
        figures.info(t("no_data_for_period", lang, period=year))

with deck.section("welfare"):
    figures, chart = pillar("pillar_welfare")
    if welfare_period:
        period = welfare_period
        values = care.view.table
        totals = overview.welfare_totals(values)
        figures.metric(reported_label(t("kpi_welfare_period", lang), welfare_reported, lang), period)
        figures.caption(markdown(official.basis_line(care.publication, lang)))
        if care.publication is not None:
            changed = publication_drift(care.publication, race=False).sentence(lang, quote=markdown)
            if changed:
                figures.warning(changed)
        figures.metric(
            reported_label(t("kpi_met_share", lang), welfare_reported, lang),
            f"{totals.met_share:.0%}" if totals.met_share is not None else "—",
        )
        figures.metric(reported_label(t("kpi_below", lang), welfare_reported, lang), totals.below)
        labels = {s: label for s, label in status_labels(lang).items() if s}  # bars of the three statuses
        counts = overview.status_counts_by_county(values)
        chart.plotly_chart(
            shared_charts.status_bars(
                counts,
                t("chart_welfare", lang, period=period),
                labels,
                t("axis_indicators", lang),
                projector=deck.projector,
            ),
            width="stretch",
            on_select=county_clicks.from_chart("home_care_bars", counts["county"].tolist()),
            selection_mode="points",
            key="home_care_bars",
        )
        county_clicks.follow()
        if len(counts) > charts.SCREEN_UNITS:
            chart.caption(t("chart_below_note", lang, n=len(counts), k=charts.WORST))
        incomplete = tracker.gaps_line(cycle_gaps("welfare", period), lang, quote=markdown)
        if incomplete:
            chart.warning(incomplete)
    else:
        figures.info(t("no_data_for_period", lang, period=year))

if warnings is not None:
    with deck.section("alerts"):
        box = st.container(border=True)
        box.subheader(t("pillar_alerts", lang))
        if not scope.everything:  # the page's figures are the prefecture's; a county account's warnings are not
            box.caption(tm("alerts_scope_county", lang, county=join(sorted(scope.counties), lang)))
        counts = listing.level_counts(warnings)
        red_col, yellow_col, _ = box.columns([1, 1, 2.4])
        red_col.metric(t("alerts_count_red", lang), counts["red"])
        yellow_col.metric(t("alerts_count_yellow", lang), counts["yellow"])
        first = listing.top(warnings)  # the ten most severe, for a meeting
        small = int(app_settings()["suppression_threshold"])
        if first:
            box.markdown(t("alerts_overview_top", lang, n=len(first)))
            lines = [
                f"{i}. {listing.level_markdown(a.level, lang)} {a.sentence(lang, markdown, small)}"
                for i, a in enumerate(first, 1)
            ]
            box.markdown("\n".join(lines))
        else:
            box.caption(t("alerts_overview_none", lang, year=year))
        box.page_link("views/alerts.py", label=t("alerts_overview_link", lang, n=len(warnings)))
link_state.show_notes(notes, lang)

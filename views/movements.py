"""能上能下 Movements: personnel decisions per county and year, against the counties' race tiers. Counts only."""

import pandas as pd
import streamlit as st

from incentive import charts, movements
from incentive.coverage import year_window
from incentive.i18n import t
from ui import frame, link_state, meeting
from ui.frame import table_height
from ui.downloads import table_downloads
from ui.runtime import app_settings, ranking, run_query

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_movements", lang))
link_state.show_notes(st.container(), lang)
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()
threshold = int(app_settings()["suppression_threshold"])
window = year_window(year)
decisions = run_query("movements_by_county", start=window.start, end=window.end)
if decisions.empty:
    st.info(t("movements_none", lang, year=year))
    st.stop()
summary = movements.summary_by_county(decisions, run_query("roster_sizes", day=window.end))
action_labels = {a: t(f"actions_{a}", lang) for a in movements.ACTIONS}  # counts: "Promotions"

SECTIONS = ["headline", "counts", "tolerance", "tiers"]  # one screen each in meeting mode
deck = meeting.Deck("movements", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, [])

# ---- headline figures for the year
with deck.section("headline"):
    totals = summary[list(movements.ACTIONS)].sum()
    cadres = summary["cadres"].sum()
    figures = st.columns(4)
    figures[0].metric(action_labels["promotion"], movements.shown_count(totals["promotion"], threshold))
    figures[1].metric(t("kpi_promotion_rate", lang), movements.shown_rate(totals["promotion"] / cadres * 100,
                                                                          totals["promotion"], threshold))
    figures[2].metric(action_labels["accountability"], movements.shown_count(totals["accountability"], threshold))
    figures[3].metric(action_labels["fault_tolerance"], movements.shown_count(totals["fault_tolerance"], threshold))
    st.caption(t("movements_note", lang, year=year, threshold=threshold))


# ---- counts per county and action
with deck.section("counts"):
    table = pd.DataFrame({t("col_unit_county", lang): summary["county"].replace("", t("county_unknown", lang))})
    for action, label in action_labels.items():
        table[label] = summary[action].map(lambda n: movements.shown_count(n, threshold))
    table[t("col_cadres", lang)] = summary["cadres"].map(lambda n: "—" if pd.isna(n) else f"{n}")
    table[t("col_promotion_per_100", lang)] = [movements.shown_rate(r, n, threshold)
                                               for r, n in zip(summary["promotion_per_100"], summary["promotion"])]
    table[t("col_accountability_per_100", lang)] = [
        movements.shown_rate(r, n, threshold) for r, n in zip(summary["accountability_per_100"], summary["accountability"])]
    st.dataframe(table, hide_index=True, width="stretch", height=table_height(len(table)))
    table_downloads(table, t("file_movements", lang, year=year), "movements", lang)


# ---- 容错免责 next to 问责: this year by county, and every year for the prefecture
with deck.section("tolerance"):
    counties = summary[summary["county"] != ""]
    county_col, year_col = st.columns([2, 1], gap="large")
    county_col.plotly_chart(charts.tolerance_vs_accountability(counties, action_labels, threshold,
                                                               t("chart_tolerance", lang, year=year)), width="stretch")
    if len(counties) > charts.SCREEN_UNITS:
        county_col.caption(t("chart_most_note", lang, n=len(counties), k=charts.WORST))
    yearly = movements.totals_by_year(run_query("movements_by_year"))
    year_col.plotly_chart(charts.tolerance_by_year(yearly, action_labels, threshold, t("chart_tolerance_years", lang)),
                          width="stretch")


# ---- do first-tier counties promote more?
with deck.section("tiers"):
    st.subheader(t("movements_by_tier", lang))
    period = movements.tier_period(run_query("race_periods", county="")["period"].tolist(), year)
    if period is None:
        st.info(t("movements_no_tiers", lang, year=year))
    else:
        tiers = ranking(period).ranked["tier"]
        grouped = movements.by_tier(counties, tiers)
        tier_labels = {tier: t(f"tier_{tier}", lang) for tier in (1, 2, 3)}
        chart_col, table_col = st.columns([1.2, 1], gap="large")
        chart_col.plotly_chart(charts.tier_rates(
            movements.visible_rates(grouped, threshold), {"promotion_per_100": t("col_promotion_per_100", lang),
                      "accountability_per_100": t("col_accountability_per_100", lang)}, tier_labels,
            t("chart_tier_rates", lang, year=year, period=period), t("axis_per_100", lang)), width="stretch")
        tier_table = pd.DataFrame({
            t("col_tier", lang): grouped["tier"].map(lambda tier: tier_labels[int(tier)]),
            t("col_counties", lang): grouped["counties"],
            t("col_cadres", lang): grouped["cadres"],
            **{action_labels[a]: grouped[a].map(lambda n: movements.shown_count(n, threshold))
               for a in ("promotion", "demotion", "dismissal", "accountability", "fault_tolerance")},
        })
        table_col.dataframe(tier_table, hide_index=True, width="stretch")
        table_col.caption(t("movements_tier_note", lang, period=period, year=year))

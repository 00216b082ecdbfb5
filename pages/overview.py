"""概览 Overview: one headline block and one chart per pillar, for the year chosen in the sidebar."""

import datetime as dt

import streamlit as st

from incentive import charts, overview
from incentive.i18n import t
from ui import frame
from ui.runtime import run_query

state = frame.current()
lang, year = state.lang, state.year
st.title(t("app_title", lang))
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()

race_periods = run_query("periods_in_year", domain="race", year=year)["period"].tolist()
welfare_periods = run_query("periods_in_year", domain="welfare", year=year)["period"].tolist()
coverage = run_query("training_coverage_by_county", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
coverage_before = run_query("training_coverage_by_county", start=dt.date(year - 1, 1, 1),
                            end=dt.date(year - 1, 12, 31))
last_training = run_query("training_last_date", year=year)["last_date"].iloc[0]

race_col, training_col, welfare_col = st.columns(3, gap="medium")

with race_col.container(border=True):
    st.subheader(t("pillar_race", lang))
    if race_periods:
        period = race_periods[0]
        composite = run_query("race_composite_by_county", period=period)
        left, middle, right = st.columns(3)
        left.metric(t("kpi_race_period", lang), period)
        middle.metric(t("kpi_counties", lang), len(composite))
        right.metric(t("kpi_leader", lang), composite["county"].iloc[0])
        st.plotly_chart(charts.composite_bars(composite, t("chart_composite", lang, period=period),
                                              t("axis_composite", lang)), width="stretch")
        st.caption(t("overview_composite_note", lang))
    else:
        st.info(t("no_data_for_period", lang, period=year))

with training_col.container(border=True):
    st.subheader(t("pillar_training", lang))
    totals = overview.training_totals(coverage)
    if totals.cadres and totals.trained:
        before = overview.training_totals(coverage_before)
        delta = (f"{(totals.coverage - before.coverage) * 100:+.1f} pp" if before.coverage is not None else None)
        left, middle, right = st.columns(3)
        left.metric(t("kpi_cadres", lang), f"{totals.cadres:,}")
        middle.metric(t("kpi_coverage", lang), f"{totals.coverage:.1%}",
                      delta=t("delta_vs_year", lang, year=year - 1, delta=delta) if delta else None)
        right.metric(t("kpi_hours", lang), t("kpi_hours_unit", lang, hours=totals.hours_per_cadre))
        st.plotly_chart(charts.coverage_bars(coverage, t("chart_coverage", lang, year=year),
                                             t("axis_coverage", lang)), width="stretch")
        st.caption(t("kpi_roster_note", lang, as_of=f"{coverage['roster_as_of'].iloc[0]:%Y-%m-%d}",
                     last=f"{last_training:%Y-%m-%d}"))
    else:
        st.info(t("no_data_for_period", lang, period=year))

with welfare_col.container(border=True):
    st.subheader(t("pillar_welfare", lang))
    if welfare_periods:
        period = welfare_periods[0]
        values = run_query("welfare_values_by_county", period=period)
        totals = overview.welfare_totals(values)
        counts = overview.status_counts_by_county(values)
        left, middle, right = st.columns(3)
        left.metric(t("kpi_welfare_period", lang), period)
        middle.metric(t("kpi_met_share", lang), f"{totals.met_share:.0%}" if totals.met_share is not None else "—")
        right.metric(t("kpi_below", lang), totals.below)
        labels = {s: t(f"status_{s}", lang) for s in ("met", "near", "below")}
        st.plotly_chart(charts.status_bars(counts, t("chart_welfare", lang, period=period), labels,
                                           t("axis_indicators", lang)), width="stretch")
    else:
        st.info(t("no_data_for_period", lang, period=year))

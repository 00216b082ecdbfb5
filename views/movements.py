"""能上能下 Movements: personnel decisions per county and year, against the counties' race tiers. Counts only."""

import pandas as pd
import streamlit as st

from incentive import charts, labels
from incentive.care import movements
from incentive.i18n import t
from ui import frame, link_state, meeting, shared_charts
from ui.downloads import table_downloads
from ui.frame import fit_marks, fit_texts, table_height
from ui.runtime import app_settings, movement_years, run_query

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_movements", lang))
notes = st.container()  # a link's unusable parameters: the sidebar's, then the page's own once read
if year is None:
    st.info(t("data_version_empty", lang))
    link_state.stop(notes, lang)
threshold = int(app_settings()["suppression_threshold"])
marks_text = (t("withheld", lang),)  # what every hidden figure's text but <5 contains
by_year_counts = run_query("movements_by_year")
# not the year's movements_by_county, read only to see it was not empty: 0.13 s of a year change's 0.20 s (province)
if not movements.decided_in(by_year_counts, year):
    st.info(t("movements_none", lang, year=year))
    link_state.stop(notes, lang)
# every year's counts and pattern, read together: the yearly trend below shows each year's own pattern, and a year
# chosen next is then already there
yearly = movements.totals_by_year(by_year_counts)
by_year = movement_years([*yearly["year"].tolist(), year], threshold)
this_year = by_year[year]
summary, pattern = this_year.summary, this_year.pattern  # one hidden set for every figure of the year on this page
action_labels = {a: t(f"action_{a}", lang) for a in movements.ACTIONS}


SECTIONS = ["headline", "counts", "tolerance", "tiers"]  # one screen each in meeting mode
deck = meeting.Deck("movements", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, [])

# ---- headline figures for the year
with deck.section("headline"):
    totals = movements.totals(this_year)
    figures = st.columns(4)
    figures[0].metric(
        action_labels["promotion"],
        movements.shown_count(totals.counts["promotion"], totals.statuses["promotion"], threshold, lang),
    )
    figures[1].metric(
        t("kpi_promotion_rate", lang),
        movements.shown_rate(totals.promotion_per_100, totals.statuses["promotion"], threshold, lang),
    )
    for column, action in ((figures[2], "accountability"), (figures[3], "fault_tolerance")):
        column.metric(
            action_labels[action],
            movements.shown_count(totals.counts[action], totals.statuses[action], threshold, lang),
        )
    partial = movements.partial_year(year, movements.recorded_through(run_query("movements_last_date")))
    if partial is None:
        st.caption(t("movements_note", lang, year=year, threshold=threshold))
    else:  # part of a year: no page figure, nor the caption, may read as the whole of it
        st.caption(t("movements_note_partial", lang, year=year, day=partial.isoformat(), threshold=threshold))
        st.warning(t("movements_partial", lang, year=year, day=partial.isoformat()))
    if pattern.withheld:
        st.caption(t("withheld_note", lang, threshold=threshold))


# ---- counts per county and action
with deck.section("counts"):
    table = movements.county_table(summary, pattern, threshold, lang)
    table["county"] = table["county"].replace("", t("county_unknown", lang))
    table.columns = [
        t("col_unit_county", lang),
        *action_labels.values(),
        t("col_cadres", lang),
        *(t(f"col_{rate}", lang) for rate in movements.RATES),
    ]
    # the county column as wide as its longest name: the row of cadres on no roster (（花名册中无此人）) was cut to
    # （花名册 at desktop width, the grid sizing the column by the county names above it
    county_width = fit_texts(table, t("col_unit_county", lang))
    deck.table(table, height=table_height(len(table)), column_config={**fit_marks(table, marks_text), **county_width})
    table_downloads(table, t("file_movements", lang, year=year), "movements", lang)


# ---- 容错免责 next to 问责: this year by county, and every year for the prefecture
with deck.section("tolerance"):
    counties = summary[summary["county"] != ""]
    county_col, year_col = st.columns([2, 1], gap="large")
    county_marks = {
        a: movements.chart_marks(movements.statuses(counties, pattern, a), threshold, lang)
        for a in ("accountability", "fault_tolerance")
    }
    county_col.plotly_chart(
        shared_charts.tolerance_vs_accountability(
            counties, action_labels, t("chart_tolerance", lang, year=year), county_marks, projector=deck.projector
        ),
        width="stretch",
    )
    if len(counties) > charts.SCREEN_UNITS:
        county_col.caption(t("chart_most_note", lang, n=len(counties), k=charts.WORST))
    if any((marks != "").any() for marks in county_marks.values()):  # an empty bar is no zero
        county_col.caption(t("chart_marks_not_zero", lang, threshold=threshold))
    year_marks = {
        a: movements.chart_marks(
            pd.Series(
                [by_year[int(y)].pattern.status(movements.total_key(a)) for y in yearly["year"]], index=yearly.index
            ),
            threshold,
            lang,
        )
        for a in ("accountability", "fault_tolerance")
    }
    year_col.plotly_chart(
        shared_charts.tolerance_by_year(
            yearly, action_labels, t("chart_tolerance_years", lang), year_marks, projector=deck.projector
        ),
        width="stretch",
    )


# ---- do first-tier counties promote more?
with deck.section("tiers"):
    st.subheader(t("movements_by_tier", lang))
    period = this_year.tier_period
    if period is None:
        st.info(t("movements_no_tiers", lang, year=year))
    else:
        grouped = movements.by_tier(counties, this_year.tiers)  # the tiers the pattern was made with
        tier_labels = labels.tier_labels(lang)
        # the table's eight columns fit beside; in a meeting, at the room's type, with more of the width (English
        # "Accountability" and "withheld" filled its 1.3 at 1440 px to the pixel)
        chart_col, table_col = st.columns([1, 1.6 if deck.on else 1.3], gap="large")
        rate_marks = {
            rate: movements.chart_marks(movements.tier_statuses(grouped, pattern, action), threshold, lang)
            for rate, action in movements.RATES.items()
        }
        chart_col.plotly_chart(
            shared_charts.tier_rates(
                movements.visible_rates(grouped, pattern),
                {
                    "promotion_per_100": t("col_promotion_per_100", lang),
                    "accountability_per_100": t("col_accountability_per_100", lang),
                },
                tier_labels,
                t("chart_tier_rates", lang, year=year, period=period),
                t("axis_per_100", lang),
                rate_marks,
                projector=deck.projector,
            ),
            width="stretch",
        )
        tier_table = movements.tier_table(grouped, pattern, threshold, lang)
        tier_table["tier"] = tier_table["tier"].map(lambda tier: labels.tier_label(tier, lang))
        tier_table.columns = [
            t("col_tier", lang),
            t("col_counties", lang),
            t("col_cadres", lang),
            *(action_labels[a] for a in movements.TIER_ACTIONS),
        ]
        deck.table(tier_table, column_config=fit_marks(tier_table, marks_text), where=table_col)
        table_col.caption(t("movements_tier_note", lang, period=period, year=year))
link_state.show_notes(notes, lang)

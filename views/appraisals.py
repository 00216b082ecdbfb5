"""年度考核 Appraisals: a year's grades by county against the 优秀 ceiling, whether promotions follow the grades,
whether low grades lead to adjustment, and the grades against the race tiers. Counts only."""

import streamlit as st

from incentive import charts, labels
from incentive.care import appraisals
from incentive.i18n import t
from ui import frame, link_state, meeting, shared_charts
from ui.downloads import table_downloads
from ui.frame import fit_marks, fit_texts, table_height
from ui.runtime import app_settings, appraisal_units_above_quota, appraisal_year, run_query

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_appraisals", lang))
notes = st.container()  # a link's unusable parameters: the sidebar's, then the page's own once read
if year is None:
    st.info(t("data_version_empty", lang))
    link_state.stop(notes, lang)
available = [int(y) for y in run_query("appraisal_years")["year"]]
shown = appraisals.shown_year(available, year)
if not available:
    st.info(t("appraisals_none", lang))
    link_state.stop(notes, lang)
if shown is None:
    st.info(t("appraisals_before", lang, year=year, first=min(available)))
    link_state.stop(notes, lang)
if shown != year:
    st.info(t("appraisals_shown_year", lang, year=year, shown=shown))
config = app_settings()
threshold, quota = int(config["suppression_threshold"]), float(config["excellent_quota"]) / 100
view = appraisal_year(shown, threshold)  # one hidden set for every figure of the year on this page
grade_labels = {g: t(f"grade_{g}", lang) for g in appraisals.GRADES}
marks_text = (t("withheld", lang),)  # what every hidden figure's text but <5 contains
mark_labels = {"small": f"<{threshold}", "withheld": t("withheld", lang)}
window = (
    t("follow_window", lang, start=view.follow[0].isoformat(), end=view.follow[1].isoformat()) if view.follow else ""
)

SECTIONS = ["headline", "grades", "promotions", "adjustment", "grade_tiers"]  # one screen each in meeting mode
deck = meeting.Deck("appraisals", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, [])
grades = appraisals.grade_table(view, threshold, quota, lang)
prefecture = grades[grades["prefecture"]].iloc[0]

# ---- headline figures for the year
with deck.section("headline"):
    figures = st.columns(4)
    figures[0].metric(t("kpi_appraised", lang), prefecture[appraisals.ALL])
    figures[1].metric(t("kpi_excellent_share", lang), prefecture["excellent_share"])
    above, unseen = appraisals.counties_above_quota(grades)
    figures[2].metric(
        t("kpi_counties_above_quota", lang),
        above,
        delta=t("kpi_counties_unseen", lang, n=unseen) if unseen else None,
        delta_color="off",
        delta_arrow="off",
    )
    excellent = appraisals.follow_table(view, "promoted", threshold, lang, ("excellent",)).iloc[0]
    figures[3].metric(t("kpi_promotion_excellent", lang), excellent["per_100"] if view.follow else "—")
    st.caption(t("appraisals_note", lang, year=shown, threshold=threshold, quota=f"{quota:.0%}"))
    if view.pattern.withheld:
        st.caption(t("withheld_note", lang, threshold=threshold))


# ---- grades per county, against the ceiling
with deck.section("grades"):
    st.subheader(t("section_grades", lang))
    shares = appraisals.excellent_shares(view)
    if shares.empty:  # every grade of a cadre on no roster: no county to draw (an empty plot with a 0–4 axis was)
        st.info(t("appraisals_no_county_chart", lang, year=shown))
    else:
        st.plotly_chart(
            shared_charts.quota_bars(
                shares,
                t("chart_excellent_share", lang, year=shown),
                t("axis_share_appraised", lang),
                quota,
                t("quota_line", lang, quota=f"{quota:.0%}"),
                shares["status"].map(mark_labels).fillna(""),
                projector=deck.projector,
            ),
            width="stretch",
        )
        if len(shares) > charts.SCREEN_UNITS:  # the chart shows the ends: every county in the table below
            st.caption(t("chart_ends_note", lang, n=len(shares), k=charts.ENDS))
    table = grades.drop(columns="prefecture")
    table["county"] = [
        t("prefecture_row", lang) if whole else (c or t("county_unknown", lang))
        for c, whole in zip(grades["county"], grades["prefecture"], strict=True)
    ]
    table["above_quota"] = table["above_quota"].map(
        {True: t("above_quota_yes", lang), False: t("above_quota_no", lang)}
    )
    table.columns = [
        t("col_unit_county", lang),
        t("col_appraised", lang),
        *grade_labels.values(),
        t("col_excellent_share", lang),
        t("col_above_quota", lang),
    ]
    # the county column as wide as its longest name: the row of cadres on no roster (（花名册中无此人）) was cut to
    # （花名册 at desktop width, the grid sizing the column by the county names above it
    county_width = fit_texts(table, t("col_unit_county", lang))
    deck.table(table, height=table_height(len(table)), column_config={**fit_marks(table, marks_text), **county_width})
    table_downloads(table, t("file_appraisals", lang, year=shown), "appraisals", lang)
    listed, unlisted = appraisal_units_above_quota(shown, threshold, quota)
    st.subheader(t("units_above_title", lang))
    if listed.empty and not unlisted:
        st.caption(t("units_above_none", lang))
    elif not listed.empty:
        units = listed[["county", "unit"]].assign(
            share=[
                t("withheld", lang) if status else f"{share:.1%}"
                for share, status in zip(listed["share"], listed["status"], strict=True)
            ]
        )
        units["county"] = units["county"].map(lambda c: c or t("county_unknown", lang))
        units.columns = [t("col_unit_county", lang), t("col_unit_name", lang), t("col_excellent_share", lang)]
        deck.table(units, height=table_height(len(units), 400), column_config=fit_marks(units, marks_text))
    st.caption(t("units_above_note", lang, threshold=threshold))
    if unlisted:
        st.caption(t("units_above_unlisted", lang, n=unlisted, threshold=threshold))


def follow_section(count: str, column: str, note: str, grades_shown: tuple[str, ...]) -> None:
    """The prefecture's grades and what followed them the next year (promotion or adjustment), as a table."""
    if view.follow is None:
        st.info(t("follow_none", lang, year=shown, next=shown + 1))
        return
    table = appraisals.follow_table(view, count, threshold, lang, grades_shown)
    table["grade"] = table["grade"].map(grade_labels)
    table.columns = [t("col_grade", lang), t("col_appraised", lang), t(column, lang), t("col_per_100_grade", lang)]
    deck.table(table, column_config=fit_marks(table, marks_text))
    st.caption(t(note, lang, year=shown, window=window))


# ---- do promotions follow the grades?
with deck.section("promotions"):
    st.subheader(t("section_promotions", lang))
    follow_section("promoted", "col_promoted_next", "promotions_note", appraisals.GRADES)
    if view.follow is not None:
        rates = appraisals.county_follow_rates(view, "promoted", ("excellent", "competent"))
        if rates.empty:  # every grade of a cadre on no roster: no county to draw
            st.info(t("appraisals_no_county_chart", lang, year=shown))
        else:
            # on an axis or in a column per 100 a bare `<5` read as a rate under 5: it is the count of people
            rate_marks = {**mark_labels, "small": t("mark_few_people", lang, threshold=threshold)}
            st.plotly_chart(
                shared_charts.grade_rates(
                    rates,
                    {g: grade_labels[g] for g in ("excellent", "competent")},
                    t("chart_promotion_by_grade", lang, year=shown),
                    t("axis_per_100", lang),
                    rate_marks,
                    projector=deck.projector,
                ),
                width="stretch",
            )
            counties = rates["county"].nunique()
            if counties > charts.SCREEN_UNITS:  # the chart shows the ends: every county in the table below
                seen = appraisals.rates_seen(rates, "excellent")
                note = "chart_rate_ends_note" if seen > 2 * charts.ENDS else "chart_rate_seen_note"
                st.caption(t(note, lang, n=counties, k=charts.ENDS, m=seen, grade=grade_labels["excellent"]))
                # built and sent only once opened (`on_change="rerun"`, as section_tabs' tabs): folded, a grid
                # was still sent and mounted in the browser on every visit
                everything = st.expander(
                    t("promotion_rates_all", lang, n=counties), key="promotion_rates_all", on_change="rerun"
                )
                if everything.open:
                    rate_table = appraisals.county_rates_table(rates, ("excellent", "competent"), rate_marks)
                    rate_table.columns = [
                        t("col_unit_county", lang),
                        *(f"{grade_labels[g]} · {t('col_per_100_grade', lang)}" for g in ("excellent", "competent")),
                    ]
                    deck.table(
                        rate_table,
                        where=everything,
                        height=table_height(len(rate_table)),
                        column_config=fit_marks(rate_table, (*marks_text, rate_marks["small"])),
                    )


# ---- do low grades lead to adjustment (能上能下)?
with deck.section("adjustment"):
    st.subheader(t("section_adjustment", lang))
    follow_section("adjusted", "col_adjusted_next", "adjustment_note", appraisals.GRADES)


# ---- grades against the race tiers
with deck.section("grade_tiers"):
    st.subheader(t("section_grade_tiers", lang))
    if view.tier_period is None:
        st.info(t("grade_no_tiers", lang, year=shown))
    else:
        tiers = appraisals.tier_table(view, threshold, lang)
        tiers["tier"] = tiers["tier"].map(lambda tier: labels.tier_label(tier, lang))
        tiers.columns = [
            t("col_tier", lang),
            t("col_counties", lang),
            t("col_appraised", lang),
            t("col_excellent_share", lang),
            t("col_low_share", lang),
        ]
        deck.table(tiers, column_config=fit_marks(tiers, marks_text))
        st.caption(t("grade_tiers_note", lang, period=view.tier_period, year=shown))
link_state.show_notes(notes, lang)

"""培训覆盖 Training: who is trained, how much, in what, and where the gaps are (抓什么训什么、缺什么补什么)."""

import datetime as dt

import streamlit as st

from incentive import charts, county_profile, labels, periods
from incentive.accounts.roles import scope_of
from incentive.i18n import join, t
from incentive.safe_text import markdown, tm
from incentive.training import coverage, coverage_tables, targets
from incentive.training.named_lists import NamesWithheld
from ui import cadre_clicks, frame, link_state, meeting, section_tabs, shared_charts, sign_in
from ui.downloads import table_downloads
from ui.frame import fit_marks, table_height
from ui.runtime import (
    absent_training,
    app_settings,
    last_recorded,
    promotions_absent,
    promotions_in,
    ranking,
    reported_window,
    run_query,
    today,
    training_pattern,
    training_targets,
    training_to_come,
    untrained_names,
    window_query,
)

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_training", lang))
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()
config = app_settings()
threshold = int(config["suppression_threshold"])
marks_text = (t("withheld", lang),)  # what every hidden figure's text contains


def say_counties_left_out() -> None:
    """Under a section of every county: the counties it leaves out, when the line under the headline is the chosen
    county's and does not name them (without a county, that line names them for the whole page)."""
    if county and counties_left_out:
        st.caption(absent_training(window, "", lang))


def download(table, name: str, key: str, left_out: str | None = None) -> None:
    """The page's downloads say what the figures leave out (`left_out`; by default the window's unsent files)."""
    table_downloads(table, name, key, lang, left_out=window_left_out if left_out is None else left_out)


# ---- controls: which months, and whose cadres; all of them in the URL (the county is the sidebar's)
link = link_state.page()  # ui/page_state.TrainingState
notes = st.container()
year_last = coverage.as_date(
    run_query("training_last_date", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))["last_date"].iloc[0]
)
if year_last is None:  # every window of the year lies after the last record: nothing measured, not a zero
    st.info(t("training_no_records_in_year", lang, year=year))
    link_state.stop(notes, lang)
# a quarter still being sent, which only some counties have sent, is offered but not opened on: the window opened on
# is the newest every county has sent (docs/decisions.md#unsent-training-files)
year_reported = reported_window(coverage.year_window(year))
kind_col, when_col = st.columns([1.2, 2.5])
kind = link.segmented(
    kind_col,
    t("window_kind", lang),
    ["year", "quarter", "months"],
    key="training_window",
    field="window",
    format_func=lambda k: t(f"window_{k}", lang),
)
if kind == "quarter":
    offered = coverage.quarters_through(year_last)
    quarter = link.selectbox(
        when_col,
        t("window_quarter", lang),
        offered,
        key="training_quarter",
        field="quarter",
        default=coverage.opening_quarter(offered, year_reported),
        format_func=lambda q: f"{year}-Q{q}",
    )
    window = coverage.quarter_window(year, quarter)
elif kind == "months":
    # months after the year's last record are not offered: they would read as measured zeros
    whole_year = (dt.date(year, 1, 1), year_last.replace(day=1))
    sent_by_all = coverage.opening_months(year_reported, year_last)  # before a quarter still being sent
    link.seed(
        "training_months",
        "months",
        default=sent_by_all,
        parse=lambda text: coverage.parse_month_range(text, year, through=year_last) or link_state.INVALID,
    )
    if not coverage.parse_month_range(
        coverage.month_range_text(*st.session_state["training_months"]), year, through=year_last
    ):
        st.session_state["training_months"] = sent_by_all  # another year was chosen in the sidebar
    if whole_year[0] == whole_year[1]:  # only January has records: nothing to slide between
        first = last = whole_year[0]
        when_col.caption(t("window_one_month", lang, month=f"{first:%Y-%m}"))
    else:
        first, last = when_col.slider(
            t("window_months", lang),
            min_value=whole_year[0],
            max_value=whole_year[1],
            format="YYYY-MM",
            key="training_months",
        )
    link.publish("months", (first, last), sent_by_all, encode=lambda r: coverage.month_range_text(*r))
    window = coverage.months_window(first, last)
else:
    window = coverage.year_window(year)
# the counties whose training files of the window are not all in are left out of every figure below (and of the
# comparison window): their cadres would read as untrained, a measured zero
window = reported_window(window)
counties = run_query("race_units", county="")["unit"].tolist()
county = state.county
window_left_out = absent_training(window, county or "", lang, plain=True)  # the downloads say it as the page does
# the sections that list every county (the comparison, 缺什么补什么) name every county they leave out, whichever is chosen
counties_left_out = absent_training(window, "", lang, plain=True)

coverage_target = config["coverage_target"] / 100
# Each cadre is measured against his own training target by rank, on pace at the last recorded training day
# (docs/decisions.md#training-targets-by-rank)
last_day = last_recorded(window)


def measured(win: coverage.Window, by: str, in_county: str = ""):
    return window_query("training_coverage", win, by=by, county=in_county, to_come=training_to_come(win))


SECTIONS = ["headline", "targets", "categories", "domains", "trend", "mix", "gaps", "scatter", "drill"]  # a screen each
# before the notices below, which stop the page: in a meeting the bar stays, to step on to the next county or leave
deck = meeting.Deck("training", {name: t(f"section_{name}", lang) for name in SECTIONS}, lang, counties)


def open_months(sent: coverage.Window) -> None:
    st.session_state["training_window"] = "months"
    st.session_state["training_months"] = (sent.start, sent.end.replace(day=1))


if county in window.without:  # the sidebar's county has not sent all of the window: nothing of it is measured
    # one notice in the county's own words (county_profile.training_absence), not the prefecture's line
    named, sentence = county_profile.training_absence(window, county)
    st.warning(absent_training(window, named, lang, sentence))
    sent = coverage.county_sent_window(county, year, year_last, reported_window)
    if sent is not None:  # a way on: the months it has sent, rather than a page of notices alone
        label = tm("training_open_sent", lang, county=county, window=sent.label)  # a button label is Markdown
        st.button(label, key="training_open_sent", on_click=open_months, args=(sent,))
    link_state.stop(notes, lang)  # a link's unusable parameters, said on a stopped page too
whole = measured(window, "all", county)
if whole.empty or whole["cadres"].iloc[0] == 0:
    st.info(t("training_no_roster", lang))
    link_state.stop(notes, lang)
before = coverage.comparable_previous(window, last_day)
whole_before = measured(before, "all", county)
# One pattern per window says which groups a viewer sees as <5 or withheld, on every table, chart and download
pattern, pattern_before = training_pattern(window), training_pattern(before)
head = coverage.scope_headline(whole, whole_before, pattern, pattern_before)  # the overview's rule too
scope_hidden, total = head.hidden, head.figures


def _share(value) -> str:
    return "—" if value != value else f"{value:.1%}"  # NaN: nobody with a target in scope


def hidden_text(status: str, rate: bool = True) -> str:
    return labels.withheld_figure(status, threshold, lang, rate)


def marks(statuses):
    """What a hidden county carries in a chart instead of its figures."""
    return statuses.map(lambda s: hidden_text(s, rate=False) if s else "")


# ---- headline figures with change against the previous window
with deck.section("headline"):
    scope = county or t("all_counties", lang)
    if not county and window.without:  # the prefecture's figures below leave them out (the line under them says why)
        scope = t("scope_without", lang, scope=scope, counties=join(list(window.without), lang))
    st.caption(
        tm(  # names and month ranges escaped: a `~` pair would strike the text between through
            "training_scope_targets" if head.compared else "training_scope_targets_alone",
            lang,
            scope=scope,
            window=window.label,
            before=before.label,
            as_of=f"{total['roster_as_of']:%Y-%m-%d}",
        )
    )
    figures = st.columns(5)
    shown = (lambda text: hidden_text(scope_hidden)) if scope_hidden else (lambda text: text)
    figures[0].metric(
        t("kpi_coverage", lang),
        shown(f"{total['coverage']:.1%}"),
        # a change that prints as 0.0 has neither arrow nor colour (frame.change)
        **frame.change(
            None if head.coverage_pp is None else t("delta_pp", lang, delta=head.coverage_pp),
            None if head.coverage_pp is None else round(head.coverage_pp, 1),
        ),
    )
    figures[1].metric(
        t("kpi_hours", lang),
        shown(f"{total['hours_per_cadre']:.1f}"),
        **frame.change(
            None if head.hours is None else f"{head.hours:+.1f}",
            None if head.hours is None else round(head.hours, 1),
        ),
    )
    figures[2].metric(
        t("kpi_hours_median", lang),
        shown(f"{total['hours_median']:.1f}"),
        **frame.change(
            None if head.median is None else f"{head.median:+.1f}",
            None if head.median is None else round(head.median, 1),
        ),
    )
    figures[3].metric(t("kpi_share_own_target", lang), shown(_share(total["share_meeting_target"])))
    figures[4].metric(
        t("kpi_untrained", lang),
        hidden_text(scope_hidden, rate=False) if scope_hidden else f"{int(total['untrained']):,}",
        delta_color="inverse",
        delta=None if head.untrained is None else f"{head.untrained:+,}",
    )
    absent = absent_training(window, county or "", lang)
    if absent:  # the counties left out, named (docs/decisions.md#unsent-training-files)
        st.warning(absent)
    if coverage.running(window, last_day, today()) and not scope_hidden:
        st.caption(
            t(
                "training_targets_pace",
                lang,
                day=f"{last_day:%Y-%m-%d}",
                on_pace=total["share_on_pace"],
                short=total["hours_short"],
            )
        )


# ---- the targets and the coverage by county first; the further sections in tabs of their own, run only when opened
# what several tabs use is read here (cached: read once per window): each county's figures, which the first tab
# shows; each county's domains, a second pass over the window's records, only by the tabs that show them
by_county = measured(window, "county")
county_hidden = coverage.group_statuses(by_county, "county", pattern)


def county_domains():
    """Each county's training domains in the window, and which counties a viewer sees as `<5` or withheld."""
    domains = window_query("training_domains", window, county="")
    return domains, coverage.county_statuses(domains["county"], pattern)


tabs = section_tabs.Tabs(
    deck,
    {
        "coverage": ("targets", "categories"),
        "domains": ("domains",),
        "trend": ("trend", "mix", "scatter"),
        "gaps": ("gaps",),
        "drill": ("drill",),
    },
    lang,
)


# ---- against each cadre's own target by rank: rank groups, online minimum, 提任前 training
if tabs.opens("targets"):
    with tabs.section("targets"):
        st.subheader(t("training_targets", lang))
        in_force = training_targets()
        st.caption(
            t(
                "training_targets_rule" if targets.are_the_regulations(in_force) else "training_targets_rule_local",
                lang,
                section=f"{in_force['section'].hours:g}",
                division=f"{in_force['division'].hours:g}",
                years=in_force["division"].years,
                online=f"{in_force['section'].online_hours:g}",
            )
        )
        if not scope_hidden and total["unmapped"] > 0:
            unmapped = int(total["unmapped"])
            st.warning(t("training_targets_unmapped", lang, n=unmapped if unmapped >= threshold else f"<{threshold}"))
        cols = st.columns(3)
        cols[0].metric(t("kpi_share_on_pace", lang), shown(_share(total["share_on_pace"])))
        cols[1].metric(t("kpi_hours_short", lang), shown(f"{total['hours_short']:,.0f}"))
        cols[2].metric(t("kpi_share_online", lang), shown(_share(total["share_online_met"])))
        by_group = measured(window, "rank_group", county)
        group_rows = coverage_tables.group_table(
            by_group, "rank_group", lang, threshold, coverage.group_statuses(by_group, "rank_group", pattern)
        )
        deck.table(group_rows, height=table_height(len(group_rows)), column_config=fit_marks(group_rows, marks_text))
        download(group_rows, t("file_training_rank_groups", lang, window=window.label), "training_rank_groups")
        first_month = coverage.as_date(run_query("training_first_month")["first_month"].iloc[0])
        reaching = targets.reaching_before_records(
            first_month, window.start, window.end, in_force, set(by_group["group"].dropna())
        )
        if "division" in reaching:
            st.caption(t("training_before_records_division", lang, first=f"{first_month:%Y-%m}"))
        st.markdown(f"**{t('training_promotions', lang, year=window.start.year)}**")
        promotion_counts, promotion_hidden = promotions_in(str(window.start.year))
        if promotion_counts["promoted"].iloc[-1] == 0:
            st.caption(t("training_promotions_none", lang, year=window.start.year))
        else:
            promotion_rows = coverage_tables.promotion_table(promotion_counts, promotion_hidden, lang, threshold)
            deck.table(promotion_rows, height=table_height(len(promotion_rows)))  # every county, no scrolling inside
            unsent = promotions_absent(window.start.year, lang)
            download(
                promotion_rows,
                t("file_training_promotions", lang, year=window.start.year),
                "training_promotions",
                left_out=promotions_absent(window.start.year, lang, plain=True),
            )
            st.caption(t("training_promotions_rule", lang))
            if unsent:  # an unsent quarter reads as hours not trained: say whose counts may be low
                st.warning(unsent)
            if "promotions" in reaching:
                st.caption(t("training_before_records_promotions", lang, first=f"{first_month:%Y-%m}"))


# ---- coverage by county per category, with the target line
if tabs.opens("categories"):
    with tabs.section("categories"):
        shown_counties = coverage.hide_counties(by_county, pattern)  # what charts may draw
        category_labels = {c: coverage_tables.category_label(c, lang) for c in coverage.CATEGORIES}
        st.plotly_chart(
            shared_charts.category_coverage_bars(
                shown_counties,
                category_labels,
                coverage_target,
                t("chart_category_coverage", lang, window=window.label),
                t("target_line", lang, target=coverage_target),
                marks(county_hidden),
                projector=deck.projector,
            ),
            width="stretch",
        )
        if len(by_county) > charts.SCREEN_UNITS:
            st.caption(t("chart_lowest_note", lang, n=len(by_county), k=charts.WORST))
        say_counties_left_out()
        county_table = coverage_tables.group_table(by_county, "county", lang, threshold, county_hidden)
        deck.table(
            county_table, height=table_height(len(county_table)), column_config=fit_marks(county_table, marks_text)
        )
        name = t("file_training_counties", lang, window=window.label)
        download(county_table, name, "training_counties", left_out=counties_left_out)


# ---- domains: county x training domain
if tabs.opens("domains"):
    with tabs.section("domains"):
        st.subheader(t("training_domains", lang))
        domains, domain_hidden = county_domains()
        measure = link.segmented(
            st,
            t("domain_measure", lang),
            ["reach", "hours_per_cadre"],
            key="training_domain_measure",
            field="measure",
            format_func=lambda m: t(f"domain_{m}", lang),
        )
        st.plotly_chart(
            shared_charts.domain_heatmap(
                domains,
                measure,
                t(f"chart_domain_{measure}", lang, window=window.label),
                percent=measure == "reach",
                marks=dict(zip(domains["county"], marks(domain_hidden), strict=False)),
                projector=deck.projector,
            ),
            width="stretch",
        )
        say_counties_left_out()
        with st.expander(t("domain_table", lang)):
            domain_rows = coverage_tables.domain_table(domains, lang, threshold, domain_hidden)
            deck.table(domain_rows, column_config=fit_marks(domain_rows, marks_text))
            name = t("file_training_domains", lang, window=window.label)
            download(domain_rows, name, "training_domains", left_out=counties_left_out)


# ---- over time: quarters, and cumulative hours against the pace line
if tabs.opens("trend"):
    with tabs.section("trend"):
        st.subheader(t("training_trend", lang))
        year_window = reported_window(coverage.year_window(window.start.year))  # the same counties as the figures
        annual = (
            float(total["annual_target"])
            if not scope_hidden and total["annual_target"] == total["annual_target"]
            else 0.0
        )
        over_time = coverage.trend(window_query("training_months", year_window, county=""), annual, last_day)
        trend_col, pace_col = st.columns(2, gap="large")
        trend_col.plotly_chart(
            shared_charts.quarter_bars(
                over_time.quarterly,
                t("chart_quarter_hours", lang, year=window.start.year),
                t("axis_hours", lang),
                projector=deck.projector,
            ),
            width="stretch",
        )
        pace_col.plotly_chart(
            shared_charts.pace_lines(
                over_time.cumulative,
                over_time.pace,
                "" if scope_hidden else county,
                {"all": t("all_counties", lang), "pace": t("pace_line", lang)},
                t("chart_pace_targets", lang, year=window.start.year, target=annual),
                t("axis_hours", lang),
                projector=deck.projector,
            ),
            width="stretch",
        )


# ---- how: online or offline, collective or individual
if tabs.opens("mix"):
    with tabs.section("mix"):
        st.subheader(t("training_mix", lang))
        mix = coverage.mix_shares(window_query("training_mix", window, county=""))
        mix = mix[coverage.county_statuses(mix["county"], pattern) == ""]  # no shares of a hidden county
        st.plotly_chart(
            shared_charts.mix_bars(
                mix,
                {"online": t("mix_online", lang), "collective": t("mix_collective", lang)},
                t("chart_mix", lang, window=window.label),
                projector=deck.projector,
            ),
            width="stretch",
        )
        say_counties_left_out()


# ---- 缺什么补什么
if tabs.opens("gaps"):
    with tabs.section("gaps"):
        st.subheader(t("training_gaps", lang))
        prefecture = measured(window, "all").iloc[0]
        domains, domain_hidden = county_domains()
        actions = coverage_tables.action_list(
            coverage.category_gaps(by_county[county_hidden == ""], prefecture),
            coverage.domain_gaps(domains[domain_hidden == ""]),
            lang,
        )
        deck.table(actions, height=table_height(len(actions)))
        say_counties_left_out()
        name = t("file_training_actions", lang, window=window.label)
        download(actions, name, "training_actions", left_out=counties_left_out)
        by_unit = measured(window, "unit", county)
        unit_hidden = coverage.group_statuses(by_unit, "unit", pattern)
        # Hidden units are left out whatever their hours: listing them, or their place in this order, would say how
        # far below the target they are.
        units = coverage.units_below_target(by_unit[unit_hidden == ""])
        in_scope = county or t("scope_all_counties", lang)  # inside a sentence
        st.markdown(f"**{tm('training_units_short', lang, scope=in_scope)}**")
        below = coverage_tables.below_target_table(units, lang, threshold)
        deck.table(below.head(30), height=table_height(min(len(below), 30)))
        st.caption(t("training_units_below_count", lang, n=len(below)))
        if (unit_hidden != "").any():
            st.caption(t("training_units_below_hidden", lang, n=int((unit_hidden != "").sum())))
        download(below, t("file_training_below", lang, window=window.label), "training_below")


# ---- does training go with performance?
if tabs.opens("scatter"):
    with tabs.section("scatter"):
        race_period = periods.default_of(run_query("race_periods", county=""), window.start.year)
        if race_period:
            composite = ranking(race_period).ranked["composite"].rename_axis("county").reset_index()
            paired = by_county[county_hidden == ""].merge(composite, on="county")
        if race_period and paired.empty:  # no county both ranked and shown (all too small, or none ranked)
            st.info(t("training_scatter_none", lang, period=race_period))
        elif race_period:
            st.plotly_chart(
                shared_charts.coverage_vs_composite(
                    paired,
                    t("chart_coverage_vs_race", lang, window=window.label, period=race_period),
                    t("axis_coverage", lang),
                    t("axis_composite", lang),
                    projector=deck.projector,
                ),
                width="stretch",
            )
            st.caption(t("training_scatter_note", lang))
            say_counties_left_out()


# ---- drill-down: one county's units, rank levels, ages, genders
if tabs.opens("drill"):
    with tabs.section("drill"):
        st.subheader(t("training_drill", lang))
        who = sign_in.principal()  # read once: a county role starts at his own county, whose names he may see
        drill_county = county or link.selectbox(
            st,
            t("training_drill_county", lang),
            counties,
            key="training_drill_county",
            field="drill",
            default=who.county if who is not None and who.county in counties else None,
            personal=True,  # his county goes into the address, so a link he shares shows it to others too
        )
        if county:
            link.unusable("drill", (county,))  # the sidebar's county decides: another in the link is said
        slice_by = link.segmented(
            st,
            t("training_slice", lang),
            ["unit", "rank", "rank_group", "age", "gender"],
            key="training_slice",
            field="slice",
            format_func=lambda s: t(f"slice_{s}", lang),
        )
        groups = measured(window, slice_by, drill_county)
        drill = coverage_tables.group_table(
            groups, slice_by, lang, threshold, coverage.group_statuses(groups, slice_by, pattern)
        )
        deck.table(drill, height=table_height(len(drill)), column_config=fit_marks(drill, marks_text))
        download(drill, t("file_training_drill", lang, county=drill_county, window=window.label), "training_drill")
        st.caption(t("training_privacy_withheld", lang, threshold=threshold))
        # Named individuals: only for a county inside the signed-in user's scope, asked of the library with that
        # scope (which refuses any other county, and a county role's list while it would give away a hidden figure).
        if scope_of(who).covers(drill_county):
            with st.expander(tm("training_untrained_names", lang, county=drill_county, window=window.label)):
                try:
                    names = untrained_names(scope_of(who), window, drill_county, pattern)
                except NamesWithheld as withheld:
                    st.info(markdown(withheld.text(lang)))
                else:
                    ids = names["cadre_id"].tolist()
                    names.columns = [
                        t(k, lang) for k in ("col_unit_county", "slice_unit", "col_cadre_id", "col_name", "slice_rank")
                    ]
                    deck.table(  # a row opens the cadre's page (干部画像), whose opening the audit log records
                        names,
                        key="training_untrained_table",
                        on_select=cadre_clicks.from_table("training_untrained_table", ids),
                        selection_mode="single-row",
                    )
                    cadre_clicks.follow()
                    if not deck.on:  # a room's table has no rows to click (Deck.table)
                        st.caption(t("training_untrained_click", lang))
                    download(
                        names,
                        t("file_training_untrained", lang, county=drill_county, window=window.label),
                        "training_untrained",
                    )
link_state.show_notes(notes, lang)

"""一县一档 County profile: one county's rank, tier and interval over time with the reasons, its tracks against the
peers and the 标杆, its training coverage and gaps, its care statuses and trend, its personnel decisions; every
figure with its year-on-year (同比) change. The county is the sidebar's (`?county=` in a link)."""

import datetime as dt

import pandas as pd
import streamlit as st

from incentive import county_profile, labels, periods
from incentive.accounts.roles import COUNTY_ROLES
from incentive.care import movements, welfare
from incentive.i18n import t
from incentive.publication import official
from incentive.race import benchmarks, ranking_tables, rankings, scoring
from incentive.safe_text import markdown, tm
from incentive.training import coverage, coverage_tables
from ui import county_clicks, frame, link_state, meeting, publishing, rank_move, shared_charts, sharing, sign_in
from ui.downloads import figures_downloads, table_downloads
from ui.frame import fit_marks, separated, table_height
from ui.runtime import (
    absent_training,
    app_settings,
    county_figures,
    last_recorded,
    movement_year,
    publication_drift,
    publication_of,
    published_ranking,
    published_welfare,
    ranking,
    reported_window,
    run_query,
    unit_classes_in_force,
    welfare_history,
    welfare_period,
)

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_county", lang))
link = link_state.page()  # ui/page_state.CountyState
notes = st.container()
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()

# ---- whose profile: the sidebar's county; a county account's own county only
counties = run_query("race_units", county="")["unit"].tolist()
who = sign_in.principal()
own = who.county if who is not None and who.role in COUNTY_ROLES else None
county, refused = county_profile.whose(state.county, own, counties)
if refused:
    st.info(tm("profile_own_county_only", lang, county=own))
if county is None:
    st.selectbox(
        t("profile_pick", lang),
        counties,
        index=None,
        placeholder=t("profile_pick_placeholder", lang),
        key="profile_pick",
        on_change=lambda: st.session_state.update({county_clicks.SIDEBAR_COUNTY: st.session_state["profile_pick"]}),
    )
    st.caption(t("profile_pick_note", lang))
    if meeting.is_on():  # the bar and the room's look start with a county (meeting.Deck, below)
        st.info(t("profile_pick_meeting", lang))
    link_state.stop(notes, lang)
st.header(markdown(county), anchor=False)
threshold = int(app_settings()["suppression_threshold"])
withheld_marks = (t("withheld", lang),)

# ---- the race period shown (its year's default, or the one in the URL) and the year's care half-year
found = run_query("race_periods", county="")
available = found["period"].tolist()
in_year = periods.of_year(available, year)
period_col, compare_col = st.columns([1, 2])
period = (
    link.selectbox(
        period_col,
        t("rank_period", lang),
        in_year,
        key="profile_period",
        field="period",
        default=periods.default_of(found, year),
    )
    if in_year
    else None
)
# why the rank moved: only against a period that is stored (no 同比 in the first year of data), said when left out
compared_with = county_profile.rank_comparisons(period, available) if period else {}
compare_kind = (
    link.segmented(
        compare_col,
        t("profile_compare", lang),
        list(compared_with),
        key="profile_compare",
        field="compare",
        format_func=lambda k: t(f"profile_compare_{k}", lang),
    )
    if compared_with
    else link.unusable("compare")  # no control to set: a linked comparison is said unusable, not dropped unsaid
)
if period and "year" not in compared_with:
    compare_col.caption(
        t("profile_compare_no_year", lang, period=periods.year_before(period))
        if compared_with
        else t("profile_compare_none", lang)
    )
care_period = periods.default_of(run_query("welfare_periods"), year)
sharing.shows_periods(race=period, care=care_period)  # this county's briefing and 通报 print these periods

SECTIONS = ["headline", "history", "tracks", "training", "care", "decisions"]  # one screen each in meeting mode
deck = meeting.Deck("county", {name: t(f"profile_section_{name}", lang) for name in SECTIONS}, lang, counties)


# the county is ranked among its class where counties have classes (分类考核), else among all counties
group = rankings.official_group(unit_classes_in_force(period), county) if period else rankings.PeerGroup()


def in_force(at_period: str):
    """A period's ranking as the rankings page shows it by default: the published one where published, else live
    (docs/decisions.md#published-or-live)."""
    issued = publication_of(at_period)
    return (published_ranking(issued, group) if issued else None) or ranking(at_period, group)


def since(period_before: str) -> str:
    return t("profile_vs", lang, period=period_before)


def year_on_year(period_before: str, found: bool) -> str:
    """What a section's 同比 is against; a period without data is said to be, not named as if compared."""
    return t("profile_year_on_year" if found else "profile_no_year_before", lang, period=period_before)


now = before = year_before = None
if period is not None:
    shown, wanted = county_profile.history_periods(available, period, rankings.HISTORY_PERIODS)
    by_period = {p: in_force(p) for p in wanted}
    now, year_before = by_period[period], by_period.get(periods.year_before(period))
    path = county_profile.rank_path(by_period, county, shown)
    latest = path.iloc[-1]

# ---- rank, tier, interval, composite; each against the same period a year earlier
with deck.section("headline"):
    if period is None:
        st.info(t("no_data_for_period", lang, period=year))
    else:
        issued = publication_of(period)
        publication = issued if issued is not None and published_ranking(issued, group) is not None else None
        publishing.mark(publication, publication is not None, False, period, lang, issued, t("pub_part_ranking", lang))
        if publication is not None:  # current data would change the published rank? as 赛马排名 says it
            publishing.drift_banner(publication_drift(publication, group, care=False), lang)
        last_year = periods.year_before(period)
        if not latest["ranked"]:
            st.info(tm("rank_why_unranked", lang, unit=county))
        else:
            rank_col, tier_col, interval_col, composite_col = st.columns(4)
            change = latest["change_year_before"]
            rank_col.metric(
                t("col_rank", lang),
                t("profile_rank_of", lang, rank=int(latest["rank"]), n=int(latest["units"])),
                **frame.change(
                    None if pd.isna(change) else f"{int(change):+d}",
                    None if pd.isna(change) else change,
                    since(last_year),
                ),
            )
            tier_before = (
                year_before.table.at[county, "tier"]
                if year_before is not None and county in year_before.ranked.index
                else None
            )
            tier_col.metric(
                t("col_tier", lang),
                labels.tier_label(latest["tier"], lang),
                delta=None
                if tier_before is None
                else t("profile_was", lang, value=labels.tier_label(tier_before, lang), period=last_year),
                delta_color="off",
                delta_arrow="off",
            )
            interval_col.metric(t("col_rank_interval", lang), latest["interval"])
            composite_before = (
                float(year_before.table.at[county, "composite"])
                if year_before is not None and county in year_before.ranked.index
                else None
            )
            composite_col.metric(
                t("col_composite", lang),
                f"{latest['composite']:+.3f}",
                **frame.change(
                    None if composite_before is None else f"{latest['composite'] - composite_before:+.3f}",
                    None if composite_before is None else round(latest["composite"] - composite_before, 3),
                    since(last_year),
                ),
            )
            st.caption(
                t("profile_rank_note", lang, draws=scoring.DRAWS)
                + " "
                + year_on_year(last_year, year_before is not None)
            )
            if group.peer_class:  # whom the rank is among: the rank means nothing without it
                st.caption(tm("profile_rank_class", lang, peer_class=group.peer_class, n=int(latest["units"])))
            # how far the rank rests on the modelling choices, as the rankings page's detail says it
            robustness = ranking_tables.robustness_lines(now, county, lang, quote=markdown)
            if robustness:
                st.caption(" ".join(robustness))


# ---- rank over time with its interval, and why it moved (the rankings page's attribution)
with deck.section("history"):
    if period is not None:
        st.subheader(t("profile_history", lang))
        st.plotly_chart(
            shared_charts.county_rank_path(
                path,
                t("profile_chart_path", lang, county=county),
                t("axis_rank", lang),
                labels.tier_labels(lang),
                projector=deck.projector,
            ),
            width="stretch",
        )
        bases = {p: publication_of(p) for p in shown}
        st.caption(official.basis_summary(bases, lang))
        history_table = county_profile.rank_path_table(path, lang)
        deck.table(history_table, height=table_height(len(history_table)))
        table_downloads(
            history_table,
            t("file_profile_history", lang, county=county),
            "profile_history",
            lang,
            notes=[official.basis_summary(bases, lang)],
        )
        compare = compared_with.get(compare_kind)
        before = in_force(compare) if compare else None
        st.markdown(f"**{tm('rank_why', lang, unit=county)}**")
        moves_withheld = ranking_tables.moves_withheld_text(now, before, "county", lang, quote=markdown)
        rank_move.explain(
            now,
            before,
            county,
            period,
            compare,
            lang,
            deck.projector,
            no_compare=t("profile_no_compare", lang),
            withheld=moves_withheld,
        )


# ---- tracks against the peers' median and the 标杆, indicator by indicator
with deck.section("tracks"):
    if period is not None:
        st.subheader(t("profile_tracks", lang))
        tracks = benchmarks.track_benchmarks(now, county, year_before)
        st.plotly_chart(
            shared_charts.benchmark_bars(
                tracks,
                {
                    "score": county,
                    "median": t("col_median", lang),
                    "benchmark": t("profile_col_benchmark", lang),
                },
                t("profile_chart_tracks", lang, county=county, period=period),
                {track: labels.track_label(track, lang) for track in tracks["track"]},
                projector=deck.projector,
            ),
            width="stretch",
        )
        best = [
            tm(
                "profile_track_best",
                lang,
                track=labels.track_label(row.track, lang),
                unit=row.best_unit,
                gap=row.gap,
                change="—" if pd.isna(row.score_year_before) else f"{row.score - row.score_year_before:+.2f}",
            )
            for row in tracks.itertuples()
        ]
        st.markdown("\n".join(f"- {line}" for line in best))
        st.caption(
            t("profile_benchmark_note", lang) + " " + year_on_year(periods.year_before(period), year_before is not None)
        )
        indicators = county_profile.benchmark_table(benchmarks.indicator_benchmarks(now, county, year_before), lang)
        figures = [c for c in indicators.columns if pd.api.types.is_float_dtype(indicators[c])]  # no years among them
        deck.table(indicators, height=table_height(len(indicators)), column_config=separated(*figures))
        table_downloads(
            indicators, t("file_profile_tracks", lang, county=county, period=period), "profile_tracks", lang
        )


# ---- training coverage and its gaps, the year so far against the same months a year earlier
with deck.section("training"):
    st.subheader(t("profile_training", lang))
    year_last = coverage.as_date(
        run_query("training_last_date", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))["last_date"].iloc[0]
    )
    if year_last is None:
        st.info(t("training_no_records_in_year", lang, year=year))
    else:
        window = reported_window(coverage.year_window(year))  # counties with unsent files left out, as 培训覆盖
        last_day = last_recorded(window)  # before a quarter still being sent, when the year's records stop there
        window_before = coverage.comparable_previous(window, last_day)
        training = county_profile.training(county_figures(window), county_figures(window_before), county)
        scope = (
            "profile_training_scope" if training.compared or training.row is None else "profile_training_scope_alone"
        )
        if county not in window.without:  # else nothing of it is compared: the notice below says why
            st.caption(tm(scope, lang, window=window.label, before=window_before.label))
        named, sentence = county_profile.training_absence(window, county)  # its own, or every county left out
        absent = absent_training(window, named, lang, sentence)
        if absent and county not in window.without:  # (docs/decisions.md#unsent-training-files)
            st.warning(absent)
        if county in window.without:  # one notice: why nothing of it is shown, and where the months it sent are
            sent = coverage.county_sent_window(county, year, year_last, reported_window)
            st.warning(absent + ("" if sent is None else " " + tm("profile_training_sent", lang, window=sent.label)))
        elif training.row is None:
            st.info(tm("profile_training_no_cadres", lang, county=county))
        elif training.hidden:
            small = t("withheld_rate_small", lang, threshold=threshold)
            st.info(
                t("profile_training_hidden", lang, mark=small if training.hidden == "small" else t("withheld", lang))
            )
        else:
            row = training.row
            cover_col, hours_col, target_col, untrained_col = st.columns(4)
            cover_col.metric(
                t("kpi_coverage", lang),
                f"{row['coverage']:.1%}",
                **frame.change(
                    None if training.coverage_pp is None else t("delta_pp", lang, delta=training.coverage_pp),
                    None if training.coverage_pp is None else round(training.coverage_pp, 1),
                    since(window_before.label),
                ),
            )
            hours_col.metric(
                t("kpi_hours", lang),
                f"{row['hours_per_cadre']:.1f}",  # the label says 学时
                **frame.change(
                    None if training.hours_change is None else f"{training.hours_change:+.1f}",
                    None if training.hours_change is None else round(training.hours_change, 1),
                    since(window_before.label),
                ),
            )
            target_col.metric(  # each cadre against his own target by rank (docs/decisions.md#training-targets-by-rank)
                t("col_share_target", lang), f"{row['share_meeting_target']:.1%}"
            )
            untrained_col.metric(
                t("kpi_untrained", lang),
                f"{int(row['untrained']):,}",
                **frame.change(
                    None if training.untrained_change is None else f"{training.untrained_change:+,}",
                    training.untrained_change,
                    since(window_before.label),
                    delta_color="inverse",
                ),
            )
            if training.category_gap is not None:
                gap = training.category_gap
                st.markdown(
                    tm(
                        "profile_gap_category",
                        lang,
                        category=coverage_tables.category_label(gap["category"], lang),
                        coverage=gap["coverage"],
                        prefecture=gap["prefecture"],
                        gap=gap["gap_pp"],
                        n=int(gap["not_reached"]),
                    )
                )
            if training.domain_gap is not None:
                gap = training.domain_gap
                st.markdown(
                    tm(
                        "profile_gap_domain",
                        lang,
                        domain=gap["domain"],
                        reach=gap["reach"],
                        prefecture=gap["prefecture"],
                        gap=gap["gap_pp"],
                    )
                )
            if training.hidden_before:
                st.caption(t("profile_training_before_hidden", lang, window=window_before.label))


# ---- care statuses of the year's half-year, each against the same half-year a year earlier, and the trend
with deck.section("care"):
    st.subheader(t("profile_care", lang))
    if care_period is None:
        st.info(t("welfare_no_data", lang))
    else:

        def care_view(at_period: str):
            issued = publication_of(at_period)
            frozen = published_welfare(issued) if issued else None
            return frozen or welfare_period(at_period), (issued if frozen is not None else None), issued

        view, care_publication, care_issued = care_view(care_period)
        publishing.mark(
            care_publication,
            care_publication is not None,
            False,
            care_period,
            lang,
            care_issued,
            t("pub_part_care", lang),
        )
        care_before = periods.year_before(care_period)
        view_before = (
            care_view(care_before)[0] if care_before in run_query("welfare_periods")["period"].tolist() else None
        )
        figures = county_profile.care(view.table, view_before.table if view_before else None, county)
        met, judged, below = welfare.county_counts(view.table, county)
        # 同比: the same half-year a year earlier, when the county was judged then on as many indicators (a count of
        # a different number of indicators is no change)
        met_then, judged_then, below_then = (
            welfare.county_counts(view_before.table, county) if view_before else (0, 0, [])
        )
        comparable = judged_then > 0 and judged_then == judged
        met_col, below_col = st.columns(2)
        met_col.metric(
            t("profile_care_met", lang, period=care_period),
            f"{met} / {judged}",
            **frame.change(f"{met - met_then:+d}" if comparable else None, met - met_then, since(care_before)),
        )
        below_col.metric(
            t("profile_care_below", lang),
            len(below),
            **frame.change(
                f"{len(below) - len(below_then):+d}" if comparable else None,
                len(below) - len(below_then),
                since(care_before),
                delta_color="inverse",
            ),
        )
        care_rows = county_profile.care_table(figures, lang)
        deck.table(care_rows, height=table_height(len(care_rows)))
        figures_downloads(  # published or live, said in both files as on 关心关爱
            care_rows,
            t("file_profile_care", lang, county=county, period=care_period),
            "profile_care",
            lang,
            care_publication,
        )
        st.caption(year_on_year(care_before, view_before is not None))
        trend = county_profile.care_status_trend(welfare_history(), county)
        status_labels = {s: label for s, label in labels.status_labels(lang).items() if s}
        st.plotly_chart(
            shared_charts.status_bars(
                trend.rename(columns={"period": "county"}),
                t("profile_chart_care_trend", lang, county=county),
                status_labels,
                t("axis_indicators", lang),
                projector=deck.projector,
            ),
            width="stretch",
        )
        st.caption(t("welfare_trend_live", lang))


# ---- personnel decisions of the year and the year before, suppressed exactly as on 能上能下
with deck.section("decisions"):
    st.subheader(t("profile_decisions", lang, year=year))
    partial = movements.partial_year(year, movements.recorded_through(run_query("movements_last_date")))
    compared = movements.compares_with_year_before(run_query("movements_by_year"), year)
    before_year = movement_year(year - 1, threshold) if compared else None
    decisions = county_profile.decisions(
        movement_year(year, threshold), before_year, county, threshold, lang, partial is not None
    )
    decision_rows = county_profile.decisions_table(decisions, lang)
    deck.table(
        decision_rows, column_config=fit_marks(decision_rows, withheld_marks), height=table_height(len(decision_rows))
    )
    decisions_note = county_profile.decisions_note(year, threshold, lang, before_year is not None)
    # a part-year is not set against a whole one: the files say so as the page does (a 说明 column in the CSV)
    part_year = (
        t("profile_decisions_partial", lang, year=year, before=year - 1, day=partial.isoformat()) if partial else ""
    )
    table_downloads(
        decision_rows,
        t("file_profile_decisions", lang, county=county, year=year),
        "profile_decisions",
        lang,
        notes=[decisions_note],
        left_out=part_year,
    )
    st.caption(decisions_note)
    if part_year:
        st.caption(part_year)
    link_state.show_notes(notes, lang)

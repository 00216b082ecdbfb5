"""The briefing PDF a meeting takes home: the prefecture or one county on a few pages, from the same queries and
scoring as the pages.

The briefing is an HTML document (charts as Plotly figures, drawn by the bundled plotly.js, no network) printed to
PDF by headless Chromium, which embeds the subset of the CJK font it used, so Chinese renders and can be searched.
Without Chromium the briefing is refused with a sentence saying how to install it.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from incentive import charts, county_profile, palette, periods
from incentive.care import movements, welfare
from incentive.config import classification
from incentive.cycle import tracker
from incentive.i18n import TranslatedError, join, t
from incentive.labels import data_version_text, reported_label, status_labels, tier_label, tier_labels, track_label
from incentive.publication import official
from incentive.race import benchmarks, ranking_tables, rankings, scoring
from incentive.sharing import bulletin
from incentive.store import batches, queries, settings
from incentive.store.database import DataAsOf, Database
from incentive.training import coverage, coverage_tables

# Debian's chromium-headless-shell first: the headless-only build prints a briefing in about half the time of the
# full browser (0.85 s against 1.4 s for a page of charts, two cores), with the same Blink and fonts.
CHROMIUM_CANDIDATES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "chrome")
PRINT_TIMEOUT_S = 120


class BriefingUnavailable(TranslatedError):
    """No browser engine to print with; the sentence says how to install one."""


ACTIONS_SHOWN = 7  # rows of the training page's action list: what fits under its chart on one A4 page


@dataclass
class Headline:
    """One headline figure of the first page: what it is, the figure, and a line of context."""

    label: str
    value: str
    note: str = ""


@dataclass
class Section:
    """One page: its title, sentences, charts and tables; `headline` its figure for the first page and
    `key_figure` the chart the first page shows (the race's)."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[go.Figure] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    headline: Headline | None = None
    key_figure: go.Figure | None = None
    data_note: str = ""  # a line the first page's provenance repeats: the race's settings when not the official ones


@dataclass(frozen=True)
class UnprintedView:
    """What the rankings page shows that the briefing does not print: the briefing ranks the counties by the
    composite (a county's within its class, the prefecture's across all counties). `townships_of` the county whose
    townships the page ranks, `track` the one track it ranks by, `peer_class` the class it ranks within where the
    briefing ranks another group ('' the counties across classes; None: the same group). A unit looked at closer
    (rank.focus) changes no rank and is not named: its name would come from the address unchecked. The PDF's data line and the page's caption under 生成简报 say so
    (docs/decisions.md#the-briefing-prints-the-view)."""

    townships_of: str = ""
    track: str = ""
    peer_class: str | None = None

    def parts(self, lang: str) -> list[str]:
        """The views not printed, worded: ['澄溪县乡镇排名', '项目建设单项排名', …]; empty when the page shows what
        the briefing prints."""
        parts = [t("brief_unprinted_townships", lang, county=self.townships_of)] if self.townships_of else []
        if self.track:
            parts.append(t("brief_unprinted_track", lang, track=track_label(self.track, lang)))
        if self.peer_class is not None:
            parts.append(
                t("brief_unprinted_class", lang, peer_class=self.peer_class)
                if self.peer_class
                else t("brief_unprinted_across_classes", lang)
            )
        return parts

    def line(self, lang: str) -> str:
        """The PDF's data line: 页面所示澄溪县乡镇排名未收入本简报，本简报为县区综合排名; '' when nothing is left out."""
        parts = self.parts(lang)
        return t("brief_unprinted", lang, views=join(parts, lang)) if parts else ""


@dataclass
class Briefing:
    """`sections[0]` is the first page's 要点 (each page's first sentence), with `headlines` (race, training,
    care) and `key_figure` (the composite by tier) above and beside it; the other sections a page each."""

    title: str
    subtitle: str
    footer: list[str]
    sections: list[Section]
    headlines: list[Headline] = field(default_factory=list)
    key_figure: go.Figure | None = None


def gather(
    db: Database,
    year: int,
    county: str,
    lang: str,
    link: str,
    as_of: dt.datetime | None = None,
    race_period: str | None = None,
    care_period: str | None = None,
    race_settings: rankings.RankingSettings = rankings.RankingSettings(),
    race_live: bool = False,
    race_unprinted: UnprintedView = UnprintedView(),
) -> Briefing:
    """Everything the briefing says, for `year` and the prefecture (county '') or one county; with `as_of`, the
    data as they were then (a pinned view). `race_period` and `care_period` are the periods the page shows (the
    rankings page's, the care page's); None, the year's default period of that kind. `race_settings` and
    `race_live` are the rankings page's method, weights and tiers and its switch to the live trial: the briefing
    ranks as the page does and says so; `race_unprinted` what the page shows that the briefing does not print,
    which its data line says (docs/decisions.md#the-briefing-prints-the-view)."""
    conn = db.connection if as_of is None else DataAsOf(db.connection, as_of)
    scope = county or t("all_counties", lang)
    version = data_version_text(batches.version_as_of(db, as_of), lang)
    footer = [
        classification(),
        t("brief_generated", lang, when=f"{dt.datetime.now():%Y-%m-%d %H:%M}"),
        version,
        t("brief_link", lang, link=link),
    ]
    config = settings.current(db)
    race_period = race_period or rankings.default_period(conn, year)
    if (
        care_period is None and race_period is not None
    ):  # the 通报's rule (docs/decisions.md#care-half-year-of-a-document)
        care_period = welfare.reported_half_year(conn, race_period)
    threshold = int(config["suppression_threshold"])
    race = _race(conn, year, county, lang, as_of, race_period, race_settings, race_live)
    if race.data_note:  # the data line says how this ranking was made when it is not the official way
        footer.insert(3, race.data_note)
    if unprinted := race_unprinted.line(lang):  # and that the page's townships, track, class or unit are not in it
        footer.insert(3, unprinted)
        race.paragraphs.insert(min(2, len(race.paragraphs)), unprinted)
    sections = [
        race,
        _training(conn, year, county, lang, config, as_of.date() if as_of else dt.date.today(), race_period),
        _care(conn, year, county, lang, as_of, care_period, threshold),
    ]
    headline = Section(t("section_headline", lang), [p for s in sections for p in s.paragraphs[:1]])
    # a county's briefing carries what its page (一县一档) adds: personnel decisions, suppressed as on 能上能下
    extra = (
        [_county_page(conn, year, county, lang, as_of, race_period, threshold, race_settings, race_live)]
        if county
        else []
    )
    return Briefing(
        t("brief_title", lang, scope=scope, year=year),
        t("app_title", lang),
        footer,
        [headline, *sections, *extra],
        [s.headline or Headline(s.title, t("brief_kpi_none", lang)) for s in sections],
        next((s.key_figure for s in sections if s.key_figure is not None), None),
    )


def _race(
    conn,
    year: int,
    county: str,
    lang: str,
    as_of: dt.datetime | None,
    period: str | None,
    ranked_by: rankings.RankingSettings = rankings.RankingSettings(),
    live: bool = False,
) -> Section:
    """The rankings page's view of `period` (None: the year's default race period) ranked by `ranked_by`
    (official.ranking_shown): with the official ones its published ranking when it was published (by `as_of`) and
    the page not switched to the live trial (`live`), else the live one, saying which, and how it was ranked when
    not the official way (`data_note`); the composite by tier for the first page (a county's bar outlined), the
    rank intervals and the table cut to rank, interval, county, composite and tier."""
    section = Section(t("page_rankings", lang))
    period = period or rankings.default_period(conn, year)
    if period is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    group = _group_of(conn, county, period, as_of)
    publication, ranking = official.ranking_shown(conn, period, ranked_by, live=live, at=as_of, group=group)
    if ranking.ranked.empty:
        section.paragraphs.append(t("no_data_for_period", lang, period=period))
        return section
    rows = rankings.ranking_rows(ranking)
    n = len(ranking.ranked)
    # a period not all counties have sent says how many have, as the overview's figures do (#reported-counts)
    reported = periods.reported(queries.run(conn, "race_periods", county=""), period)
    if county and county in rows.index and rows.at[county, "ranked"]:
        row = rows.loc[county]
        section.headline = Headline(
            reported_label(t("brief_kpi_rank", lang), reported, lang),
            t("brief_kpi_rank_value", lang, rank=row["rank"], n=n),
            t(
                "brief_kpi_race_note_class" if group.peer_class else "brief_kpi_race_note",
                lang,
                period=period,
                tier=tier_label(row["tier"], lang),
                interval=row["interval"],
                peer_class=group.peer_class,
            ),
        )
        section.paragraphs.append(  # the class named where the rank is within it: "3 of 4" means nothing alone
            t(
                "brief_race_county_class" if group.peer_class else "brief_race_county",
                lang,
                peer_class=group.peer_class,
                county=county,
                period=period,
                rank=row["rank"],
                n=len(ranking.ranked),
                interval=row["interval"],
                tier=tier_label(row["tier"], lang),
            )
        )
    elif ranked_by.official and len(standings := official.class_standings(conn, period, at=as_of)):  # 分类考核
        leaders = [
            (peer_class, rows.index[rows["class_rank"] == 1].tolist())
            for peer_class, rows in standings.groupby("peer_class", sort=False)
        ]
        section.headline = Headline(
            reported_label(t("brief_kpi_class_leaders", lang), reported, lang),
            t("brief_kpi_classes", lang, n=len(leaders)),
            join([join(units, lang) for _, units in leaders], lang),
        )
        said = [t("overview_class_leader", lang, peer_class=c, units=join(units, lang)) for c, units in leaders]
        separator = "; " if lang == "en" else "；"  # 、 already joins tied leaders within a class
        section.paragraphs.append(t("brief_race_class_leaders", lang, period=period, leaders=separator.join(said)))
    else:
        leader = ranking.ranked.index[0]
        section.headline = Headline(
            reported_label(t("kpi_leader", lang), reported, lang),
            leader,
            t("brief_kpi_leader_note", lang, period=period, n=n),
        )
        section.paragraphs.append(t("brief_race_leader", lang, period=period, leader=leader, n=n))
    # the prefecture's all-county ranking where the official ones are the classes': a reference, said so
    reference = not group.peer_class and bool(official.classes_in_force(conn, period, at=as_of))
    section.key_figure = charts.composite_bars(
        ranking.ranked.reset_index().rename(columns={"unit": "county"}),
        t(
            "chart_rank_composite_reference" if reference else "chart_rank_composite",
            lang,
            peers="",
            period=period,
            method=t(f"method_{ranked_by.method}", lang),
        ),
        t("axis_composite", lang),
        tier_labels(lang),
        focus=county or None,
    )
    section.figures.append(
        charts.rank_intervals(
            rows[rows["ranked"]].reset_index(),
            t("chart_rank_intervals", lang),
            t("axis_rank", lang),
            (t("rank_interval_legend", lang), t("rank_robust_legend", lang)),
        )
    )
    section.paragraphs.append(official.basis_line(publication, lang))
    if not ranked_by.official:
        section.data_note = settings_line(ranked_by, ranking.track_weights, lang)
        section.paragraphs.append(section.data_note)
    section.paragraphs.extend(filter(None, [official.superseded_line(conn, publication, lang)]))  # a pinned view
    if reference:
        section.paragraphs.append(t("rank_class_all_note", lang, units=t("units_county", lang)))
    _changed_since(section, conn, publication, lang, care=False, group=group if county else None)
    _incomplete(section, conn, "race_scores", period, lang)
    table = ranking_tables.ranking_table(ranking, None, "county", lang)
    section.tables.append(
        table[
            [
                t(key, lang)
                for key in (
                    "col_rank",
                    "col_rank_interval",
                    "col_robust_interval",
                    "col_unit_county",
                    "col_composite",
                    "col_tier",
                )
            ]
        ]
    )
    return section


def settings_line(ranked_by: rankings.RankingSettings, shares: pd.Series, lang: str) -> str:
    """How a trial ranking was made, for its data line: `标准化方法：功效系数（0-100）；权重：试算（项目建设 70%、…）`,
    the weights the catalog's when `ranked_by` has none (`shares`: the ranking's track shares, as the page's banner
    gives them), and the tier shares only when they are not the thirds."""
    if ranked_by.weights:
        used = join([f"{track_label(track, lang)} {share:.0%}" for track, share in shares.items()], lang)
        weights = t("brief_weights_trial", lang, weights=used)
    else:
        weights = t("brief_weights_catalog", lang)
    line = t("brief_settings", lang, method=t(f"method_{ranked_by.method}", lang), weights=weights)
    if ranked_by.tiers != scoring.TIER_SHARES:
        line += t("brief_settings_tiers", lang, first=ranked_by.tiers[0], third=ranked_by.tiers[1])
    return line


def _group_of(conn, county: str, period: str, as_of: dt.datetime | None) -> rankings.PeerGroup:
    """Whom the briefing ranks: a county's class where counties have classes in `period` (分类考核; as published,
    official.unit_classes_in_force), as its page does; all counties for the prefecture's briefing (which then
    says that the official ranks are within the classes)."""
    if not county:
        return rankings.PeerGroup()
    return rankings.official_group(official.unit_classes_in_force(conn, period, at=as_of), county)


def _county_page(
    conn,
    year: int,
    county: str,
    lang: str,
    as_of: dt.datetime | None,
    period: str | None,
    threshold: int,
    ranked_by: rankings.RankingSettings = rankings.RankingSettings(),
    live: bool = False,
) -> Section:
    """What a county's page (一县一档) adds, on one page of its briefing: its track scores against the ranked
    counties' median and the 标杆 (90th percentile, benchmarks.track_benchmarks) in the race period shown, ranked as
    the race page of the briefing is (`ranked_by`, `live`), and its
    personnel decisions of `year` and the year before, exactly the page's cells (county_profile.decisions: `<5` and
    withheld as on 能上能下)."""
    section = Section(t("brief_county_page", lang))
    if period is not None:
        group = _group_of(conn, county, period, as_of)
        _, ranking = official.ranking_shown(conn, period, ranked_by, live=live, at=as_of, group=group)
        tracks = benchmarks.track_benchmarks(ranking, county) if county in ranking.ranked.index else pd.DataFrame()
        if len(tracks):
            section.paragraphs.append(t("brief_tracks_note", lang, period=period))
            section.tables.append(
                pd.DataFrame(
                    {
                        t("col_track", lang): [track_label(track, lang) for track in tracks["track"]],
                        county: tracks["score"].round(2),
                        t("col_median", lang): tracks["median"].round(2),
                        t("profile_col_benchmark", lang): tracks["benchmark"].round(2),
                        t("brief_col_gap", lang): [f"{g:+.2f}" for g in tracks["gap"]],
                        t("brief_col_best", lang): tracks["best_unit"],
                    }
                )
            )
    partial = movements.partial_year(year, movements.recorded_through(queries.run(conn, "movements_last_date")))
    # a year before without any decision recorded is set against nothing, as on the page
    compared = movements.compares_with_year_before(queries.run(conn, "movements_by_year"), year)
    before = movements.year_view(conn, year - 1, threshold) if compared else None
    frame = county_profile.decisions(
        movements.year_view(conn, year, threshold), before, county, threshold, lang, partial is not None
    )
    section.paragraphs.append(county_profile.decisions_note(year, threshold, lang, before is not None))
    section.tables.append(county_profile.decisions_table(frame, lang).fillna("—"))  # no row that year: "—"
    if partial is not None:  # as under the page's table: a part-year is not set against a whole one
        section.paragraphs.append(
            t("profile_decisions_partial", lang, year=year, before=year - 1, day=partial.isoformat())
        )
    return section


def _training(
    conn, year: int, county: str, lang: str, config: dict, today: dt.date, period: str | None = None
) -> Section:
    """The coverage of the 通报's window, January to the end of `period` (the race period reported), named in its
    words (2026年1—9月, bulletin.training_window / window_words); the whole year without a period of `year`. A
    county the page hides (too small, or withheld with one) is hidden here too, by the same pattern
    (coverage.county_figures). The prefecture's sentence has no comparison with itself."""
    section = Section(t("page_training", lang))
    in_year = period is not None and periods.bounds(period)[0].year == year
    window = bulletin.training_window(period) if in_year else coverage.year_window(year)
    window = coverage.reported(conn, window, config, today)  # unsent files left out, as on 培训覆盖
    words = bulletin.window_words(window, lang)
    figures = coverage.county_figures(conn, window, int(config["suppression_threshold"]), today)
    if figures is None or figures.whole is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    whole = figures.whole
    mine, hidden = figures.county(county) if county else (whole, "")
    target = float(config["coverage_target"]) / 100
    if mine is not None and not hidden:
        section.headline = Headline(
            t("kpi_coverage", lang),
            f"{mine['coverage']:.1%}",
            t("brief_kpi_coverage_note", lang, window=words, hours=mine["hours_per_cadre"], target=target),
        )
        sentence = (
            t(
                "brief_training",
                lang,
                scope=county,
                window=words,
                coverage=mine["coverage"],
                hours=mine["hours_per_cadre"],
                prefecture=whole["coverage"],
            )
            if county
            else t(
                "brief_training_prefecture",
                lang,
                window=words,
                coverage=mine["coverage"],
                hours=mine["hours_per_cadre"],
            )
        )
        if window.without:  # page 1 carries this sentence alone: the prefecture's figure says whom it leaves out
            sentence += t("brief_training_without", lang, counties=join(list(window.without), lang))
        section.paragraphs.append(sentence)
    elif hidden:
        section.headline = Headline(t("kpi_coverage", lang), t("withheld", lang))
    elif county in window.without:  # its unsent quarter would read as untrained: no figure, and why
        section.headline = Headline(t("kpi_coverage", lang), t("training_not_in_short", lang))
        section.paragraphs.append(t("brief_training_county_not_in", lang, county=county, window=words))
    absent = bulletin.absent_training(conn, window, config, lang, until=today, county=county)
    if absent:  # a county's unsent quarter is no measured zero, as on the pages and in the 通报
        section.paragraphs.append(absent)
    labels = {c: coverage_tables.category_label(c, lang) for c in coverage.CATEGORIES}
    section.figures.append(
        charts.category_coverage_bars(
            figures.shown(),
            labels,
            target,
            t("chart_category_coverage", lang, window=words),
            t("target_line", lang, target=target),
            figures.hidden.map(lambda s: t("withheld", lang) if s else ""),
        )
    )
    actions = coverage_tables.action_list(figures.category_gaps, figures.domain_gaps, lang)
    if county:
        actions = actions[actions[t("col_unit_county", lang)] == county]
    if actions.empty:  # no gap to act on (or no figures of the county's own): no table of headers only
        return section
    if len(actions) > ACTIONS_SHOWN:  # a table cut short says so: the rest are on 培训覆盖
        section.paragraphs.append(t("brief_actions_cut", lang, shown=ACTIONS_SHOWN, n=len(actions)))
    section.tables.append(actions.drop(columns=[t("col_gap_pp", lang)]).head(ACTIONS_SHOWN))
    return section


def _care(
    conn, year: int, county: str, lang: str, as_of: dt.datetime | None, period: str | None, small: int
) -> Section:
    """The care page's view of `period` (None: the year's default half-year), published or live as on the page:
    its summary and traffic lights; counts of people under `small` (the suppression threshold) read `<5`, as in
    the warning list (docs/decisions.md#small-numbers-in-warnings)."""
    period = period or welfare.default_period(conn, year)
    section = Section(t("page_welfare", lang) + (t("bulletin_h_care_half", lang, half=period) if period else ""))
    if period is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    publication, view = official.welfare_in_force(conn, period, at=as_of)
    table = view.table
    owing = len(queries.run(conn, "race_units", county=""))
    sentences = welfare.summary_sentences(table, period, lang, small=small, counties=owing)
    if county:
        met, judged, below = welfare.county_counts(table, county)
    else:
        met, judged = int((table["status"] == "met").sum()), int(table["status"].notna().sum())
    if judged:
        section.headline = Headline(
            reported_label(
                t("kpi_met_share", lang), periods.reported(queries.run(conn, "welfare_periods"), period), lang
            ),
            f"{met / judged:.0%}",
            t("brief_kpi_met_note", lang, period=period, met=met, total=judged),
        )
    if county:
        sentences.insert(
            0,
            t(
                "brief_care_county",
                lang,
                county=county,
                period=period,
                met=met,
                total=judged,
                below="、".join(below) or "—",
            ),
        )
    section.paragraphs.extend(sentences)
    section.paragraphs.append(official.basis_line(publication, lang))
    section.paragraphs.extend(filter(None, [official.superseded_line(conn, publication, lang)]))  # a pinned view
    _changed_since(section, conn, publication, lang, race=False)
    _incomplete(section, conn, "welfare", period, lang)
    section.figures.append(
        charts.status_grid(
            welfare.status_grid(table),
            welfare.value_grid(table, small),
            status_labels(lang),
            t("chart_status_grid", lang, period=period),
        )
    )
    return section


def _changed_since(
    section: Section,
    conn,
    publication,
    lang: str,
    *,
    race: bool = True,
    care: bool = True,
    group: rankings.PeerGroup | None = None,
) -> None:
    """Under a published part: the sentence saying that current data would change it (the ranking of `group`;
    None: the counties' official rankings, official.official_drift), as the pages say it
    (docs/decisions.md#data-changed-after-publication); nothing for live figures or unchanged data."""
    if publication is not None:
        found = (
            official.official_drift(conn, publication, race=race, care=care)
            if group is None
            else official.drift(conn, publication, group, race=race, care=care)
        )
        line = found.sentence(lang)
        if line:
            section.paragraphs.append(line)


def _incomplete(section: Section, conn, kind: str, period: str, lang: str) -> None:
    """The line the rankings and care pages show above the ranking and the grid when the period's data are not all
    in (docs/decisions.md#incomplete-periods-are-marked)."""
    line = tracker.gaps_line(tracker.gaps(conn, kind, period), lang)
    if line:
        section.paragraphs.append(line)


# ---- HTML and PDF

INK, REFERENCE = palette.INK, palette.EMPHASIS["reference"]
CSS = f"""
@page {{ size: A4; margin: 14mm 14mm; }}
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       color: {INK["text"]}; font-size: 11pt; margin: 0; }}
h1 {{ font-size: 20pt; margin: 2pt 0 2pt; }}
h2 {{ font-size: 15pt; margin: 0 0 6pt; border-bottom: 2px solid {REFERENCE}; }}
.classification {{ text-align: right; font-size: 10pt; font-weight: 700; }}
.subtitle {{ color: {INK["muted"]}; margin-bottom: 8pt; }}
.footer {{ color: {INK["muted"]}; font-size: 8.5pt; margin-top: 6pt; border-top: 1px solid {INK["connector"]};
          padding-top: 4pt; }}
.headlines {{ display: flex; gap: 8pt; margin: 4pt 0 8pt; }}
.headline {{ flex: 1 1 0; border: 1px solid {INK["connector"]}; border-top: 4px solid {REFERENCE};
            padding: 5pt 8pt; min-width: 0; }}
.headline .label {{ color: {INK["muted"]}; font-size: 9.5pt; margin-bottom: 3pt; }}
.headline .value {{ font-size: 22pt; font-weight: 700; line-height: 1.35; overflow-wrap: anywhere; }}
.headline .note {{ color: {INK["muted"]}; font-size: 8.5pt; }}
.points p {{ margin: 3pt 0; }}
section {{ page-break-before: always; }} section.first {{ page-break-before: avoid; }}
table {{ border-collapse: collapse; font-size: 9.5pt; margin: 6pt 0; }}
td, th {{ border: 1px solid {INK["connector"]}; padding: 2pt 5pt; text-align: left; }}
.figure {{ width: 100%; page-break-inside: avoid; }}
"""
FIGURE_WIDTH = 680  # CSS px: A4 less 2 × 14 mm margins is 688 px at 96 px per inch
KEY_FIGURE_HEIGHT = 590  # the first page's chart: with the figures and sentences above it, one page
LEGEND_BAND = 80  # px under a chart for its tick labels, axis title and a one-line legend, one below the other


def for_print(figure: go.Figure, height: int | None = None) -> go.Figure:
    """A chart as the PDF draws it: the page's width, a slim top margin, and a legend that sits under the plot
    (at a fraction of the plot's height on a page) moved to the figure's bottom edge with room of its own, so it
    never runs into the axis title or the tick labels above it."""
    fig = go.Figure(figure)
    extra_lines = (fig.layout.title.text or "").count("<br>")  # a title set on two lines for a phone keeps them
    top = 60 + (charts.TITLE_LINE + charts.TITLE_RAISE) * extra_lines
    fig.update_layout(width=FIGURE_WIDTH, margin={"l": 10, "r": 40, "t": top})
    if height is not None:
        fig.update_layout(height=height)
    legend = fig.layout.legend
    if legend.yref != "container" and legend.y is not None and legend.y < 0:
        bottom = (fig.layout.margin.b or 0) + LEGEND_BAND  # taken from the plot: the page's height is fixed
        fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin={"b": bottom})
    return fig


def _figure_html(figure: go.Figure) -> str:
    return (
        "<div class='figure'>"
        + figure.to_html(full_html=False, include_plotlyjs=False, config={"staticPlot": True})
        + "</div>"
    )


def _first_page(briefing: Briefing) -> str:
    """The classification line (the footer's first), title, the headline figures, the first section (the 要点),
    the key chart, then the provenance lines (the rest of the footer)."""
    classification_line, provenance = (briefing.footer[0], briefing.footer[1:]) if briefing.footer else ("", [])
    headlines = "".join(
        "<div class='headline'>"
        f"<div class='label'>{html.escape(h.label)}</div><div class='value'>{html.escape(h.value)}</div>"
        f"<div class='note'>{html.escape(h.note)}</div></div>"
        for h in briefing.headlines
    )
    first = briefing.sections[0] if briefing.sections else Section("")
    parts = [
        f"<div class='classification'>{html.escape(classification_line)}</div>",
        f"<h1>{html.escape(briefing.title)}</h1><div class='subtitle'>{html.escape(briefing.subtitle)}</div>",
        f"<div class='headlines'>{headlines}</div>" if headlines else "",
        _section_body(first, "points"),
        _figure_html(for_print(briefing.key_figure, KEY_FIGURE_HEIGHT)) if briefing.key_figure is not None else "",
        "<div class='footer'>" + "<br>".join(html.escape(line) for line in provenance) + "</div>" if provenance else "",
    ]
    return "<section class='first'>" + "".join(parts) + "</section>"


def _section_body(section: Section, paragraphs_class: str = "") -> str:
    body = [f"<h2>{html.escape(section.title)}</h2>"] if section.title else []
    body.append(
        f"<div class='{paragraphs_class}'>" + "".join(f"<p>{html.escape(p)}</p>" for p in section.paragraphs) + "</div>"
    )
    body += [_figure_html(for_print(figure)) for figure in section.figures]
    body += [table.to_html(index=False, escape=True, na_rep="") for table in section.tables]
    return "".join(body)


def to_html(briefing: Briefing) -> str:
    """The briefing as one HTML document: the first page (_first_page), then a page per further section."""
    parts = [_first_page(briefing)]
    parts += ["<section>" + _section_body(section) + "</section>" for section in briefing.sections[1:]]
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        + CSS
        + "</style><script>"
        + plotly.offline.get_plotlyjs()
        + "</script></head><body>"
        + "".join(parts)
        + "</body></html>"
    )


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured and Path(configured).exists():
        return configured
    return next((found for name in CHROMIUM_CANDIDATES if (found := shutil.which(name))), None)


def to_pdf(document: str) -> bytes:
    """Print the HTML with headless Chromium (offline: no network flags), waiting for the charts to draw."""
    browser = chromium_path()
    if browser is None:
        raise BriefingUnavailable("brief_no_chromium")
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "briefing.html", Path(folder) / "briefing.pdf"
        source.write_text(document, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            "--virtual-time-budget=15000",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S)
        if not target.exists() or target.stat().st_size == 0:
            raise BriefingUnavailable("brief_print_failed", reason=result.stderr.decode(errors="replace")[-300:])
        return target.read_bytes()

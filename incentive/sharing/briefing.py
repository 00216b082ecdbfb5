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

from incentive import charts
from incentive.care import welfare
from incentive.config import classification
from incentive.cycle import tracker
from incentive.i18n import TranslatedError, t
from incentive.labels import data_version_text, status_labels, tier_label, tier_labels
from incentive.publication import official
from incentive.race import ranking_tables, rankings
from incentive.store import batches, settings
from incentive.store.database import DataAsOf, Database
from incentive.training import coverage, coverage_tables

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
PRINT_TIMEOUT_S = 120


class BriefingUnavailable(TranslatedError):
    """No browser engine to print with; the sentence says how to install one."""


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[go.Figure] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    subtitle: str
    footer: list[str]
    sections: list[Section]


def gather(
    db: Database,
    year: int,
    county: str,
    lang: str,
    link: str,
    as_of: dt.datetime | None = None,
    race_period: str | None = None,
    care_period: str | None = None,
) -> Briefing:
    """Everything the briefing says, for `year` and the prefecture (county '') or one county; with `as_of`, the
    data as they were then (a pinned view). `race_period` and `care_period` are the periods the page shows (the
    rankings page's, the care page's); None, the year's default period of that kind."""
    conn = db.connection if as_of is None else DataAsOf(db.connection, as_of)
    scope = county or t("all_counties", lang)
    version = data_version_text(batches.version_info(db), lang, as_of)
    footer = [
        classification(),
        t("brief_generated", lang, when=f"{dt.datetime.now():%Y-%m-%d %H:%M}"),
        version,
        t("brief_link", lang, link=link),
    ]
    config = settings.current(db)
    sections = [
        _race(conn, year, county, lang, as_of, race_period),
        _training(conn, year, county, lang, config),
        _care(conn, year, county, lang, as_of, care_period),
    ]
    headline = Section(t("section_headline", lang), [p for s in sections for p in s.paragraphs[:1]])
    return Briefing(t("brief_title", lang, scope=scope, year=year), t("app_title", lang), footer, [headline, *sections])


def _race(conn, year: int, county: str, lang: str, as_of: dt.datetime | None, period: str | None) -> Section:
    """The rankings page's view of `period` (None: the year's default race period): its published ranking when it
    was published (by `as_of`), else the live one (z-score, catalog weights), saying which; its table cut to rank,
    interval, county, composite and tier."""
    section = Section(t("page_rankings", lang))
    period = period or rankings.default_period(conn, year)
    if period is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    publication, ranking = official.ranking_in_force(conn, period, at=as_of)
    if ranking.ranked.empty:
        section.paragraphs.append(t("no_data_for_period", lang, period=period))
        return section
    rows = rankings.ranking_rows(ranking)
    if county and county in rows.index and rows.at[county, "ranked"]:
        row = rows.loc[county]
        section.paragraphs.append(
            t(
                "brief_race_county",
                lang,
                county=county,
                period=period,
                rank=row["rank"],
                n=len(ranking.ranked),
                interval=row["interval"],
                tier=tier_label(row["tier"], lang),
            )
        )
    else:
        section.paragraphs.append(
            t("brief_race_leader", lang, period=period, leader=ranking.ranked.index[0], n=len(ranking.ranked))
        )
    section.figures.append(
        charts.tier_bars(
            ranking.ranked.reset_index(),
            t("chart_rank_composite", lang, peers="", period=period, method=t("method_z", lang)),
            t("axis_composite", lang),
            tier_labels(lang),
        )
    )
    section.paragraphs.append(official.basis_line(publication, lang))
    _incomplete(section, conn, "race_scores", period, lang)
    table = ranking_tables.ranking_table(ranking, None, "county", lang)
    section.tables.append(
        table[
            [t(key, lang) for key in ("col_rank", "col_rank_interval", "col_unit_county", "col_composite", "col_tier")]
        ]
    )
    return section


def _training(conn, year: int, county: str, lang: str, config: dict) -> Section:
    """The year's coverage; a county the page hides (too small, or withheld with one) is hidden here too, by the
    same pattern (coverage.county_figures)."""
    section = Section(t("page_training", lang))
    window = coverage.year_window(year)
    figures = coverage.county_figures(conn, window, int(config["suppression_threshold"]), config["hours_target"])
    if figures is None or figures.whole is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    whole = figures.whole
    mine, hidden = figures.county(county) if county else (whole, "")
    if mine is not None and not hidden:
        section.paragraphs.append(
            t(
                "brief_training",
                lang,
                scope=county or t("scope_all_counties", lang),
                year=year,
                coverage=mine["coverage"],
                hours=mine["hours_per_cadre"],
                prefecture=whole["coverage"],
            )
        )
    labels = {c: coverage_tables.category_label(c, lang) for c in coverage.CATEGORIES}
    section.figures.append(
        charts.category_coverage_bars(
            figures.shown(),
            labels,
            None,
            t("chart_category_coverage", lang, window=year),
            "",
            figures.hidden.map(lambda s: t("withheld", lang) if s else ""),
        )
    )
    actions = coverage_tables.action_list(figures.category_gaps, figures.domain_gaps, lang)
    if county:
        actions = actions[actions[t("col_unit_county", lang)] == county]
    section.tables.append(actions.drop(columns=[t("col_gap_pp", lang)]).head(12))
    return section


def _care(conn, year: int, county: str, lang: str, as_of: dt.datetime | None, period: str | None) -> Section:
    """The care page's view of `period` (None: the year's default half-year), published or live as on the page:
    its summary and traffic lights."""
    section = Section(t("page_welfare", lang))
    period = period or welfare.default_period(conn, year)
    if period is None:
        section.paragraphs.append(t("no_data_for_period", lang, period=year))
        return section
    publication, view = official.welfare_in_force(conn, period, at=as_of)
    table = view.table
    sentences = welfare.summary_sentences(table, period, lang)
    if county:
        met, judged, below = welfare.county_counts(table, county)
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
    _incomplete(section, conn, "welfare", period, lang)
    section.figures.append(
        charts.status_grid(
            welfare.status_grid(table),
            welfare.value_grid(table),
            status_labels(lang),
            t("chart_status_grid", lang, period=period),
        )
    )
    return section


def _incomplete(section: Section, conn, kind: str, period: str, lang: str) -> None:
    """The line the rankings and care pages show above the ranking and the grid when the period's data are not all
    in (docs/decisions.md#incomplete-periods-are-marked)."""
    line = tracker.gaps_line(tracker.gaps(conn, kind, period), lang)
    if line:
        section.paragraphs.append(line)


# ---- HTML and PDF

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       color: #111; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 15pt; border-bottom: 2px solid #1f5fa8; }
.subtitle { color: #555; } .footer { color: #555; font-size: 9pt; margin-top: 8pt; }
section { page-break-before: always; } section.first { page-break-before: avoid; }
table { border-collapse: collapse; font-size: 9.5pt; margin: 6pt 0; }
td, th { border: 1px solid #bbb; padding: 2pt 5pt; text-align: left; }
.figure { width: 100%; page-break-inside: avoid; }
"""


def to_html(briefing: Briefing) -> str:
    parts = [
        f"<h1>{html.escape(briefing.title)}</h1><div class='subtitle'>{html.escape(briefing.subtitle)}</div>",
        "<div class='footer'>" + "<br>".join(html.escape(line) for line in briefing.footer) + "</div>",
    ]
    for i, section in enumerate(briefing.sections):
        body = [f"<h2>{html.escape(section.title)}</h2>"]
        body += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        for figure in section.figures:
            figure = go.Figure(figure).update_layout(width=720, margin={"l": 90, "r": 30, "t": 130, "b": 70})
            body.append(
                "<div class='figure'>"
                + figure.to_html(full_html=False, include_plotlyjs=False, config={"staticPlot": True})
                + "</div>"
            )
        body += [table.to_html(index=False, escape=True, na_rep="") for table in section.tables]
        parts.append(f"<section class='{'first' if i == 0 else ''}'>" + "".join(body) + "</section>")
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

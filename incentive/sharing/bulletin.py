"""The 通报: a period's results as the Word document an organization department sends to the counties.

`gather` says everything from the figures (docs/decisions.md#bulletin): the ranking of the period's newest published
version when it was published, else the live one marked 试算 (official.ranking_in_force, as the briefing); the first
tier; the biggest climbers and sliders against the previous period with the indicators that moved them
(scoring.attribute_change); the counties in the third tier two periods running; training from January to the
period's end with the worst gaps (coverage.county_figures, suppressed as on the training page); the care
indicators below target of the period's half-year. A sentence is there only when its figures are: nobody climbed,
no climbers' sentence. `to_docx` lays it out as GB/T 9704-2012 lays out an official document (A4, its margins,
二号 方正小标宋简体 title, 三号 仿宋_GB2312 body, 黑体 headings), the fonts named on the East Asian slot and declared
with fallbacks in the font table so that Word and WPS without them still render Chinese.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from incentive import palette, periods
from incentive.alerts import rules
from incentive.care import welfare
from incentive.config import DEFAULT_CLASSIFICATION, classification
from incentive.cycle import tracker
from incentive.i18n import TranslatedError, capital, join, t
from incentive.labels import data_version_text, tier_label
from incentive.publication import official
from incentive.race import ranking_tables, rankings, scoring
from incentive.race.scoring import Ranking
from incentive.store import batches, queries, settings
from incentive.store.database import DataAsOf, Database
from incentive.training import coverage, coverage_tables

CLIMBERS = 3  # climbers and sliders named: the biggest moves, as a meeting reads them
REASONS = 2  # indicators named as the main reasons of one move
GAPS = 3  # training gaps named for the prefecture
BEHIND = 5  # counties below the prefecture's share of cadres on pace named (the lowest first)
GAP_MARGIN_PP = 1.0  # a gap counts when clearly below the prefecture (coverage_tables.action_list's margin)
CHINESE_NUMBERS = "一二三四五六七八九十"
HELD_LISTED = 8  # the newest periods of each kind a refusal names (as the warning list's refusal)


class BulletinError(TranslatedError):
    """A bulletin that cannot be made (unknown county, a period without any figures); the sentence says why."""


@dataclass(frozen=True)
class Part:
    """One numbered part of the body: its heading (without the number) and its paragraphs."""

    heading: str
    paragraphs: list[str]


PUBLISHED, LIVE, ABSENT = "published", "live", "absent"  # how each part of a bulletin stands


# the settings a Common is made with: the schedule's decide which counties the training window leaves out
_COMMON_SETTINGS = (
    "suppression_threshold",
    *(name for name, setting in settings.SETTINGS.items() if setting.group == "schedule"),
)


@dataclass(frozen=True)
class Common:
    """What every 通报 of one period states alike, whatever its county, as worked out for one bulletin: a
    delivery's 通报 of every county take the prefecture's instead of working it out again (most of a bulletin's
    time). `basis`: the period, the moment (`as_of`: a Common is taken only by a bulletin of pinned data), the day
    the training window is judged on and the settings it was made with (the schedule's and the version of its
    history, the suppression threshold); gather refuses it for a bulletin of another. `third_tier_runs`: county ->
    the periods of its third-tier run, oldest first (alerts.rules.third_tier with two running, as the warning list
    counts runs; None when the period is not a race period); `window` and `training`: the training window as
    coverage.reported made it and coverage.county_figures of it."""

    basis: tuple[str, dt.datetime | None, dt.date, tuple]
    third_tier_runs: dict[str, list[str]] | None
    window: coverage.Window
    training: coverage.CountyFigures | None


@dataclass(frozen=True)
class Bulletin:
    """Everything the 通报 says, in one language. `table` is the ranking as printed (text cells: rank, interval,
    county, composite, tier; no rows when the period has no race scores); `published` whether the race figures
    are an officially published version, with `basis` the sentence that says what the document's figures are
    (正式发布（…） / 实时数据（试算）; for a period without race scores, its care figures'). `warning`: the basis
    again when the figures it leads with are live, printed in red bold under the title (seen first), else '';
    `remarks`: the 附注 after the date, in parentheses (GB/T 9704): the basis of a published ranking and, once,
    the care figures' basis; `correction`: for a republished version, the sentence after the opening naming the
    version, the reason and the earlier version's 文号 withdrawn, else '' (docs/decisions.md#bulletin-wording).
    `ranking` and `care` say how the race ranking of `period` and the care figures of `care_period` stand:
    PUBLISHED, LIVE (current data, a trial) or ABSENT (no such figures); `ranking_basis` and `care_basis` say
    it in words (the publication's label, 实时数据（试算）, or that there are none). `changed`
    and `care_changed`: the sentences saying that current data would change the published ranking (printed under
    the basis) or the published care statuses (the end of the care part), '' when they would not or the figures
    are live (docs/decisions.md#data-changed-after-publication); they are instructions to the administrator
    (the CLI's stderr, the pages), never printed in the document (docs/decisions.md#bulletin-wording)."""

    lang: str
    period: str
    county: str  # "" = the prefecture
    classification: str
    issuer: str
    document_no: str
    title: str
    published: bool
    basis: str
    warning: str
    correction: str
    remarks: str
    changed: str
    care_changed: str
    addressee: str
    opening: str
    parts: list[Part]
    table_title: str
    table: pd.DataFrame
    date: dt.date
    date_text: str
    care_period: str  # the half-year of the care part (welfare.reported_half_year unless a page chose one)
    ranking: str
    care: str
    ranking_basis: str
    care_basis: str
    notes: list[str] = field(default_factory=list)
    common: Common | None = None  # what the 通报 of every county of this period and moment state alike (gather)

    @property
    def official(self) -> bool:
        """Whether the figures the document leads with are published: its ranking, or for a period without race
        scores its care figures (the basis line is then not marked as a trial)."""
        return self.ranking == PUBLISHED or (self.ranking == ABSENT and self.care == PUBLISHED)

    @property
    def file_name(self) -> str:
        scope = self.county or t("all_counties", self.lang)
        return t("bulletin_file_name", self.lang, scope=scope, period=self.period) + ".docx"

    def text(self) -> str:
        """Every sentence in reading order (what a test or a search reads)."""
        lines = [self.classification, self.issuer, self.document_no, self.title]
        lines += [*([self.warning] if self.warning else []), self.addressee, self.opening]
        lines += [self.correction] if self.correction else []
        for part in self.parts:
            lines += [part.heading, *part.paragraphs]
        lines += [self.attachment_note] if self.attachment_note else []
        lines += [self.issuer, self.date_text, *([self.remarks] if self.remarks else [])]
        annex = [t("bulletin_attachment_label", self.lang), self.table_title] if self.table_title else []
        return "\n".join([*lines, *annex, *self.notes])

    @property
    def attachment_note(self) -> str:
        """附件：<the annex's title>, the body's last line when the ranking is annexed ("" when it is not)."""
        return t("bulletin_attachment_note", self.lang, title=self.table_title) if self.table_title else ""


def period_words(period: str, lang: str) -> str:
    """2026-Q3 -> 2026年第三季度 / Q3 2026; 2026-H1 -> 2026年上半年; 2026 -> 2026年度; 2026-06 -> 2026年6月."""
    year, kind = int(period[:4]), periods.form(period)
    if kind == "Y":
        return t("bulletin_period_year", lang, year=year)
    if kind == "H":
        return t(f"bulletin_period_h{period[-1]}", lang, year=year)
    if kind == "Q":
        n = int(period[-1])
        return t("bulletin_period_quarter", lang, year=year, q=CHINESE_NUMBERS[n - 1] if lang == "zh" else n)
    return t("bulletin_period_month", lang, year=year, month=int(period[5:]))


def date_words(day: dt.date, lang: str) -> str:
    return t("bulletin_date", lang, year=day.year, month=day.month, day=day.day)


def training_window(period: str) -> coverage.Window:
    """January of the period's year to the period's last month: the year to date a bulletin reports on."""
    start, end = periods.bounds(period)
    return coverage.months_window(dt.date(start.year, 1, 1), end)


def _held(stored: list[str], lang: str) -> str:
    """The periods a refusal names: every one (2025-Q1、2025-Q2), or past HELD_LISTED the span and the count
    (2023-Q1 至 2026-Q3，共 15 期), never a silent cut."""
    if len(stored) <= HELD_LISTED:
        return join(stored, lang) or "—"
    return t("bulletin_held_span", lang, first=stored[0], last=stored[-1], n=len(stored))


def check_document_no(document_no: str | None) -> None:
    """BulletinError("bulletin_bad_document_no") unless `document_no` is None or one line of at most 50 characters
    (a 文号 such as 澜组通〔2026〕12号)."""
    if document_no is not None and (len(document_no) > 50 or "\n" in document_no or "\r" in document_no):
        raise BulletinError("bulletin_bad_document_no", value=document_no[:60])


def gather(
    db: Database,
    period: str,
    county: str,
    lang: str,
    as_of: dt.datetime | None = None,
    *,
    care_period: str | None = None,
    today: dt.date | None = None,
    document_no: str | None = None,
    common: Common | None = None,
) -> Bulletin:
    """The 通报 of `period` for the prefecture (county '') or one county, in `lang`; with `as_of`, from the data and
    publications as they were then (a pinned view). `care_period`: the half-year of the care part (default
    welfare.reported_half_year, the rule of every document); `today`: the document's date (default today).
    BulletinError for a county not among the regions' counties, or a period without figures of its own
    (has_own_figures; the sentence names the periods that have some), or a `document_no` that is not one line of
    at most 50 characters. `document_no`: this document's 文号 ("" leaves it blank); None, the published period's
    own 文号, else the setting (docs/decisions.md#document-numbers). `common`: the `common` of another bulletin
    of the same period, moment (`as_of` given), day and settings (ValueError otherwise), not worked out again."""
    check_document_no(document_no)
    conn = db.connection if as_of is None else DataAsOf(db.connection, as_of)
    config = settings.current(db)
    training_day = as_of.date() if as_of else today or dt.date.today()
    read = {name: config[name] for name in _COMMON_SETTINGS}
    with contextlib.closing(db.cursor()) as cur:  # the schedule's history judges each period (tracker.in_force)
        read["schedule_history"] = settings.version_in(cur, "schedule")
    basis = (period, as_of, training_day, tuple(sorted(read.items())))
    if common is not None and (as_of is None or common.basis != basis):  # live data may change between two calls
        raise ValueError(f"a common part made for {common.basis[:3]} given to a bulletin of {basis[:3]}")
    care_period = care_period or welfare.reported_half_year(conn, period)
    counties = queries.run(conn, "race_units", county="")["unit"].tolist()
    if county and county not in counties:
        raise BulletinError("bulletin_unknown_county", county=county, counties=join(counties, lang) or "—")
    race_periods, care_periods = rankings.available_periods(conn), welfare.stored_periods(conn)
    if not has_own_figures(period, race_periods, care_periods, official.latest(conn, period, at=as_of)):
        raise BulletinError(
            "bulletin_no_data",
            period=period,
            race=_held(race_periods, lang),
            care=_held(care_periods, lang),
        )
    publication, ranking = official.ranking_in_force(conn, period, at=as_of)
    care_publication, care_view = official.welfare_in_force(conn, care_period, at=as_of)
    has_race, has_care = period in race_periods, care_period in care_periods
    has_race = has_race or publication is not None  # published before a rollback of its scores: still ranked
    race_state = PUBLISHED if publication else LIVE if has_race else ABSENT
    care_state = PUBLISHED if care_publication else LIVE if has_care else ABSENT
    if common is None:
        window = coverage.reported(conn, training_window(period), config, training_day)
        common = Common(
            basis,
            _third_tier_runs(conn, period, as_of) if has_race else None,
            window,
            coverage.county_figures(conn, window, int(config["suppression_threshold"]), training_day),
        )
    runs = common.third_tier_runs
    classed = None
    if has_race:
        previous = periods.previous_stored(period, race_periods)
        classes = official.classes_in_force(conn, period, at=as_of)
        classed = _classed_race(conn, period, previous, classes, county, lang, as_of, runs) if classes else None
        if classed is not None:  # 分类考核: every rank, tier and move within the class, by its weights
            race_part, changes_part, class_table = classed
        else:  # the compare period's ranking only here: the classed part ranks its own
            before = official.ranking_in_force(conn, previous, at=as_of, draws=0)[1] if previous else None
            race = _Race(ranking, before, previous, lang, runs)
            race_part, changes_part = race.county(county) if county else race.prefecture(), race.changes(county)
    else:  # not a race period: no ranking of anyone, no 附表 (docs/decisions.md#bulletin-race-periods)
        race_part, changes_part = [_not_a_race_period(period, race_periods, lang)], []
    # what current data would change in the published figures (docs/decisions.md#data-changed-after-publication)
    changed = official.official_drift(conn, publication, care=False).sentence(lang) if publication else ""
    care_changed = official.drift(conn, care_publication, race=False).sentence(lang) if care_publication else ""
    parts = [
        Part(t("bulletin_h_race", lang), race_part),
        Part(t("bulletin_h_changes", lang), changes_part),
        Part(
            t("bulletin_h_training", lang),
            _training(conn, common, county, lang, config),
        ),
        Part(
            t("bulletin_h_care", lang)
            + ("" if care_period == period else t("bulletin_h_care_half", lang, half=period_words(care_period, lang))),
            _care(conn, care_view, care_publication, period, county, lang, int(config["suppression_threshold"])),
        ),
    ]
    incomplete = tracker.gaps_line(tracker.gaps(conn, "race_scores", period), lang)
    if incomplete and has_race and not ranking.ranked.empty:  # a period without race scores already says so
        parts[0].paragraphs.append(incomplete)
    scope_title = "bulletin_title_county" if county else "bulletin_title"
    words = period_words(period, lang)
    day = today or dt.date.today()
    version = data_version_text(batches.version_as_of(db, as_of), lang)
    basis = _basis(race_state, publication, care_state, care_publication, lang)
    leading = publication if race_state != ABSENT else care_publication  # the publication the document leads with
    official_lead = race_state == PUBLISHED or (race_state == ABSENT and care_state == PUBLISHED)
    return Bulletin(
        lang=lang,
        period=period,
        county=county,
        classification=_in_language(classification(), DEFAULT_CLASSIFICATION, "bulletin_classification_default", lang),
        issuer=_in_language(
            str(config["bulletin_issuer"]),
            settings.SETTINGS["bulletin_issuer"].default,
            "bulletin_issuer_default",
            lang,
        ),
        document_no=(
            document_no
            if document_no is not None
            else (
                publication.document_no
                if publication and publication.document_no
                else _in_language(
                    str(config["bulletin_document_no"]),
                    settings.SETTINGS["bulletin_document_no"].default,
                    "bulletin_document_no_default",
                    lang,
                )
            )
        ),
        title=t(scope_title, lang, period=words, county=county),
        published=publication is not None,
        basis=basis,
        warning="" if official_lead else basis,
        correction=_correction(conn, leading, race_state != ABSENT, words, lang) if leading else "",
        remarks=_remarks(
            basis if official_lead else "",
            race_state,
            care_state,
            care_publication,
            lang,
            # a pinned view's version since replaced: said, as the publication's own basis is
            [
                official.superseded_line(conn, p, lang)
                for p, state in ((publication, race_state), (care_publication, care_state))
                if state == PUBLISHED
            ],
        ),
        changed=changed,
        care_changed=care_changed,
        addressee=t("bulletin_to_county", lang, county=county) if county else t("bulletin_to_counties", lang),
        opening=t("bulletin_opening", lang, period=words),
        parts=[part for part in parts if part.paragraphs],
        table_title=t("bulletin_table_title", lang, period=words) if has_race else "",
        table=(class_table if classed is not None else _ranking_table(ranking, lang))
        if has_race
        else _ranking_table(None, lang),
        date=day,
        date_text=date_words(day, lang),
        notes=[
            # the annexed ranking of a published period is frozen: named before the data-version line, which
            # describes the live data of the rest (docs/decisions.md#bulletin-wording)
            *([_annex_basis(publication, lang)] if has_race and race_state == PUBLISHED and publication else []),
            version,
            t("brief_generated", lang, when=f"{dt.datetime.now():%Y-%m-%d %H:%M}"),
        ],
        care_period=care_period,
        ranking=race_state,
        care=care_state,
        ranking_basis=_part_basis(race_state, publication, "bulletin_no_ranking", period, lang),
        care_basis=_part_basis(care_state, care_publication, "bulletin_no_care", care_period, lang),
        common=common,
    )


def _annex_basis(publication, lang: str) -> str:
    """附件排名为第2版正式发布结果，依据发布时的数据（最新为批次 #17，2026-12-01 11:02 发布）。"""
    return t(
        "bulletin_annex_basis",
        lang,
        version=publication.version,
        latest=publication.latest_batch,
        when=f"{publication.published_at:%Y-%m-%d %H:%M}",
    )


def has_own_figures(period: str, race_periods: list[str], care_periods: list[str], publication) -> bool:
    """Whether `period` has figures of its own to report (docs/decisions.md#a-bulletin-needs-figures-of-its-period):
    race scores of it or a publication of it (`publication`: its newest version, None without one), race periods
    lying within it (the quarters of a half-year or a year), or care figures of a half-year lying within it (a
    half-year's own, a year's). A quarter's reported care half-year (welfare.reported_half_year) is an earlier
    period's: for any quarter after the data it is the newest half-year with figures, and it alone made a 通报 of
    a quarter nobody reported on."""
    if period in race_periods or publication is not None:
        return True
    if any(periods.within(p, period) for p in race_periods):
        return True
    return any(periods.form(p) == "H" and periods.within(p, period) for p in care_periods)


def _basis(race: str, publication, care: str, care_publication, lang: str) -> str:
    """The line under the title: what the ranking is (published, with its label, or a trial); for a period
    without race scores, what its care figures are instead (a trial line that spoke of "this period's ranking"
    was wrong there: there is none)."""
    if race == PUBLISHED:
        return t("bulletin_published", lang, label=publication.label(lang))
    if race == LIVE:
        return t("bulletin_trial", lang)
    if care == PUBLISHED:
        return t("bulletin_published_care_only", lang, label=care_publication.label(lang))
    return t("bulletin_trial_care_only", lang)


def _remarks(basis: str, race: str, care: str, care_publication, lang: str, superseded: list[str] = ()) -> str:
    """The 附注 (GB/T 9704: after the date, in parentheses): the published basis of what the document leads with
    (a live one is the red warning under the title instead) and, once and in words, what the care figures are
    (unless the basis already said it: a period without race scores); then `superseded`, for a pinned view, which
    of its published versions have been replaced since (official.superseded_line; '' for none). '' when there is
    nothing to say."""
    sentences = [basis] if basis else []
    if care != ABSENT and race != ABSENT:
        sentences.append(t("bulletin_note_care", lang, basis=official.basis_line(care_publication, lang)))
    sentences += [line for line in superseded if line]
    if not sentences:
        return ""
    return f"({' '.join(sentences)})" if lang == "en" else f"（{''.join(sentences)}）"


def _correction(conn, publication, race: bool, words: str, lang: str) -> str:
    """For version 2 on of a publication: `本通报为…第2版，更正原因：…；原第1版（澜组〔2026〕12号）同时作废。`, from the
    publication's reason and the 文号 of the version before it (official.versions); '' for a first version."""
    if publication.version < 2:
        return ""
    earlier = {p.version: p for p in official.versions(conn, publication.period)}.get(publication.version - 1)
    number = earlier.document_no if earlier is not None else ""
    return t(
        "bulletin_correction",
        lang,
        period=words,
        what=t("bulletin_correction_race" if race else "bulletin_correction_care", lang),
        version=publication.version,
        reason=publication.reason.strip().rstrip("。.") or "—",
        previous=publication.version - 1,
        number=t("bulletin_correction_number", lang, number=number) if number else "",
    )


def _part_basis(state: str, publication, absent_key: str, period: str, lang: str) -> str:
    """One part's standing in words: the publication's label, 实时数据（试算）, or that it has no figures."""
    if state == ABSENT:
        return t(absent_key, lang, period=period)
    return official.basis_line(publication if state == PUBLISHED else None, lang)


def _in_language(value: str, default: str, key: str, lang: str) -> str:
    """A head line from the settings as written, except the default placeholder (（发文机关）, （文号）, the default
    classification line), which follows the document's language (docs/decisions.md#head-placeholders)."""
    return t(key, lang) if value == default else value


class _Race:
    """The race sentences of one period against the previous one (`before`, None without one)."""

    def __init__(
        self,
        now: Ranking,
        before: Ranking | None,
        previous: str | None,
        lang: str,
        runs: dict[str, list[str]] | None = None,
        in_class: bool = False,
    ) -> None:
        """`runs`: county -> the race periods (oldest first, ending with this one) it has been in the third tier
        without a break, two or more (alerts.rules.third_tier, as the warning list counts them); `in_class`: the
        ranking is one peer class's (分类考核), said 本类 instead of 全市."""
        self.now, self.before, self.previous, self.lang = now, before, previous, lang
        self.in_class = in_class
        self.runs = runs or {}
        self.rows = rankings.ranking_rows(now, before)
        self.words = period_words(now.period, lang)

    def _t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def _tiers(self) -> str:
        """第一方阵 and 第三方阵 of the period: who leads, who trails."""
        ranked = self.rows[self.rows["ranked"]]
        first = ranked.index[ranked["tier"] == 1].tolist()
        third = ranked.index[ranked["tier"] == 3].tolist()
        sentences = [self._t("bulletin_first_tier", units=join(first, self.lang), n=len(first))]
        if third:
            sentences.append(self._t("bulletin_third_tier", units=join(third, self.lang), n=len(third)))
        return _sentences(sentences, self.lang)

    def prefecture(self) -> list[str]:
        ranked = self.rows[self.rows["ranked"]]
        if ranked.empty:
            return [self._t("bulletin_race_none", period=self.words)]
        leaders = ranked.index[ranked["rank"] == 1].tolist()
        score = float(ranked["composite"].iloc[0])
        key = "bulletin_race_overall" if len(leaders) == 1 else "bulletin_race_overall_tied"
        key += "_class" if self.in_class else ""
        paragraphs = [
            _sentences(
                [self._t(key, period=self.words, n=len(ranked), leader=join(leaders, self.lang), score=score)],
                self.lang,
            ),
            self._tiers(),
        ]
        unranked = self.rows.index[~self.rows["ranked"].astype(bool)].tolist()
        if unranked:
            paragraphs.append(self._t("bulletin_unranked", units=join(unranked, self.lang), n=len(unranked)))
        return paragraphs

    def county(self, county: str) -> list[str]:
        if county not in self.rows.index:
            return [self._t("bulletin_county_absent", county=county, period=self.words)]
        row = self.rows.loc[county]
        if not row["ranked"]:
            own = self._t("bulletin_county_unranked", county=county, period=self.words, missing=int(row["missing"]))
        else:
            own = self._t(
                "bulletin_county_rank_class" if self.in_class else "bulletin_county_rank",
                county=county,
                period=self.words,
                n=int(self.rows["ranked"].sum()),
                rank=int(row["rank"]),
                interval=(  # no interval of one value: （排名区间10） says nothing
                    self._t("bulletin_interval", interval=row["interval"])
                    if row["rank_low"] != row["rank_high"]
                    else ""
                ),
                score=float(row["composite"]),
                tier=tier_label(row["tier"], self.lang),
            )
        context = self._tiers() if self.rows["ranked"].any() else ""
        context_key = "bulletin_context_class" if self.in_class else "bulletin_context"
        return [own, *([self._t(context_key, text=context)] if context else [])]

    def _reasons(self, unit: str, up: bool) -> str:
        """`，主要得益于招商引资额（+0.52）、…`: the indicators whose contributions moved the unit's composite most in the
        direction it moved (attribute_change); when none did, the others' scores moved it."""
        parts = scoring.attribute_change(self.now, self.before, unit)
        parts = parts[parts["contribution"] > 0] if up else parts[parts["contribution"] < 0]
        parts = parts.sort_values("contribution", ascending=not up, kind="stable").head(REASONS)
        if parts.empty:
            return self._t("bulletin_reasons_others")
        items = [
            self._t("bulletin_reason_item", name=name, value=value)
            for name, value in zip(parts["name"], parts["contribution"], strict=True)
        ]
        return self._t("bulletin_reasons_up" if up else "bulletin_reasons_down", items=join(items, self.lang))

    def _move(self, unit: str, places: int) -> str:
        before, now = int(self.rows.at[unit, "compare_rank"]), int(self.rows.at[unit, "rank"])
        key = "bulletin_climber" if places > 0 else "bulletin_slider"
        return self._t(key, unit=unit, before=before, now=now, k=abs(places), reasons=self._reasons(unit, places > 0))

    def _run(self, county: str) -> str:
        """`棠梨县连续15期（自2023年第一季度起）`: the county's third-tier run as the warning list counts it."""
        streak = self.runs[county]
        return self._t("bulletin_third_run", county=county, n=len(streak), first=period_words(streak[0], self.lang))

    def changes(self, county: str = "") -> list[str]:
        """Climbers and sliders (the biggest moves, with their reasons), no sentence for a direction nobody moved
        in; the counties in the third tier two periods running; for a county bulletin, its own move. When the two
        periods rank different counties, no moves at all but the sentence saying why
        (docs/decisions.md#rank-moves-compare-the-same-units); the third tier two periods running still stands."""
        if self.now.ranked.empty:
            return []  # the race part already says there are no race scores
        if self.before is None or self.before.ranked.empty:
            return [self._t("bulletin_no_previous", period=self.words)]
        previous = period_words(self.previous, self.lang)
        changes = self.rows["rank_change"].dropna()
        running = [unit for unit in self.rows.index if unit in self.runs]  # rank order
        withheld = ranking_tables.moves_withheld_text(
            self.now, self.before, "county", self.lang, period=self.words, previous=previous
        )
        if withheld:  # different counties ranked: no climbers or sliders (rankings.field_change)
            paragraphs = [withheld]
            if county and county in self.runs:
                paragraphs.append(self._t("bulletin_county_third_running", run=self._run(county)))
            elif not county and running:
                items = [self._run(unit) for unit in running]
                paragraphs.append(self._t("bulletin_third_running", runs=join(items, self.lang), n=len(running)))
            return paragraphs
        if county:
            if county not in changes.index:
                return [self._t("bulletin_county_not_compared", county=county, previous=previous)]
            places = int(changes[county])
            if places:
                own = self._t("bulletin_against", previous=previous) + self._move(county, places)
            else:
                own = self._t(
                    "bulletin_county_same", county=county, previous=previous, rank=int(self.rows.at[county, "rank"])
                )
            paragraphs = [own]
            if places:  # right after the sentence whose brackets it explains
                paragraphs.append(self._t("bulletin_reasons_note"))
            if county in self.runs:
                paragraphs.append(self._t("bulletin_county_third_running", run=self._run(county)))
            return paragraphs
        ups, downs = ranking_tables.biggest_movers(self.now, self.before, CLIMBERS)
        paragraphs = []
        if ups:
            lead = self._t("bulletin_climbers", previous=previous, n=int((changes > 0).sum()))
            paragraphs.append(_sentences([lead, *(self._move(u, k) for u, k in ups)], self.lang))
        if downs:
            lead = self._t("bulletin_sliders", previous=previous, n=int((changes < 0).sum()))
            paragraphs.append(_sentences([lead, *(self._move(u, k) for u, k in downs)], self.lang))
        if ups or downs:  # right after the climbers and sliders whose brackets it explains
            paragraphs.append(self._t("bulletin_reasons_note"))
        else:
            paragraphs.append(self._t("bulletin_no_moves", previous=previous))
        if running:
            items = [self._run(unit) for unit in running]
            paragraphs.append(self._t("bulletin_third_running", runs=join(items, self.lang), n=len(running)))
        return paragraphs


def _not_a_race_period(period: str, race_periods: list[str], lang: str) -> str:
    """The one race sentence of a period that is not a race period (a half-year or a year when the race is
    quarterly): the race periods within it, whose own bulletins rank them, or that there are none."""
    within = [p for p in race_periods if periods.within(p, period)]
    if not within:
        return t("bulletin_race_none", lang, period=period_words(period, lang))
    names = join([period_words(p, lang) for p in within], lang)
    return t("bulletin_race_not_ranked", lang, period=period_words(period, lang), periods=names)


def _sentences(sentences: list[str], lang: str) -> str:
    return (" " if lang == "en" else "").join(s for s in sentences if s)


def window_words(window: coverage.Window, lang: str) -> str:
    """2026年1—9月 / 2026-01 to 2026-09; a whole year 2026年 / 2026; one month 2026年1月 / 2026-01."""
    year, first, last = window.start.year, window.start.month, window.end.month
    if window.months == 12:
        return t("bulletin_window_year", lang, year=year)
    if first == last:
        return t("bulletin_window_month", lang, year=year, month=first)
    return t("bulletin_window_months", lang, year=year, first=first, last=last)


def absent_training(
    conn,
    window: coverage.Window,
    config: dict,
    lang: str,
    *,
    until: dt.date,
    county: str = "",
    quote=str,
    sentence: str = "training_absent_line",
    receipts: tracker.Receipts | None = None,
) -> str:
    """What a window's training figures leave out and why, for `window` as coverage.reported made it (with `until`
    its `today`), so that a page, the briefing and the 通报 never show an unsent quarter as a measured zero; ''
    when nothing is left out:
    - `1 个县区培训数据未报齐：棠梨县（2026年第三季度未报）。本区间的各项数字不含上述县区…`: the counties (one, with
      `county`) left out (window.without), each with its periods not in (tracker.window_gaps, and the running
      period for a window that is that period alone);
    - the periods no county has sent;
    - the running period the window stops before, with how many counties have sent it.
    `quote` makes names inert where the line goes; `sentence` the i18n key of the county line ({n}, {counties}):
    a cadre's page, which keeps his records, says his hours may read low instead. `receipts`: what was read of
    this data version before (tracker.Receipts)."""
    gaps = tracker.window_gaps(conn, "training", window.start, min(window.data_end, until), config, receipts, until)
    owed = {gap.county: list(gap.periods) for gap in gaps.left_out}
    if window.pending and not window.cut:  # the window is the running period: its late counties are left out
        for name in window.without:
            owed.setdefault(name, []).append(window.pending[0])
    left_out = [(name, owed_periods) for name, owed_periods in owed.items() if not county or name == county]
    lines = []
    if left_out:
        lines.append(t(sentence, lang, n=len(left_out), counties=_unsent_items(left_out, lang, quote)))
    if gaps.by_none:
        periods_words = join([period_words(p, lang) for p in gaps.by_none], lang)
        lines.append(t("training_unsent_by_all", lang, periods=periods_words))
    if window.pending and window.cut:
        period, sent, of = window.pending
        lines.append(
            t(
                "training_running_cut",
                lang,
                period=period_words(period, lang),
                sent=sent,
                of=of,
                last=period_words(f"{window.data_end:%Y-%m}", lang),
            )
        )
    return " ".join(lines) if lang == "en" else "".join(lines)


def promotions_absent(
    conn, year: int, config: dict, lang: str, *, until: dt.date, quote=str, receipts: tracker.Receipts | None = None
) -> str:
    """`提任前培训按已报送的记录计算。1 个县区培训数据未报齐：棠梨县（2026年第三季度未报），…`: the counties lacking a training file
    another county has sent for a period from January of the year before `year` to the end of the year after it
    (or `until`): the years in which the promotions of `year` are judged (targets.promoted), where an unsent
    quarter would read as hours not trained; '' when none. A period no county has sent is the records' start,
    which the page says apart (targets.reaching_before_records)."""
    start, end = dt.date(year - 1, 1, 1), min(dt.date(year + 1, 12, 31), until)
    gaps = tracker.window_gaps(conn, "training", start, end, config, receipts)
    owed = {gap.county: list(gap.periods) for gap in gaps.left_out}
    running = tracker.partly_sent_running(conn, "training", start, end, until, config, receipts)
    if running is not None:  # the quarter running now, sent by some: the others' catch-up may read low too
        for name in running.late:
            owed.setdefault(name, []).append(running.period)
    if not owed:
        return ""
    counties = _unsent_items(list(owed.items()), lang, quote)
    return t("training_promotions_absent", lang, n=len(owed), counties=counties)


def _unsent_items(unsent: list[tuple[str, list[str] | tuple[str, ...]]], lang: str, quote) -> str:
    """`棠梨县（2026年第三季度未报）、…`: each county with the periods it has not sent."""
    return join(
        [
            t(
                "bulletin_training_absent_county",
                lang,
                county=quote(name),
                periods=join([period_words(p, lang) for p in owed], lang),
            )
            for name, owed in unsent
        ],
        lang,
    )


def _third_tier_runs(conn, period: str, as_of: dt.datetime | None) -> dict[str, list[str]]:
    """county -> the periods of its third-tier run (the warning list's: alerts.rules.third_tier, two running)."""
    return {alert.county: alert.data["periods"] for alert in rules.third_tier(conn, period, 2, moment=as_of)}


def _training(conn, common: Common, county: str, lang: str, config: dict) -> list[str]:
    """Coverage and hours from January to the period's end against the year's targets, and the widest gaps;
    counties the training page hides are hidden here too (coverage.county_figures); the counties whose training
    files of the window are not all in are left out of the figures and named after them, as the race part names
    the counties whose scores are not in (absent_training)."""
    paragraphs = _training_figures(common.window, common.training, county, lang, config)
    absent = absent_training(conn, common.window, config, lang, until=common.basis[2], county=county)
    if absent:
        paragraphs.append(absent)
    return paragraphs


def _training_figures(
    window: coverage.Window, figures: coverage.CountyFigures | None, county: str, lang: str, config: dict
) -> list[str]:
    """The `figures` of `window` as coverage.reported made it (the counties that sent it): coverage.county_figures,
    what each cadre owes by the period's end against his own target by rank
    (docs/decisions.md#training-targets-by-rank)."""
    words = window_words(window, lang)
    if figures is not None and figures.whole is None:  # the prefecture's own figures withheld (small numbers)
        return [t("bulletin_training_all_withheld", lang, window=words)]
    if figures is None or not figures.whole["trained"] > 0:
        return [t("bulletin_training_none", lang, window=words)]
    whole = figures.whole
    gaps = figures.category_gaps[figures.category_gaps["gap_pp"] < -GAP_MARGIN_PP]
    domains = figures.domain_gaps[figures.domain_gaps["gap_pp"] < -GAP_MARGIN_PP]
    if county in window.without:
        return [t("brief_training_county_not_in", lang, county=county, window=words)]
    if county:
        mine, hidden = figures.county(county)
        if mine is None:
            return [t("bulletin_training_county_none", lang, window=words, county=county)]
        if hidden:
            return [t("bulletin_training_county_withheld", lang, county=county)]
        paragraphs = [
            t(
                "bulletin_targets_county",
                lang,
                window=words,
                county=county,
                coverage=mine["coverage"],
                hours=mine["hours_per_cadre"],
                on_pace=mine["share_on_pace"],
                prefecture=whole["coverage"],
                prefecture_hours=whole["hours_per_cadre"],
                prefecture_on_pace=whole["share_on_pace"],
            )
        ]
        items = [_category_gap(row, lang) for _, row in gaps[gaps["county"] == county].iterrows()]
        items += [_domain_gap(row, lang) for _, row in domains[domains["county"] == county].iterrows()]
        if items:
            paragraphs.append(t("bulletin_training_county_gaps", lang, items=_items(items, lang)))
        return paragraphs
    paragraphs = [
        t(
            "bulletin_targets_overall",
            lang,
            window=words,
            coverage=whole["coverage"],
            target=config["coverage_target"] / 100,
            hours=whole["hours_per_cadre"],
            on_pace=whole["share_on_pace"],
            short=whole["hours_short"],
        )
    ]
    shown = figures.by_county[figures.hidden == ""]
    behind = shown[shown["share_on_pace"] < whole["share_on_pace"]].sort_values("share_on_pace", kind="stable")
    if len(behind):
        items = [
            t("bulletin_targets_item", lang, county=c, share=v)
            for c, v in zip(behind["county"].head(BEHIND), behind["share_on_pace"].head(BEHIND), strict=True)
        ]
        paragraphs.append(t("bulletin_targets_behind", lang, n=len(behind), items=join(items, lang)))
    if len(gaps):
        items = [_category_gap(row, lang) for _, row in gaps.head(GAPS).iterrows()]
        paragraphs.append(t("bulletin_training_gaps", lang, items=_items(items, lang)))
    withheld = figures.by_county.loc[figures.hidden != "", "county"].tolist()
    if withheld:
        paragraphs.append(t("bulletin_training_withheld", lang, units=join(withheld, lang), n=len(withheld)))
    return paragraphs


def _category_gap(row: pd.Series, lang: str) -> str:
    return t(
        "bulletin_gap_category",
        lang,
        county=row["county"],
        category=coverage_tables.category_label(row["category"], lang),
        coverage=row["coverage"],
        gap=-row["gap_pp"],
    )


def _domain_gap(row: pd.Series, lang: str) -> str:
    return t(
        "bulletin_gap_domain",
        lang,
        county=row["county"],
        domain=row["domain"],
        reach=row["reach"],
        gap=-row["gap_pp"],
    )


def _items(items: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "；").join(items)


def _care(conn, view: welfare.PeriodView, publication, period: str, county: str, lang: str, small: int) -> list[str]:
    """The care indicators below target in the half-year `view` holds: the prefecture's summary sentences, or the
    county's own indicators with the prefecture's overall line (its basis is said once, in the 附注). A count
    of people from 1 to small − 1 reads `<5`, as in the warning list (docs/decisions.md#small-numbers-in-warnings)."""
    half = view.period
    words = period_words(half, lang)
    table = view.table
    if table.empty or not table["value"].notna().any():
        return [t("bulletin_care_none", lang, half=words)]
    paragraphs = [] if half == period else [t("bulletin_care_half", lang, half=words)]
    owing = len(queries.run(conn, "race_units", county=""))
    overall = welfare.summary_sentences(
        table, capital(words) if lang == "en" else words, lang, small=small, counties=owing
    )
    if lang == "zh":  # the pages' `2026-H1 共…` spacing; a document's sentence runs on: 2026年上半年共…
        overall = [s.replace(f"{words} ", words, 1) if s.startswith(words) else s for s in overall]
    if county:
        own = table[table["county"] == county]
        if own.empty or not own["value"].notna().any():
            paragraphs.append(t("bulletin_care_county_none", lang, county=county, half=words))
        else:
            met, judged, _ = welfare.county_counts(table, county)
            below = own[own["status"] == "below"]
            items = [
                t(
                    "bulletin_care_item",
                    lang,
                    name=name,
                    value=welfare.value_text(value, unit or "", lang, small),
                    target=welfare.value_text(target, unit or "", lang),
                )
                for name, value, target, unit in zip(
                    below["name"], below["value"], below["target"], below["unit"], strict=True
                )
            ]
            key = "bulletin_care_county_below" if items else "bulletin_care_county_met"
            paragraphs.append(
                t(key, lang, county=county, half=words, met=met, total=judged, n=len(items), items=join(items, lang))
            )
        paragraphs.append(t("bulletin_context", lang, text=overall[0]))
    else:
        paragraphs.extend(overall)
    incomplete = tracker.gaps_line(tracker.gaps(conn, "welfare", half), lang)
    if incomplete:
        paragraphs.append(incomplete)
    return paragraphs


def _classed_race(
    conn, period: str, previous: str | None, classes: list[str], county: str, lang: str, as_of, runs: dict
) -> tuple[list[str], list[str], pd.DataFrame] | None:
    """The race part, the changes part and the table where counties have peer classes (分类考核): each class's
    ranking as in force (its published version where published, else live), its tiers and moves within it, the
    class named before each; a county's 通报 its own class only. None for a county in no class (the counties'
    ranking then serves)."""
    race_part = [t("bulletin_classes_note", lang, classes=join(classes, lang))]
    changes_part, tables = [], []
    for peer_class in classes:
        group = rankings.PeerGroup(peer_class=peer_class)
        now = official.ranking_in_force(conn, period, at=as_of, group=group)[1]
        before = official.ranking_in_force(conn, previous, at=as_of, group=group, draws=0)[1] if previous else None
        if county and county not in now.table.index:
            continue
        own_runs = {unit: run for unit, run in runs.items() if unit in now.table.index}
        race = _Race(now, before, previous, lang, own_runs, in_class=True)
        heading = t("bulletin_class_heading", lang, peer_class=peer_class, n=len(now.table))
        race_part += [heading, *(race.county(county) if county else race.prefecture())]
        changes_part += [heading, *race.changes(county)]
        table = _ranking_table(now, lang)
        table.insert(3, t("col_peer_class", lang), peer_class)
        tables.append(table)
    if not tables:
        return None
    return race_part, changes_part, pd.concat(tables, ignore_index=True)


def _ranking_table(ranking: Ranking | None, lang: str) -> pd.DataFrame:
    """Rank, interval, county, composite (3 decimals) and tier as text; an unranked county says why in the tier
    column (数据不全（缺 N 项）). No rows without a ranking (None: the period has no race scores; every county
    listed as 数据不全 would say what is not so)."""
    columns = [
        t(key, lang) for key in ("col_rank", "col_rank_interval", "col_unit_county", "col_composite", "col_tier")
    ]
    if ranking is None or ranking.table.empty:
        return pd.DataFrame(columns=columns)
    full = ranking_tables.ranking_table(ranking, None, "county", lang)
    flags = full[t("col_flags", lang)]
    out = full[columns].copy()
    rank, interval, _, composite, tier = columns
    out[rank] = ["—" if pd.isna(v) else str(int(v)) for v in full[rank]]
    out[interval] = [v or "—" for v in full[interval]]
    out[composite] = ["—" if pd.isna(v) else f"{v:.3f}" for v in full[composite]]
    out[tier] = [  # a missing tier is None or NaN (truthy): never printed as "nan"
        label if isinstance(label, str) and label else flag or "—"
        for label, flag in zip(full[tier], flags, strict=True)
    ]
    return out.reset_index(drop=True)


# ---- the Word document (GB/T 9704-2012)

A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TITLE_FONT, BODY_FONT, HEADING_FONT, SEAL_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters, as official documents set them
TITLE_SIZE, BODY_SIZE, TABLE_SIZE, NOTE_SIZE, PAGE_NUMBER_SIZE = Pt(22), Pt(16), Pt(12), Pt(10.5), Pt(14)
LINE_SPACING = Pt(28.95)  # 22 lines on the 225 mm text block
INDENT = Pt(32)  # two characters of 三号
RED = RGBColor(*palette.rgb(palette.DOCUMENT_RED))  # the head's red (GB/T 9704), not a data colour
# The font table: each font named in the document with the one Word and WPS substitute when it is missing
# (w:altName), and the character set (86 = GB2312) and family that steer a substitute of the same kind.
FONT_FALLBACKS = {
    TITLE_FONT: ("宋体", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    HEADING_FONT: ("Noto Sans CJK SC", "swiss"),
    "仿宋": ("Noto Serif CJK SC", "modern"),
    SEAL_FONT: ("Noto Serif CJK SC", "roman"),
}


# What may follow w:pBdr in a w:pPr (ECMA-376 CT_PPrBase, then CT_PPr's own children).
PPR_AFTER_BORDERS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct"),
    *("w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind"),
    *("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)


def to_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a .docx: A4 with the margins of GB/T 9704-2012 (top 37, bottom 35, left 28, right 26 mm);
    the classification line top left (黑体 三号); the issuing body in red and the 文号, a red rule; the title in 二号
    方正小标宋简体 centred; a 试算 warning in red bold under it when the figures are live; the body in 三号 仿宋_GB2312 with 黑体 headings;
    the issuing body and date, the 附注 (what the figures are); the ranking table; page numbers in the footer (a PAGE field)."""
    document = Document()
    _page(document)
    _normal_style(document)
    _declare_fonts(document)
    lang = bulletin.lang
    _line(document, bulletin.classification, HEADING_FONT, BODY_SIZE)
    _line(document, bulletin.issuer, TITLE_FONT, Pt(26), align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, before=Pt(12))
    rule = _line(document, bulletin.document_no, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(rule)
    _line(document, bulletin.title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(28))
    if bulletin.warning:  # live figures: a trial, seen first (docs/decisions.md#bulletin-wording)
        _line(document, bulletin.warning, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, color=RED)
    _line(document, bulletin.addressee, BODY_FONT, BODY_SIZE, before=Pt(14))
    _line(document, bulletin.opening, BODY_FONT, BODY_SIZE, indent=True)
    if bulletin.correction:
        _line(document, bulletin.correction, BODY_FONT, BODY_SIZE, indent=True)
    for i, part in enumerate(bulletin.parts):
        _line(
            document,
            t("bulletin_heading", lang, number=_number(i, lang), title=part.heading),
            HEADING_FONT,
            BODY_SIZE,
            indent=True,
        )
        for paragraph in part.paragraphs:
            _line(document, paragraph, BODY_FONT, BODY_SIZE, indent=True)
    if bulletin.attachment_note:  # GB/T 9704 7.3.6: a blank line under the body, then 附件：<name>, two characters in
        _line(document, bulletin.attachment_note, BODY_FONT, BODY_SIZE, indent=True, before=LINE_SPACING)
    _line(document, bulletin.issuer, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, before=Pt(28), right=INDENT)
    _line(document, bulletin.date_text, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, right=INDENT)
    if bulletin.remarks:  # 附注: the line after the date, indented two characters, in parentheses (GB/T 9704)
        _line(document, bulletin.remarks, BODY_FONT, BODY_SIZE, indent=True)
    if len(bulletin.table):
        # GB/T 9704 8: the annex starts a page, 附件 in 黑体 at its top left, then its title centred
        label = _line(document, t("bulletin_attachment_label", lang), HEADING_FONT, BODY_SIZE)
        label.paragraph_format.page_break_before = True
        _line(document, bulletin.table_title, TITLE_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(12))
        _table(document, bulletin.table, bulletin.county)
    for note in bulletin.notes:
        _line(document, note, BODY_FONT, NOTE_SIZE, spacing=None)
    _page_numbers(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = bulletin.title, bulletin.issuer, bulletin.issuer
    properties.subject, properties.comments = bulletin.period, bulletin.basis
    properties.language = "zh-CN" if lang == "zh" else "en"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _number(i: int, lang: str) -> str:
    return CHINESE_NUMBERS[i] if lang == "zh" else str(i + 1)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]


def _fonts(r_pr, east_asian: str) -> None:
    """The run's fonts: the Chinese font on the East Asian slot (what Word and WPS use for CJK characters), the
    Latin font for digits and letters, and the language, so that WPS does not guess the script."""
    fonts = r_pr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


def _normal_style(document) -> None:
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)


def _declare_fonts(document) -> None:
    """Add the fonts with their fallbacks to word/fontTable.xml (python-docx has no API for the font table)."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for name, (alternative, family) in FONT_FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("w:altName", alternative),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", "variable"),
        ):
            child = etree.SubElement(font, qn(tag))
            child.set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # a plain Part


def _line(
    document,
    text: str,
    font: str,
    size,
    *,
    align=None,
    indent: bool = False,
    bold: bool = False,
    color: RGBColor | None = None,
    before=None,
    right=None,
    spacing=LINE_SPACING,
):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = INDENT
    if before is not None:
        fmt.space_before = before
    if right is not None:
        fmt.right_indent = right
    if spacing is not None and size <= BODY_SIZE:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = spacing
    _run(paragraph, text, font, size, bold=bold, color=color)
    return paragraph


# A minus sign before a number (-0.28, -3): Word and WPS may break a line after a plain hyphen, leaving the sign at a
# line's end and the figure on the next; a non-breaking hyphen keeps them together and reads back as "-".
_MINUS = re.compile(r"(?<![0-9A-Za-z.])-(?=\d)")


def _run(paragraph, text: str, font: str, size, *, bold: bool = False, color: RGBColor | None = None):
    run = paragraph.add_run()
    for i, piece in enumerate(_MINUS.split(text)):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            run._r.add_t(piece)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _fonts(run._element.get_or_add_rPr(), font)
    return run


def _red_rule(paragraph) -> None:
    """The red line under the 文号 that separates an official document's head from its body."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "12"),
        ("w:space", "6"),
        ("w:color", palette.DOCUMENT_RED[1:].upper()),
    ):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDERS)  # schema order, or Word refuses


def _table(document, frame: pd.DataFrame, county: str) -> None:
    """The ranking as a grid, the header repeated on every page; a county bulletin's own row in bold."""
    table = document.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        _cell(cell, str(name), HEADING_FONT)
    for values in frame.itertuples(index=False):
        own = bool(county) and county in values
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _cell(cell, str(value), BODY_FONT, bold=own)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again on every page the table runs over
    header.append(repeat)


def _cell(cell, text: str, font: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, font, TABLE_SIZE, bold=bold)


def _page_numbers(document) -> None:
    """`— 1 —` centred in the footer: a PAGE field Word and WPS fill in (GB/T 9704: 4号 半角宋体 digits)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", SEAL_FONT, PAGE_NUMBER_SIZE)
    begin = _run(paragraph, "", SEAL_FONT, PAGE_NUMBER_SIZE)
    _field_char(begin, "begin")
    instruction = _run(paragraph, "", SEAL_FONT, PAGE_NUMBER_SIZE)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    instruction._element.append(code)
    separate = _run(paragraph, "", SEAL_FONT, PAGE_NUMBER_SIZE)
    _field_char(separate, "separate")
    _run(paragraph, "1", SEAL_FONT, PAGE_NUMBER_SIZE)
    end = _run(paragraph, "", SEAL_FONT, PAGE_NUMBER_SIZE)
    _field_char(end, "end")
    _run(paragraph, " —", SEAL_FONT, PAGE_NUMBER_SIZE)


def _field_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._element.append(char)

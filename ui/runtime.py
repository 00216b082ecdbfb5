"""The one database connection of this app process, and query results cached on the data version.

Every rerun reads the data version (one tiny query); an import or rollback changes it, so every open session
sees new data on its next rerun without clearing any cache by hand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

import pandas as pd
import pyarrow as pa
import streamlit as st

from incentive import overview
from incentive.accounts.roles import Scope
from incentive.alerts import listing
from incentive.care import appraisals, movements, welfare
from incentive.config import database_location
from incentive.cycle import tracker
from incentive.demo.sample import load_sample
from incentive.disclosure import Pattern
from incentive.i18n import t
from incentive.intake import checks
from incentive.intake.preview import Preview
from incentive.publication import official
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.race.scoring import DRAWS, TIER_SHARES, Ranking
from incentive.review import submissions
from incentive.safe_text import markdown
from incentive.sharing import bulletin
from incentive.store import batches, queries, settings
from incentive.store.batches import VersionInfo
from incentive.store.database import DataAsOf, Database
from incentive.store.effects import ImportEffects
from incentive.training import coverage, named_lists, targets
from ui import warm_up
from ui.shared_results import shared_result


@st.cache_resource(show_spinner=False)
def database() -> Database:
    # On DuckLake the pages read a local copy of the lake's newest snapshot (store/lake_copy.py): the server reads
    # the same data many times, and each read of the lake itself first asks its catalog server for its files.
    db = Database(database_location(), lake_copy=True)
    if db.created:
        # The embedded default: a fresh database starts with the fictional sample prefecture.
        with st.spinner(t("sample_loading", st.session_state.get("lang") or "zh")):  # the switch is drawn first
            load_sample(db)
    return db


_RUN_VERSION = "runtime_data_version"
_RUN_SETTINGS = "runtime_settings"
_RUN_SCHEDULE = "runtime_schedule_version"
_RUN_PUBLICATIONS = "runtime_publications"
_RUN_TARGETS = "runtime_training_targets"


_seen = {"key": None}  # what the newest run of this process found: data version, settings, training targets
_seen_lock = threading.Lock()


def start_run() -> VersionInfo:
    """Read the data version, the settings and the publications' state once at the top of a script run; every
    query of the run is cached under them. (A run that changes settings or publishes reruns the script, so the run
    never goes on with what it read before its own change.) Data, settings or training targets this process has
    not seen yet (an import, a rollback, a settings change, here or from the command line) ask for a warm-up of
    the pages (ui/warm_up.py).

    All four through one cursor of what the queries read: on DuckLake the local copy of the lake when it holds the
    newest snapshot (one statement to the catalog, store/lake_copy.py), else the lake itself, where each read
    asked the catalog again (four reads of the lake on every run of every session). Read from the copy only when
    it was the newest, and copies only move forward, so a run's version is never older than the data its queries
    read next."""
    with contextlib.closing(database().connection.cursor()) as cur:
        info, in_force, publications, targets_version, schedule_version = run_state_in(cur)
    st.session_state[_RUN_VERSION] = info.version
    st.session_state[_RUN_SETTINGS] = in_force
    st.session_state[_RUN_SCHEDULE] = schedule_version
    st.session_state[_RUN_PUBLICATIONS] = publications
    st.session_state[_RUN_TARGETS] = targets_version
    key = (info.version, tuple(sorted(in_force.items())), st.session_state[_RUN_TARGETS], schedule_version)
    with _seen_lock:
        changed, _seen["key"] = _seen["key"] not in (None, key), key
    if changed:
        warm_up.request()
    return info


def run_state_in(cur) -> tuple[VersionInfo, dict, str, str, str]:
    """What start_run reads, as `cur` sees it: the data version, the settings in force, the publications' state,
    the training targets' version and the version of the schedule's history (settings.version_in)."""
    return (
        batches.version_in(cur),
        settings.read(cur),
        official.state_key_in(cur),
        targets.version_in(cur),
        settings.version_in(cur, "schedule"),
    )


PINNED = "pinned_at"


def pinned_at() -> dt.datetime | None:
    """The moment a pinned link shows the data of (None: current data)."""
    return st.session_state.get(PINNED)


def today() -> dt.date:
    """The day the view is of: a pinned link's day, else today (whether a training window still runs on it)."""
    moment = pinned_at()
    return moment.date() if moment is not None else dt.date.today()


def data_version() -> str:
    """The cache key of query results: the data version, or the pinned moment (its data never change)."""
    moment = pinned_at()
    if moment is not None:
        return f"as-of:{moment.isoformat()}"
    return live_version()


def live_version() -> str:
    """The version of the current data, pinned link or not: the key of what reads the current data whatever the
    view shows (the progress page, which a pinned link does not pin)."""
    return st.session_state.get(_RUN_VERSION) or batches.data_version(database())


def settings_key() -> tuple:
    """The settings in force (app_settings) as a cache key. A cached function whose result depends on a setting
    takes them through this argument and reads them from it, never from app_settings() in its body: a change of
    settings writes no batch, so a key of the data version alone kept the figures of the settings before
    (tests/test_runtime.py checks every cached function of this module for it).

    With the values, the version of the schedule's history (settings.version_in): each period is judged by the
    schedule in force for it (tracker.in_force), so a schedule changed and changed back, the same values now,
    judges the periods over in between by the version then in force. `_settings` gives the values back."""
    version = st.session_state.get(_RUN_SCHEDULE)
    if version is None:
        with contextlib.closing(database().cursor()) as cur:
            version = settings.version_in(cur, "schedule")
    return tuple(sorted(app_settings().items())), version


def _settings(key: tuple) -> dict:
    """The settings' values of a settings_key, as the library takes them."""
    return dict(key[0])


def _reader(moment: dt.datetime | None):
    return database().connection if moment is None else DataAsOf(database().connection, moment)


@shared_result(max_entries=512)
def _cached_query(name: str, version: str, params: tuple, moment: dt.datetime | None) -> pd.DataFrame:
    return queries.run(_reader(moment), name, **dict(params))


def run_query(name: str, **params: object) -> pd.DataFrame:
    """queries/<name>.sql with bound $params, cached until the data changes. Not for queries of named cadres,
    which take a scope (queries.run refuses them here): pages ask the library functions that take one."""
    return _cached_query(name, data_version(), tuple(sorted(params.items())), pinned_at())


def untrained_names(scope: Scope, window: coverage.Window, county: str, pattern: Pattern) -> pd.DataFrame:
    """One county's untrained cadres, by name, within `scope` (named_lists.untrained: OutOfScope, NamesWithheld).
    Not cached: a cache keyed without the scope could hand one user's list to another."""
    return named_lists.untrained(_reader(pinned_at()), scope, window, county, pattern)


@st.cache_data(show_spinner=False, max_entries=32)
def preview_upload(
    file_name: str,
    data: bytes,
    kind: str | None,
    period: str,
    as_of: str,
    skip_invalid: bool,
    version: str,
    county: str | None,
) -> tuple[Preview, ImportEffects | None]:
    """Parse an uploaded file against the current catalog and regions, and what importing it would change: for
    the prefecture (`county` None), or as a submission of that county, with the county's rules
    (incentive.review.submissions.check, which accepting a submission calls again).

    `version` is part of the cache key (`check_version()`): after any import or change of settings the same file
    is checked again.
    """
    options = submissions.Options(kind or "", period or "", as_of or "", skip_invalid)
    return submissions.check(database(), file_name, data, options, county)


def _bare(window: coverage.Window) -> coverage.Window:
    """The window as a cache key: its months, the counties left out and its last day of records; the label only
    names it."""
    return coverage.Window(window.start, window.end, "", window.without, records_end=window.records_end)


@st.cache_resource(show_spinner=False, max_entries=6)
def _window_cadres(version: str, window: coverage.Window, moment: dt.datetime | None) -> pa.Table:
    # A resource, not data: the 200,000-row table is shared read-only (Arrow is immutable), never copied per call.
    return coverage.cadres_in(_reader(moment), window)


@shared_result(max_entries=256)
def _cached_window_query(
    name: str, version: str, window: coverage.Window, params: tuple, moment: dt.datetime | None
) -> pd.DataFrame:
    return coverage.window_query(_reader(moment), name, window, _window_cadres(version, window, moment), **dict(params))


@st.cache_resource(show_spinner=False, max_entries=4)
def _receipts(version: str, moment: dt.datetime | None) -> tracker.Receipts:
    # A resource: one per data version, shared by every session and every question about unsent files (the
    # windows of a page ask of the same years); a new version is a new key, so it never outlives its data.
    return tracker.Receipts(_reader(moment))


@shared_result(max_entries=64)
def _cached_reported(
    version: str, config: tuple, start: dt.date, end: dt.date, label: str, day: dt.date, moment: dt.datetime | None
) -> coverage.Window:
    window = coverage.Window(start, end, label)
    return coverage.reported(_reader(moment), window, _settings(config), day, _receipts(version, moment))


def reported_window(window: coverage.Window) -> coverage.Window:
    """`window` without the counties whose training files for it are not all in (coverage.reported): what every
    page measures, so that an unsent quarter is never a measured zero."""
    return _cached_reported(
        data_version(), settings_key(), window.start, window.end, window.label, today(), pinned_at()
    )


def training_version() -> str:
    """The cache key of training figures: the data version and the training targets in force (each cadre's
    target is a column of the window's cadres, incentive/training/targets.py), the targets' as read at the top of
    the run (start_run: a run read them once for every window it showed)."""
    return f"{data_version()}|{st.session_state.get(_RUN_TARGETS) or targets.version(database())}"


def figures_key() -> tuple:
    """Everything the figures of a view are read from, as one key: the data shown and the training targets
    (training_version: a pinned link's moment, else the data version), the settings, the publications and the
    counties' submissions. What a document made for a view is kept under (ui/sharing.py): equal keys, equal
    figures."""
    submitted = tracker.submissions_key(database().connection)
    return (training_version(), settings_key(), publication_key(), submitted)


def training_targets() -> dict[str, targets.Target]:
    """The training targets by rank group in force (targets.in_force), read fresh every run; a pinned link's
    those in force at its moment, as its figures are measured against them (schema 016)."""
    return targets.in_force(_reader(pinned_at()))


@shared_result(max_entries=16)
def _cached_promotions(version: str, period: str, threshold: int, moment: dt.datetime | None):
    return targets.promotion_counts(_reader(moment), period, threshold)


def promotions_in(period: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """提任前 training: the promotions of `period` by county, trained to target in the year before, and which
    counties a viewer sees as `<5` or withheld (targets.promotion_counts), once per data version and targets, and
    ranking (能上能下's pattern, whose tiers come from it, decides which promotions are known)."""
    threshold = int(app_settings()["suppression_threshold"])
    return _cached_promotions(f"{training_version()}|{race_version()}", period, threshold, pinned_at())


def window_query(name: str, window: coverage.Window, **params: object) -> pd.DataFrame:
    """A training query over one window's cadres, which are read once per window, data version and targets."""
    return _cached_window_query(name, training_version(), _bare(window), tuple(sorted(params.items())), pinned_at())


@shared_result(max_entries=256)
def _race_inputs(version: str, period: str, group: PeerGroup, moment: dt.datetime | None) -> rankings.RaceInputs:
    # what a period's ranking is computed from, whatever the method, weights or tiers: another of those only
    # scores again (the history's eight periods were eight times four queries)
    return rankings.race_inputs(_reader(moment), period, group)


@shared_result(max_entries=128)
def _cached_ranking(
    version: str,
    period: str,
    group: PeerGroup,
    method: str,
    weights: tuple,
    draws: int,
    tiers: tuple,
    moment: dt.datetime | None,
) -> Ranking:
    return rankings.rank_inputs(
        _race_inputs(version, period, group, moment),
        method=method,
        weights=dict(weights) or None,
        draws=draws,
        tier_shares=tiers,
    )


def ranking(
    period: str,
    group: PeerGroup = PeerGroup(),
    method: str = "z",
    weights: dict | None = None,
    draws: int = DRAWS,
    tiers: tuple = TIER_SHARES,
) -> Ranking:
    """One period's ranking of a peer group, computed once per data version and settings."""
    return _cached_ranking(
        race_version(), period, group, method, tuple(sorted((weights or {}).items())), draws, tuple(tiers), pinned_at()
    )


def race_version() -> str:
    """The cache key of rankings: the data version and the data-coverage setting a unit is ranked by
    (rankings.min_coverage), which a settings change moves without an import."""
    return f"{data_version()}|{app_settings()['rank_min_coverage']}"


@shared_result(max_entries=256)
def _cached_history(
    version: str, group: PeerGroup, method: str, weights: tuple, tiers: tuple, period: str, moment: dt.datetime | None
) -> pd.DataFrame:
    return rankings.history_rows(
        _race_inputs(version, period, group, moment), method=method, weights=dict(weights) or None, tier_shares=tiers
    )


def ranking_history(
    until: str,
    group: PeerGroup = PeerGroup(),
    method: str = "z",
    weights: dict | None = None,
    tiers: tuple = TIER_SHARES,
) -> pd.DataFrame:
    """Ranks over the last periods up to `until` (rankings.HISTORY_PERIODS of them), cached period by period:
    stepping to the previous period reuses all but one."""
    # rankings.available_periods, from the query the page has cached: not a database read every run
    available = run_query("race_periods", county=group.county_param)["period"].tolist()
    periods = rankings.periods_up_to(available, until, rankings.HISTORY_PERIODS)
    parts = [
        _cached_history(
            race_version(), group, method, tuple(sorted((weights or {}).items())), tuple(tiers), period, pinned_at()
        )
        for period in periods
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=rankings.HISTORY_COLUMNS)


def check_version() -> str:
    """The cache key of what the plausibility rules decide: the data version and the settings they read."""
    return f"{data_version()}|{settings_key()}"


@shared_result(max_entries=4)
def _cached_findings(version: str, scope: Scope) -> list[checks.Finding]:
    return checks.findings(database(), scope)


def loaded_findings(scope: Scope) -> list[checks.Finding]:
    """Values of the loaded data outside their plausible range, and unusual changes (checks.findings), computed
    once per data version and settings; they name cadres by id, so only for the prefecture's `scope`."""
    return _cached_findings(check_version(), scope)


def absent_training(
    window: coverage.Window, county: str, lang: str, sentence: str = "training_absent_line", *, plain: bool = False
) -> str:
    """bulletin.absent_training for a page: what `window` (as reported_window made it) leaves out and why, for
    every county or `county`, as one line ('' when nothing is), Markdown-safe, or `plain` for a file; once per
    data version, settings and day."""
    return _cached_absent_training(
        data_version(), settings_key(), window, county, lang, sentence, plain, today(), pinned_at()
    )


@shared_result(max_entries=64)
def _cached_absent_training(
    version: str,
    config: tuple,
    window: coverage.Window,
    county: str,
    lang: str,
    sentence: str,
    plain: bool,
    today: dt.date,
    moment: dt.datetime | None,
) -> str:
    quote = str if plain else markdown
    return bulletin.absent_training(
        _reader(moment),
        window,
        _settings(config),
        lang,
        until=today,
        county=county,
        quote=quote,
        sentence=sentence,
        receipts=_receipts(version, moment),
    )


def promotions_absent(year: int, lang: str, *, plain: bool = False) -> str:
    """bulletin.promotions_absent for a page: the counties whose unsent training files fall in the years the
    promotions of `year` are judged in, as one line ('' when none), Markdown-safe, or `plain` for a file; once
    per data version, settings and day."""
    return _cached_promotions_absent(data_version(), settings_key(), year, lang, plain, today(), pinned_at())


@shared_result(max_entries=32)
def _cached_promotions_absent(
    version: str, config: tuple, year: int, lang: str, plain: bool, day: dt.date, moment: dt.datetime | None
) -> str:
    quote = str if plain else markdown
    return bulletin.promotions_absent(
        _reader(moment), year, _settings(config), lang, until=day, quote=quote, receipts=_receipts(version, moment)
    )


def app_settings() -> dict[str, float]:
    """The settings in force (hours target, coverage target, suppression threshold), read fresh every run: at the
    start of the session's latest full run (start_run), or now in a session that has had none."""
    in_force = st.session_state.get(_RUN_SETTINGS)
    return dict(in_force) if in_force is not None else settings.current(database())


@shared_result(max_entries=32)
def _cached_movement_years(
    version: str, years: tuple[int, ...], threshold: int, moment: dt.datetime | None
) -> dict[int, movements.YearView]:
    return movements.year_views(_reader(moment), years, threshold)


def movement_year(year: int, threshold: int) -> movements.YearView:
    """A year's personnel counts by county, their tiers, and which counts a viewer sees as `<5` or withheld (one
    pattern for every view of them), computed once per data version."""
    return _cached_movement_years(race_version(), (year,), threshold, pinned_at())[year]  # tiers: the ranking's


def movement_years(years: list[int], threshold: int) -> dict[int, movements.YearView]:
    """movement_year of each of `years`, read together (movements.year_views): the yearly trend's patterns."""
    return _cached_movement_years(race_version(), tuple(sorted(set(years))), threshold, pinned_at())


@shared_result(max_entries=32)
def _cached_appraisal_year(version: str, year: int, threshold: int, moment: dt.datetime | None) -> appraisals.YearView:
    # the years and the race periods from the cached reads the page makes too, not read again for each year
    recorded = run_query("appraisal_years")
    race_periods = run_query("race_periods", county="")["period"].tolist()
    return appraisals.year_view(_reader(moment), year, threshold, recorded=recorded, race_periods=race_periods)


def appraisal_year(year: int, threshold: int) -> appraisals.YearView:
    """A year's appraisal grades by county, what followed them, and which counts a viewer sees as `<5` or
    withheld (one pattern for every view of them), computed once per data version."""
    return _cached_appraisal_year(race_version(), year, threshold, pinned_at())  # tiers come from the ranking


@shared_result(max_entries=32)
def _cached_units_above_quota(
    version: str, year: int, threshold: int, quota: float, moment: dt.datetime | None
) -> tuple[pd.DataFrame, int]:
    return appraisals.units_above_quota(_cached_appraisal_year(version, year, threshold, moment), quota, threshold)


def appraisal_units_above_quota(year: int, threshold: int, quota: float) -> tuple[pd.DataFrame, int]:
    """appraisals.units_above_quota of appraisal_year(year, threshold): the 单位 above the 优秀 ceiling `quota` (a
    fraction) and how many are not listed, computed once per data version and settings and shared by every
    session (its audit of each county's units was a sixth of a cached rerun of the page at a province's scale)."""
    return _cached_units_above_quota(race_version(), year, threshold, quota, pinned_at())


@shared_result(max_entries=64)
def _cached_training_pattern(
    version: str, window: coverage.Window, threshold: int, to_come: float, moment: dt.datetime | None
):
    return coverage.disclosure_pattern(
        _reader(moment), window, _window_cadres(version, window, moment), threshold, to_come
    )


def training_to_come(window: coverage.Window) -> float:
    """coverage.to_come at the window's last recorded training day: the pace every view of the window measures
    cadres on (training_coverage's $to_come)."""
    return coverage.to_come(window, last_recorded(window), today())


def last_recorded(window: coverage.Window) -> dt.date | None:
    """The date of the latest training record counted in `window` (coverage.last_recorded: up to its data_end)."""
    return coverage.as_date(
        run_query("training_last_date", start=window.start, end=window.data_end)["last_date"].iloc[0]
    )


def training_pattern(window: coverage.Window):
    """Which training groups of a window a viewer sees as `<5` or withheld, the same on every view of them
    (coverage.disclosure_pattern), computed once per window, data version, targets and settings, with the pace
    of training_to_come (the share on pace is a protected figure)."""
    config = app_settings()
    to_come = training_to_come(window)
    return _cached_training_pattern(
        training_version(),
        _bare(window),
        int(config["suppression_threshold"]),
        to_come,
        pinned_at(),
    )


@shared_result(max_entries=32)
def _cached_welfare_period(version: str, period: str, moment: dt.datetime | None) -> welfare.PeriodView:
    return welfare.period_view(_reader(moment), period)


def welfare_period(period: str) -> welfare.PeriodView:
    """One half-year's care figures against the previous one (welfare.period_view), once per data version."""
    return _cached_welfare_period(data_version(), period, pinned_at())


@shared_result(max_entries=8)
def _cached_welfare_history(version: str, moment: dt.datetime | None) -> pd.DataFrame:
    return welfare.history(_reader(moment))


def welfare_history() -> pd.DataFrame:
    """Every stored period's care values by county (welfare.history), once per data version."""
    return _cached_welfare_history(data_version(), pinned_at())


# ---- published results (审定发布): cached on the publications' own key, since publishing writes no batch


def publication_key() -> str:
    """The publications' state (official.state_key) as read at the start of the session's latest full run
    (start_run), or now in a session that has had none: the cache key of published results."""
    return st.session_state.get(_RUN_PUBLICATIONS) or official.state_key(database().connection)


@shared_result(max_entries=64)
def _cached_versions(key: str, period: str) -> list[official.Publication]:
    return official.versions(database().connection, period)


def publication_of(period: str | None) -> official.Publication | None:
    """The version in force for `period`, None when unpublished; on a pinned link, the newest version published
    by the pinned moment (a link keeps showing what it showed)."""
    if not period:
        return None
    found = _cached_versions(publication_key(), period)
    moment = pinned_at()
    if moment is not None:
        found = [p for p in found if p.published_at <= moment]
    return found[-1] if found else None


@shared_result(max_entries=64)
def _cached_published_ranking(key: str, period: str, version: int, group: PeerGroup) -> Ranking | None:
    return official.ranking(database().connection, period, group, version)


def published_ranking(publication: official.Publication, group: PeerGroup = PeerGroup()) -> Ranking | None:
    """The frozen ranking of `group` in that publication (official.ranking), None when the group was not ranked."""
    return _cached_published_ranking(publication_key(), publication.period, publication.version, group)


@shared_result(max_entries=32)
def _cached_published_welfare(key: str, period: str, version: int) -> welfare.PeriodView | None:
    return official.welfare_view(database().connection, period, version)


def published_welfare(publication: official.Publication) -> welfare.PeriodView | None:
    return _cached_published_welfare(publication_key(), publication.period, publication.version)


@shared_result(max_entries=64)
def _cached_drift(
    key: str,
    version: str,
    period: str,
    number: int,
    group: PeerGroup | None,
    race: bool,
    care: bool,
    moment: dt.datetime | None,
) -> official.Drift:
    found = official.versions(database().connection, period)
    publication = next(p for p in found if p.version == number)
    if group is None:  # the counties' official rankings: each class's where the publication froze classes
        return official.official_drift(_reader(moment), publication, race=race, care=care)
    return official.drift(_reader(moment), publication, group, race=race, care=care)


@shared_result(max_entries=32)
def _cached_unit_classes(key: str, version: str, period: str, group: PeerGroup, moment) -> pd.DataFrame:
    return official.unit_classes_in_force(_reader(moment), period, group, at=moment)


def unit_classes_in_force(period: str, group: PeerGroup = PeerGroup()) -> pd.DataFrame:
    """(unit, peer_class) of the group's level as officially ranked in `period` (official.unit_classes_in_force),
    for the data shown (current, or a pinned link's moment)."""
    return _cached_unit_classes(publication_key(), race_version(), period, group, pinned_at())


def publication_drift(
    publication: official.Publication, group: PeerGroup | None = None, *, race: bool = True, care: bool = True
) -> official.Drift:
    """What the data shown (current, or a pinned link's) would change in the publication's ranks of `group` (None:
    the counties' official rankings, official.official_drift) and its care statuses (official.drift), once per data
    version."""
    return _cached_drift(
        publication_key(), race_version(), publication.period, publication.version, group, race, care, pinned_at()
    )


@shared_result(max_entries=32)
def _cached_overview_race(key: str, version: str, period: str, moment: dt.datetime | None) -> overview.RaceFigures:
    return overview.race_figures(_reader(moment), period, at=moment)


def overview_race(period: str) -> overview.RaceFigures:
    """The counties' ranking of `period` as the overview shows it: published or live (overview.race_figures), for
    the data shown (current, or a pinned link's moment)."""
    return _cached_overview_race(publication_key(), race_version(), period, pinned_at())


@shared_result(max_entries=32)
def _cached_overview_care(key: str, version: str, period: str, moment: dt.datetime | None) -> overview.CareFigures:
    return overview.care_figures(_reader(moment), period, at=moment)


def overview_care(period: str) -> overview.CareFigures:
    """The care figures of `period` as the overview shows them: published or live (overview.care_figures)."""
    return _cached_overview_care(publication_key(), data_version(), period, pinned_at())


@shared_result(max_entries=64)
def _cached_history_in_force(
    key: str, version: str, until: str, group: PeerGroup, moment: dt.datetime | None
) -> tuple[pd.DataFrame, dict[str, official.Publication | None]]:
    live = ranking_history(until, group)
    history = official.history_in_force(database().connection, live, group, at=moment)
    return history, official.history_bases(database().connection, history, at=moment)


def ranking_history_in_force(
    until: str, group: PeerGroup = PeerGroup()
) -> tuple[pd.DataFrame, dict[str, official.Publication | None]]:
    """The rank history up to `until` with the official settings, each published period's points from its version
    in force (official.history_in_force), and period → that version (None: live) for the line saying which."""
    return _cached_history_in_force(publication_key(), race_version(), until, group, pinned_at())


@shared_result(max_entries=16)
def _cached_publication_history(key: str, period: str) -> list[official.VersionChange]:
    return official.history(database().connection, period)


def publication_history(period: str) -> list[official.VersionChange]:
    """Every version of `period` with what it changed (official.history)."""
    return _cached_publication_history(publication_key(), period)


# ---- the assessment cycle: cached on the data version and the submissions' state (submitting writes no batch)


@shared_result(max_entries=16)
def _cached_progress(
    version: str, submitted: int, config: tuple, year: int, today: dt.date, scope: Scope, county: str
) -> pd.DataFrame:
    receipts = _receipts(version, None)  # the same years the training windows read
    return tracker.progress(database().connection, year, today, _settings(config), scope, county, receipts)


def cycle_progress(year: int, today: dt.date, scope: Scope, county: str = "") -> pd.DataFrame:
    """What each county in `scope` (or only `county`) owes for `year` and how far it has delivered
    (tracker.progress)."""
    submitted = tracker.submissions_key(database().connection)
    # the current data's version, also on a pinned link: the page reads the current data, not the link's moment
    return _cached_progress(live_version(), submitted, settings_key(), year, today, scope, county)


@shared_result(max_entries=64)
def _cached_gaps(
    version: str, submitted: int, kind: str, period: str, county: str, moment: dt.datetime | None
) -> list[tracker.Gap]:
    return tracker.gaps(_reader(moment), kind, period, county)


def cycle_gaps(kind: str, period: str, county: str = "") -> list[tracker.Gap]:
    """The counties whose race scores or care figures for `period` are not all in (tracker.gaps), in the data
    shown (current, or a pinned link's)."""
    submitted = tracker.submissions_key(database().connection)
    return _cached_gaps(data_version(), submitted, kind, period, county, pinned_at())


# ---- the warning list (预警清单): cached on the data, the submissions, the publications and the settings


@shared_result(max_entries=16)
def _cached_alerts(
    version: str,
    submitted: int,
    published: str,
    config: tuple,
    year: int,
    today: dt.date,
    scope: Scope,
    moment: dt.datetime | None,
    receipts_version: str,
) -> listing.AlertList:
    receipts = _receipts(receipts_version, moment)  # the pages' own: the overview's windows read the same years
    return listing.build(_reader(moment), today, _settings(config), scope, year=year, moment=moment, receipts=receipts)


def alert_list(year: int, today: dt.date, scope: Scope) -> listing.AlertList:
    """The warnings of `year` for the counties of `scope` (listing.build; OutOfScope for a visitor), judged on
    `today`, in the data shown (current, or a pinned link's), once per data version, submissions' state,
    publications and settings."""
    submitted = tracker.submissions_key(database().connection)
    config = settings_key()
    # the training pace rule measures each cadre against his target by rank: a changed target changes the list
    return _cached_alerts(
        training_version(), submitted, publication_key(), config, year, today, scope, pinned_at(), data_version()
    )


@shared_result(max_entries=16)
def _cached_county_figures(
    version: str,
    window: coverage.Window,
    threshold: int,
    day: dt.date,
    moment: dt.datetime | None,
) -> coverage.CountyFigures | None:
    """`version`: the data's and the training targets' (each cadre's target is a column of the window's cadres)."""
    return coverage.county_figures(_reader(moment), window, threshold, day)


def county_figures(window: coverage.Window) -> coverage.CountyFigures | None:
    """The counties' coverage in a window as a viewer may see it (coverage.county_figures: the training page's
    suppression pattern, the briefing's figures), once per window, data version and settings."""
    config = app_settings()
    return _cached_county_figures(
        training_version(),
        window,
        int(config["suppression_threshold"]),
        today(),
        pinned_at(),
    )

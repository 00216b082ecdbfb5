"""Published results read back (docs/decisions.md#publication): the versions of a period, its frozen ranking in the
shape every view draws (scoring.Ranking), its frozen care statuses (welfare.PeriodView), what current data would
change, and what each version changed against the one before.

A published ranking is recomputed by rankings.rank_inputs from the values, catalog and units frozen with it, so the
page explains it (indicators, tracks, why a unit moved) with the same code as a live one; the frozen rank rows are
then laid over it, so the ranks, intervals, composites and tiers shown are always the ones published.

Every function takes a connection (anything with `cursor()`: Database.connection, a DataAsOf), like the queries.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive import labels, periods
from incentive.care import welfare
from incentive.cycle import tracker
from incentive.i18n import capital, join, t
from incentive.race import rankings
from incentive.race.rankings import PeerGroup, RaceInputs
from incentive.race.scoring import Ranking

OFFICIAL_METHOD = "z"  # the catalog's weights and the exact thirds come from the catalog and scoring.TIER_SHARES
RANK_COLUMNS = ["rank", "rank_low", "rank_high", "composite", "tier"]
SHORTFALL_KINDS = ("race_scores", "welfare")  # the kinds whose values a publication freezes


@dataclass(frozen=True)
class Shortfall:
    """A county whose values of a part being published were not all in (tracker.gaps, the rule of the
    incomplete-data line above the ranking and the care grid; docs/decisions.md#incomplete-periods-need-confirmation):
    `kind` race_scores or welfare, how many values the catalog expects of it (its townships' included when they
    are ranked), how many are missing (all of them: no data), whether a submission of them awaited review, and how
    many of the missing were its townships' (None in a publication made before this was kept)."""

    kind: str
    county: str
    expected: int
    missing: int
    pending: bool = False
    township_missing: int | None = None

    def as_record(self) -> dict:
        return dataclasses.asdict(self)


def shortfalls_from_json(text: str | None) -> tuple[Shortfall, ...] | None:
    """What `publications.incomplete` holds: None (NULL: published before the check existed), else the shortfalls
    ('[]': none)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    return tuple(Shortfall(**record) for record in json.loads(text or "[]"))


def shortfalls_json(found) -> str:
    return json.dumps([s.as_record() for s in found], ensure_ascii=False)


def shortfall_text(found, lang: str, quote=str) -> str:
    """`赛马考评得分：云峤县（缺 3 项）；关爱指标：澄溪县（无数据）`: the counties of each kind with what they lack, as the
    publish form, the refusal, the version history and the audit log say it ('' for none)."""
    parts = []
    for kind in SHORTFALL_KINDS:
        gaps = [
            tracker.Gap(s.county, s.expected, s.missing, s.pending, township_missing=s.township_missing)
            for s in found
            if s.kind == kind
        ]
        if gaps:
            items = tracker.gap_items(gaps, lang, quote)
            parts.append(t("pub_shortfall_kind", lang, kind=capital(t(f"kind_{kind}", lang)), counties=items))
    return t("pub_shortfall_separator", lang).join(parts)


def shortfall_counties(found) -> list[str]:
    """The counties of `found`, each once, in order."""
    return list(dict.fromkeys(s.county for s in found))


@dataclass(frozen=True)
class Publication:
    """One published version of a period (a row of `publications`)."""

    period: str
    version: int
    published_at: dt.datetime
    published_by: str
    document_no: str
    note: str
    reason: str
    data_version: str
    latest_batch: int
    method: str
    track_weights: dict[str, float]
    tier_shares: tuple[float, float]
    draws: int
    pending_submissions: int
    override_reason: str
    incomplete: tuple[Shortfall, ...] | None = None  # None: published before the check (schema 013)
    # the data-coverage share its ranking used (schema 018); a publication made before the setting used half
    min_coverage: float = 0.5

    def label(self, lang: str) -> str:
        """正式发布（2026-11-30，第 2 版，文号 …）: how every view marks published figures."""
        when = f"{self.published_at:%Y-%m-%d}"
        if self.document_no:
            return t("pub_label_numbered", lang, date=when, version=self.version, number=self.document_no)
        return t("pub_label", lang, date=when, version=self.version)


def basis_line(publication: Publication | None, lang: str) -> str:
    """What an export or the briefing says its figures are: published (date, version, 文号) or live (a trial)."""
    return publication.label(lang) if publication is not None else t("pub_live", lang)


BASIS_COLUMNS = ("basis", "published_version", "published_at", "document_no")


def with_basis(frame: pd.DataFrame, publication: Publication | None, lang: str | None = None) -> pd.DataFrame:
    """An export's rows with what they are, in four columns at the end of every row: `basis` published or live,
    and for published rows the version (Int64), the time (`2026-11-30 09:15:07`, labels.time_text) and the 文号
    (missing for live rows, so a file leaves them empty). Without `lang` the columns and the basis are the command line's codes
    (`basis`: `published` / `live`); with it, a page's download: headers and the basis in words (数据依据:
    正式发布 / 实时数据（试算）), the same values otherwise (docs/decisions.md#downloads-say-published-or-live)."""
    out = frame.copy()
    values = {
        "basis": "published" if publication else "live",
        "published_version": pd.array([publication.version if publication else pd.NA] * len(out), dtype="Int64"),
        "published_at": labels.time_text(publication.published_at) if publication else None,
        "document_no": (publication.document_no or None) if publication else None,
    }
    if lang is not None:
        values["basis"] = t("basis_published" if publication else "basis_live", lang)
    for column in BASIS_COLUMNS:
        out[column if lang is None else t(f"basis_col_{column}", lang)] = values[column]
    return out


def basis_summary(bases: dict[str, Publication | None], lang: str) -> str:
    """Which of several periods' figures are published and which live, in one line, periods in the order given:
    `2026-Q1、Q2 为正式发布结果，2026-Q3 为实时数据（试算）。` ('' for no period). `bases` maps each period to its
    version in force (`latest`), None when unpublished."""
    published = [p for p, publication in bases.items() if publication is not None]
    live = [p for p, publication in bases.items() if publication is None]
    parts = [
        t(key, lang, periods=_compact(found, lang))
        for key, found in (("pub_periods_published", published), ("pub_periods_live", live))
        if found
    ]
    return (t("pub_periods_joined", lang, first=parts[0], second=parts[1]) if len(parts) == 2 else "".join(parts)) + (
        t("pub_periods_end", lang) if parts else ""
    )


def _compact(found: list[str], lang: str) -> str:
    """`2026-Q1、Q2、2027-Q1`: a period of the same year and form as the one before it is written without its year
    (`2026-Q3、2026-H1` keep theirs)."""
    out, before = [], ""
    for period in found:
        same = len(period) > 4 and period[:4] == before[:4] and periods.form(period) == periods.form(before)
        out.append(period[5:] if same else period)
        before = period
    return join(out, lang)


_COLUMNS = (
    "period, version, published_at, published_by, document_no, note, reason, data_version, latest_batch, method, "
    "track_weights, tier_first, tier_third, draws, pending_submissions, override_reason, incomplete, min_coverage"
)


def _fetch(conn, sql: str, params: dict | None = None) -> pd.DataFrame:
    with contextlib.closing(conn.cursor()) as cur:
        return cur.execute(sql, params or {}).df()


def _publication(row: dict) -> Publication:
    return Publication(
        period=row["period"],
        version=int(row["version"]),
        published_at=pd.Timestamp(row["published_at"]).to_pydatetime(),
        published_by=row["published_by"] or "",
        document_no=row["document_no"] or "",
        note=row["note"] or "",
        reason=row["reason"] or "",
        data_version=row["data_version"] or "",
        latest_batch=int(row["latest_batch"]),
        method=row["method"],
        track_weights=json.loads(row["track_weights"] or "{}"),
        tier_shares=(float(row["tier_first"]), float(row["tier_third"])),
        draws=int(row["draws"]),
        pending_submissions=int(row["pending_submissions"]),
        override_reason=row["override_reason"] or "",
        incomplete=shortfalls_from_json(row["incomplete"]),
        min_coverage=0.5 if pd.isna(row.get("min_coverage")) else float(row["min_coverage"]),
    )


def versions(conn, period: str) -> list[Publication]:
    """Every published version of `period`, oldest first (none: an empty list)."""
    frame = _fetch(conn, f"SELECT {_COLUMNS} FROM publications WHERE period = $p ORDER BY version", {"p": period})
    return [_publication(row) for row in frame.to_dict("records")]


def latest(conn, period: str | None, at: dt.datetime | None = None) -> Publication | None:
    """The version in force for `period`: the newest one (published by `at`, for a pinned view); None when the
    period was not published (by then)."""
    found = [p for p in (versions(conn, period) if period else []) if at is None or p.published_at <= at]
    return found[-1] if found else None


def superseded_line(conn, publication: Publication | None, lang: str) -> str:
    """For figures of a version since replaced (a pinned view shows the version in force at its moment): that a
    newer version of the period has been published, and when; '' when `publication` is the newest (or None). A
    document made from a link pinned before a republication printed version 1 without a word of version 2 (a
    fresh tester's finding)."""
    newest = latest(conn, publication.period) if publication is not None else None
    if newest is None or newest.version <= publication.version:
        return ""
    return t(
        "pub_superseded",
        lang,
        period=publication.period,
        version=publication.version,
        newest=newest.version,
        date=f"{newest.published_at:%Y-%m-%d}",
    )


def latest_of_each(conn, at: dt.datetime | None = None) -> dict[str, Publication]:
    """`latest` of every published period in one query: period -> the version in force (published by `at`, for a
    pinned view); a period without one (by then) is absent."""
    frame = _fetch(conn, f"SELECT {_COLUMNS} FROM publications ORDER BY period, version")
    found: dict[str, Publication] = {}
    for publication in map(_publication, frame.to_dict("records")):
        if at is None or publication.published_at <= at:
            found[publication.period] = publication
    return found


def published_periods(conn) -> list[str]:
    """Periods with at least one published version."""
    return _fetch(conn, "SELECT DISTINCT period FROM publications ORDER BY period")["period"].tolist()


def last_published_at(conn) -> dt.datetime | None:
    """When the newest version of any period was published (None: nothing ever was): after a pinned link's
    moment, the link shows a version since replaced, or live figures of a period since published."""
    with contextlib.closing(conn.cursor()) as cur:
        return cur.execute("SELECT max(published_at) FROM publications").fetchone()[0]


def state_key(conn) -> str:
    """Changes with every publication: with the data version, the cache key of published results (publishing
    writes no batch, so the data version alone would not see it)."""
    with contextlib.closing(conn.cursor()) as cur:
        return state_key_in(cur)


def state_key_in(cur: duckdb.DuckDBPyConnection) -> str:
    """state_key as `cur` sees it (read on every run: a row, not a frame, 1.0 ms → 0.3 ms)."""
    n, last = cur.execute("SELECT count(*), max(published_at) FROM publications").fetchone()
    return f"{n}.{last}"


# ---- the frozen ranking


def _version_of(conn, period: str, version: int | None) -> Publication | None:
    found = versions(conn, period)
    if version is None:
        return found[-1] if found else None
    return next((p for p in found if p.version == version), None)


def frozen_inputs(conn, publication: Publication, group: PeerGroup = PeerGroup()) -> RaceInputs | None:
    """The values, catalog and units the published ranking of `group` was computed from; None when the group was
    not ranked in that publication (no race values for it then; a peer class in a publication made before
    classes)."""
    key = {
        "p": publication.period,
        "v": publication.version,
        "level": group.level,
        "peer": group.county_param,
        "class": group.peer_class,
    }
    units = _fetch(
        conn,
        "SELECT unit FROM published_ranks WHERE period = $p AND version = $v AND level = $level AND peer = $peer "
        "AND coalesce(peer_class, '') = $class ORDER BY position",
        key,
    )["unit"].tolist()
    if not units:
        return None
    values = _fetch(
        conn,
        "SELECT unit, indicator, value FROM published_race_values "
        "WHERE period = $p AND version = $v AND level = $level AND peer = $peer AND coalesce(peer_class, '') = $class",
        key,
    )
    catalog = _fetch(
        conn,
        "SELECT code, name, track, unit, direction, weight, target FROM published_race_catalog "
        "WHERE period = $p AND version = $v AND coalesce(peer_class, '') = $class ORDER BY code",
        {"p": publication.period, "v": publication.version, "class": group.peer_class},
    )
    return RaceInputs(publication.period, values, catalog, units, publication.min_coverage)


def frozen_ranks(conn, publication: Publication, level: str | None = None) -> pd.DataFrame:
    """The published rank rows: level, peer, peer_class ('' when none), position, unit, rank, rank_low, rank_high,
    composite, tier, ranked, flags; every peer group, or those of one level."""
    return _fetch(
        conn,
        "SELECT level, peer, coalesce(peer_class, '') AS peer_class, position, unit, rank, rank_low, rank_high, "
        "composite, tier, ranked, flags FROM published_ranks "
        "WHERE period = $p AND version = $v AND ($level = '' OR level = $level) "
        "ORDER BY level, peer, peer_class, position",
        {"p": publication.period, "v": publication.version, "level": level or ""},
    )


def in_group(rows: pd.DataFrame, group: PeerGroup) -> pd.Series:
    """Which of frozen_ranks' rows (of the group's level) are the group's: its peer and its class."""
    return (rows["peer"] == group.county_param) & (rows["peer_class"] == group.peer_class)


def ranking(conn, period: str, group: PeerGroup = PeerGroup(), version: int | None = None) -> Ranking | None:
    """The published ranking of `group` in `period` (the newest version, or `version`), in the shape the page
    draws; None when the period (or that group in it) was not published."""
    publication = _version_of(conn, period, version)
    if publication is None:
        return None
    inputs = frozen_inputs(conn, publication, group)
    if inputs is None:
        return None
    recomputed = rankings.rank_inputs(
        inputs, method=publication.method, tier_shares=publication.tier_shares, draws=publication.draws
    )
    rows = frozen_ranks(conn, publication, group.level)
    rows = rows[in_group(rows, group)].set_index("unit")
    table = recomputed.table.copy()
    for column in RANK_COLUMNS:
        frozen = rows[column].reindex(table.index)
        table[column] = frozen.astype(float) if column == "composite" else frozen.astype("Int64")
    return dataclasses.replace(recomputed, table=table)


def history_in_force(
    conn, live: pd.DataFrame, group: PeerGroup = PeerGroup(), at: dt.datetime | None = None
) -> pd.DataFrame:
    """A rank history (rankings.rank_history's rows: period, unit, rank, composite, tier) as every view shows it by
    default: in each period published with `group` ranked, the points of its version in force (the newest, or the
    newest published by `at` for a pinned view) replace the live ones: its ranked units with their frozen rank,
    composite and tier; other periods stay live. Adds `basis` ('published' or 'live') and `published_version`
    (Int64, missing for live rows). `live` must have been computed with the official settings (z-score, catalog
    weights, exact thirds), else published and trial points would be mixed."""
    frames = []
    in_force = latest_of_each(conn, at=at) if len(live) else {}  # one query, not one per period
    for period, rows in live.groupby("period", sort=False):
        publication = in_force.get(period)
        frozen = frozen_ranks(conn, publication, group.level) if publication else None
        if frozen is not None:  # ranked units in rank order, as the live rows come
            frozen = frozen[in_group(frozen, group) & frozen["ranked"].astype(bool)]
            frozen = frozen.sort_values(["rank", "position"], kind="stable")
        if frozen is None or frozen.empty:
            frames.append(rows.assign(basis="live", published_version=pd.NA))
            continue
        frames.append(
            pd.DataFrame(
                {
                    "period": period,
                    "unit": frozen["unit"].to_numpy(),
                    "rank": frozen["rank"].astype(int).to_numpy(),
                    "composite": frozen["composite"].astype(float).to_numpy(),
                    "tier": frozen["tier"].astype(int).to_numpy(),
                    "basis": "published",
                    "published_version": publication.version,
                }
            )
        )
    columns = [*live.columns, "basis", "published_version"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    out["published_version"] = out["published_version"].astype("Int64")
    return out


def history_bases(conn, history: pd.DataFrame, at: dt.datetime | None = None) -> dict[str, Publication | None]:
    """Period → the version in force whose points `history_in_force` drew (None: live), in the history's order:
    what `basis_summary` says under the chart."""
    published = history.loc[history["basis"] == "published", "period"].unique().tolist()
    in_force = latest_of_each(conn, at=at) if published else {}
    return {p: in_force.get(p) if p in published else None for p in history["period"].unique()}


def race_data_changed(conn, publication: Publication, group: PeerGroup = PeerGroup()) -> bool:
    """Whether the current values, catalog or units of `group` differ from those the publication froze."""
    frozen = frozen_inputs(conn, publication, group)
    if frozen is None:
        return False
    return not _same_inputs(frozen, rankings.race_inputs(conn, publication.period, group))


def _same_inputs(frozen: RaceInputs, live: RaceInputs) -> bool:
    return (
        _same(frozen.values, live.values, ["unit", "indicator"])
        and _same(frozen.catalog, live.catalog, ["code"])
        and frozen.units == live.units
        and abs(frozen.min_coverage - live.min_coverage) < 1e-9  # the setting changed since: the ranks may too
    )


def _same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> bool:
    if len(a) != len(b) or list(a.columns) != list(b.columns):
        return False
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    for column in a.columns:
        left, right = a[column], b[column]
        if pd.api.types.is_numeric_dtype(left) or pd.api.types.is_numeric_dtype(right):
            left, right = left.astype(float), right.astype(float)
            if not ((left == right) | (left.isna() & right.isna())).all():
                return False
        elif left.fillna("\0").astype(str).tolist() != right.fillna("\0").astype(str).tolist():
            return False
    return True


def rank_changes(published: Ranking, other: Ranking) -> pd.DataFrame:
    """Units whose rank differs between two rankings of one peer group: unit, rank_before (published), rank_after
    (other; missing = not ranked there), in the published order."""
    units = list(dict.fromkeys([*published.table.index, *other.table.index]))
    before = published.table["rank"].reindex(units)
    after = other.table["rank"].reindex(units)
    moved = [u for u in units if _differs(before[u], after[u])]
    return pd.DataFrame(
        {
            "unit": moved,
            "rank_before": before.reindex(moved).astype("Int64").to_numpy(),
            "rank_after": after.reindex(moved).astype("Int64").to_numpy(),
        }
    )


def _differs(a, b) -> bool:
    if pd.isna(a) or pd.isna(b):
        return not (pd.isna(a) and pd.isna(b))
    return a != b


def ranking_in_force(
    conn, period: str, at: dt.datetime | None = None, group: PeerGroup = PeerGroup(), draws: int | None = None
) -> tuple[Publication | None, Ranking]:
    """What a view that shows the official figures prints for `period` (docs/decisions.md#published-or-live): the
    ranking of its newest version published by `at`, else the live one with the official settings (z-score,
    catalog weights, exact thirds). Returns (publication, ranking); the publication is None for a live ranking,
    also when the period was published without race scores for `group` (nothing of it is frozen). `draws` for a
    live ranking (default: the usual 500); a published one keeps the intervals it was published with."""
    publication = latest(conn, period, at=at)
    frozen = ranking(conn, period, group, version=publication.version) if publication else None
    if frozen is not None:
        return publication, frozen
    options = {} if draws is None else {"draws": draws, "sensitivity": False}
    return None, rankings.rank_period(conn, period, group, **options)


def ranking_shown(
    conn,
    period: str,
    settings: rankings.RankingSettings = rankings.RankingSettings(),
    *,
    live: bool = False,
    at: dt.datetime | None = None,
    group: PeerGroup = PeerGroup(),
) -> tuple[Publication | None, Ranking]:
    """What a view ranking by `settings` shows for `period`, as the rankings page draws it: with the official
    settings, and not switched to the live trial (`live`), the ranking in force (ranking_in_force); otherwise the
    live ranking by those settings, a trial (publication None) even of a published period
    (docs/decisions.md#the-briefing-prints-the-view)."""
    if settings.official and not live:
        return ranking_in_force(conn, period, at=at, group=group)
    return None, settings.rank(conn, period, group)


def published_unit_classes(conn, publication: Publication, group: PeerGroup = PeerGroup()) -> pd.DataFrame:
    """(unit, peer_class) of the units of the group's level `publication` froze a class ranking of (分类考核), in the
    order of the group's frozen ranking of all its units; empty when it froze none."""
    rows = frozen_ranks(conn, publication, group.level)
    rows = rows[rows["peer"] == group.county_param]
    order = rows.loc[rows["peer_class"] == ""].set_index("unit")["position"]
    classed = rows[rows["peer_class"] != ""].assign(at=lambda f: f["unit"].map(order))
    return classed.sort_values(["at", "position"], kind="stable")[["unit", "peer_class"]].reset_index(drop=True)


def published_classes(conn, publication: Publication) -> list[str]:
    """The counties' peer classes `publication` froze a ranking of, in the region list's order; [] when none."""
    return list(dict.fromkeys(published_unit_classes(conn, publication)["peer_class"]))


def unit_classes_in_force(
    conn, period: str, group: PeerGroup = PeerGroup(), at: dt.datetime | None = None
) -> pd.DataFrame:
    """(unit, peer_class) of the group's level as officially ranked in `period`: the classes its version in force
    froze where it was published with classes (a region list imported later without them does not undo a
    publication), else the region list's now (race_unit_classes: every unit, '' for none)."""
    publication = latest(conn, period, at=at)
    frozen = published_unit_classes(conn, publication, group) if publication is not None else None
    if frozen is not None and len(frozen):
        return frozen
    return rankings.unit_classes(conn, group).rename_axis("unit").reset_index(name="peer_class")


def classes_in_force(conn, period: str, at: dt.datetime | None = None) -> list[str]:
    """The counties' peer classes whose rankings are the official ones of `period` (unit_classes_in_force); []
    without classes."""
    return [c for c in dict.fromkeys(unit_classes_in_force(conn, period, at=at)["peer_class"]) if c]


def class_standings(conn, period: str, at: dt.datetime | None = None) -> pd.DataFrame:
    """Each county's official rank within its peer class (分类考核) in `period`, as in force (ranking_in_force per
    class of classes_in_force: published where published by `at`, else live): indexed by county, with peer_class,
    class_rank and class_tier (Int64, missing when not ranked) and class_units (the counties of the class); empty
    without classes."""
    frames = []
    for peer_class in classes_in_force(conn, period, at):
        _, ranked = ranking_in_force(conn, period, at=at, group=PeerGroup(peer_class=peer_class), draws=0)
        frames.append(
            pd.DataFrame(
                {
                    "peer_class": peer_class,
                    "class_rank": ranked.table["rank"].astype("Int64"),
                    "class_tier": ranked.table["tier"].astype("Int64"),
                    "class_units": len(ranked.table),
                },
                index=ranked.table.index,
            )
        )
    if not frames:
        return pd.DataFrame(columns=["peer_class", "class_rank", "class_tier", "class_units"])
    return pd.concat(frames)


# ---- what current data would change in a publication (docs/decisions.md#data-changed-after-publication)

DRIFT_NAMED = 5  # units named in the sentence; the count says how many there are


@dataclass(frozen=True)
class Drift:
    """Whether the live result of a published period differs from what its version froze, and how.

    `race_changed`: the values, catalog or units behind the ranking of the peer group differ from those frozen;
    `ranks` then holds the units whose rank or tier the live ranking (the publication's method and tier shares,
    the catalog's weights now in force) would change: unit, rank_before, rank_after, tier_before, tier_after
    (Int64; missing = not ranked), in the published ranking's order; empty when the ranks and tiers stay. `care_changed`:
    some care value or status differs from those frozen; `statuses` then holds status_changes' rows (county,
    name, value_before, value_after, status_before, status_after), values that moved within their status
    included. A part the publication did not freeze (or that was not asked for) is unchanged."""

    publication: Publication
    level: str  # the peer group's level: 'county' or 'township'
    race_changed: bool
    ranks: pd.DataFrame
    care_changed: bool
    statuses: pd.DataFrame

    @property
    def changed(self) -> bool:
        return self.race_changed or self.care_changed

    @property
    def status_counties(self) -> list[str]:
        """Counties with at least one care status that would change (not only its value), in the published order."""
        moved = self.statuses[self.statuses["status_before"].fillna("") != self.statuses["status_after"].fillna("")]
        return list(dict.fromkeys(moved["county"]))

    def sentence(self, lang: str, quote=str) -> str:
        """The one sentence every view of the published figures says when current data differ ('' when they do
        not): `发布后数据有变动：按现有数据，3 个县区的名次或方阵会变化（甲县、乙县、丙县）；如需更新请重新发布。`
        `quote` makes the unit names inert where the sentence goes (safe_text.markdown on a page)."""
        if not self.changed:
            return ""
        clauses = []
        if self.race_changed:
            units = self.ranks["unit"].tolist()
            clauses.append(
                t(f"pub_drift_ranks_{self.level}", lang, n=len(units), units=_named(units, lang, quote))
                if units
                else t("pub_drift_ranks_same", lang)
            )
        if self.care_changed:
            counties = self.status_counties
            clauses.append(
                t("pub_drift_statuses", lang, n=len(counties), units=_named(counties, lang, quote))
                if counties
                else t("pub_drift_statuses_same", lang)
            )
        return t("pub_drift", lang, clauses=t("pub_drift_and", lang).join(clauses))


def _named(units: list[str], lang: str, quote) -> str:
    named = join([quote(u) for u in units[:DRIFT_NAMED]], lang)
    return named + (t("pub_drift_more", lang) if len(units) > DRIFT_NAMED else "")


def drift(
    conn, publication: Publication, group: PeerGroup = PeerGroup(), *, race: bool = True, care: bool = True
) -> Drift:
    """What the data of `conn` (current, or a pinned view's) would change in `publication`: the ranks and tiers of
    `group` (with `race`) and the care statuses (with `care`); see Drift. The pages, the briefing, the 通报 and the
    command line's published exports all say Drift.sentence, so they never disagree about it."""
    ranks = pd.DataFrame(columns=["unit", "rank_before", "rank_after", "tier_before", "tier_after"])
    race_changed = False
    frozen = frozen_inputs(conn, publication, group) if race else None
    if frozen is not None:
        live = rankings.race_inputs(conn, publication.period, group)
        race_changed = not _same_inputs(frozen, live)
        if race_changed:
            ranks = _rank_and_tier_changes(conn, publication, group, live)
    statuses = _empty_status_changes()
    published = welfare_view(conn, publication.period, publication.version) if care else None
    if published is not None:
        statuses = status_changes(published, welfare.period_view(conn, publication.period))
    return Drift(publication, group.level, race_changed, ranks, not statuses.empty, statuses)


def official_drift(conn, publication: Publication, *, race: bool = True, care: bool = True) -> Drift:
    """drift of the counties' official rankings: each peer class's where `publication` froze classes (分类考核),
    their changes together (a county is in one class), else the ranking of all counties. What the overview, the
    prefecture's briefing and the 通报 say."""
    classes = published_classes(conn, publication) if race else []
    if not classes:
        return drift(conn, publication, race=race, care=care)
    parts = [drift(conn, publication, PeerGroup(peer_class=c), care=False) for c in classes]
    cared = drift(conn, publication, race=False, care=care)
    ranks = pd.concat([part.ranks for part in parts if len(part.ranks)] or [parts[0].ranks], ignore_index=True)
    changed = any(part.race_changed for part in parts)
    return Drift(publication, "county", changed, ranks, cared.care_changed, cared.statuses)


def _rank_and_tier_changes(conn, publication: Publication, group: PeerGroup, live: RaceInputs) -> pd.DataFrame:
    rows = frozen_ranks(conn, publication, group.level)
    rows = rows[in_group(rows, group)].sort_values(["rank", "position"], na_position="last")
    now = rankings.rank_inputs(
        live, method=publication.method, tier_shares=publication.tier_shares, draws=0, sensitivity=False
    ).table
    units = list(dict.fromkeys([*rows["unit"], *now.index]))
    before = rows.set_index("unit")[["rank", "tier"]].reindex(units)
    after = now[["rank", "tier"]].reindex(units)
    moved = [
        u
        for u in units
        if _differs(before.at[u, "rank"], after.at[u, "rank"]) or _differs(before.at[u, "tier"], after.at[u, "tier"])
    ]
    out = pd.DataFrame({"unit": moved})
    for column in ("rank", "tier"):
        out[f"{column}_before"] = before[column].reindex(moved).astype("Int64").to_numpy()
        out[f"{column}_after"] = after[column].reindex(moved).astype("Int64").to_numpy()
    return out[["unit", "rank_before", "rank_after", "tier_before", "tier_after"]]


# ---- the frozen care statuses

STATUS_COLUMNS = [
    "county",
    "indicator",
    "name",
    "unit",
    "value",
    "target",
    "direction",
    "status",
    "median",
    "previous",
    "change",
]


def welfare_view(conn, period: str, version: int | None = None) -> welfare.PeriodView | None:
    """The published care figures of `period` as welfare.period_view returns live ones; None when the period has
    no published statuses."""
    publication = _version_of(conn, period, version)
    if publication is None:
        return None
    frame = _fetch(
        conn,
        f"SELECT {', '.join(STATUS_COLUMNS)}, previous_period FROM published_statuses "
        "WHERE period = $p AND version = $v ORDER BY position",
        {"p": period, "v": publication.version},
    )
    if frame.empty:
        return None
    previous = frame["previous_period"].iloc[0] or None
    table = frame[STATUS_COLUMNS].copy()
    return welfare.PeriodView(period, previous, table)


def welfare_in_force(conn, period: str, at: dt.datetime | None = None) -> tuple[Publication | None, welfare.PeriodView]:
    """The care figures a view of the official figures prints for `period`: the statuses of its newest version
    published by `at`, else the live ones. Returns (publication, view); the publication is None for live figures,
    also when the period was published without care figures."""
    publication = latest(conn, period, at=at)
    frozen = welfare_view(conn, period, publication.version) if publication else None
    if frozen is not None:
        return publication, frozen
    return None, welfare.period_view(conn, period)


def status_changes(published: welfare.PeriodView, other: welfare.PeriodView) -> pd.DataFrame:
    """County and indicator rows whose value or status differ: county, name, value_before, value_after,
    status_before, status_after (None = no status), in the published order."""
    keys = ["county", "indicator"]
    merged = published.table.merge(other.table, on=keys, how="outer", suffixes=("_before", "_after"), sort=False)
    merged["name"] = merged["name_before"].fillna(merged["name_after"])
    same_value = (merged["value_before"] == merged["value_after"]) | (
        merged["value_before"].isna() & merged["value_after"].isna()
    )
    same_status = merged["status_before"].fillna("") == merged["status_after"].fillna("")
    changed = merged[~(same_value & same_status)]
    return changed[["county", "name", "value_before", "value_after", "status_before", "status_after"]].reset_index(
        drop=True
    )


# ---- versions against each other


@dataclass(frozen=True)
class VersionChange:
    """One version of a period with what it changed against the one before (empty frames for version 1)."""

    publication: Publication
    ranks: pd.DataFrame  # level, peer, peer_class, unit, rank_before, rank_after
    statuses: pd.DataFrame  # status_changes


def history(conn, period: str) -> list[VersionChange]:
    """Every version of `period`, oldest first, each with the ranks and statuses it changed."""
    found = versions(conn, period)
    out = []
    for i, publication in enumerate(found):
        if i == 0:
            out.append(VersionChange(publication, _empty_rank_changes(), _empty_status_changes()))
            continue
        before = found[i - 1]
        out.append(
            VersionChange(
                publication,
                _frozen_rank_changes(conn, before, publication),
                _frozen_status_changes(conn, period, before.version, publication.version),
            )
        )
    return out


def _empty_rank_changes() -> pd.DataFrame:
    return pd.DataFrame(columns=["level", "peer", "peer_class", "unit", "rank_before", "rank_after"])


def _empty_status_changes() -> pd.DataFrame:
    return pd.DataFrame(columns=["county", "name", "value_before", "value_after", "status_before", "status_after"])


def _frozen_rank_changes(conn, before: Publication, after: Publication) -> pd.DataFrame:
    keys = ["level", "peer", "peer_class", "unit"]
    old = frozen_ranks(conn, before)[[*keys, "rank", "position"]]
    new = frozen_ranks(conn, after)[[*keys, "rank", "position"]]
    merged = new.merge(old, on=keys, how="outer", suffixes=("_after", "_before"))
    for column in ("rank_before", "rank_after"):
        merged[column] = merged[column].astype(float)
    merged = merged.sort_values(["level", "peer", "peer_class", "rank_after", "position_after"], na_position="last")
    differs = [_differs(b, a) for b, a in zip(merged["rank_before"], merged["rank_after"], strict=True)]
    moved = merged.loc[pd.Series(differs, index=merged.index, dtype=bool)]  # a bare empty list would pick columns
    out = moved[[*keys, "rank_before", "rank_after"]].reset_index(drop=True)
    for column in ("rank_before", "rank_after"):
        out[column] = out[column].astype("Int64")
    return out


def _frozen_status_changes(conn, period: str, before: int, after: int) -> pd.DataFrame:
    old, new = welfare_view(conn, period, before), welfare_view(conn, period, after)
    if old is None and new is None:
        return _empty_status_changes()
    empty = welfare.PeriodView(period, None, pd.DataFrame(columns=STATUS_COLUMNS))
    return status_changes(old or empty, new or empty)

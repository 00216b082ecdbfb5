"""Rankings read from the database: who the peers are, their values and the catalog in force, scored.

The page (through the UI's cache) and the CLI export both come here, so a link, a download and a meeting handout
show the same ranks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive import periods
from incentive.labels import tier_label
from incentive.race import scoring
from incentive.race.scoring import Ranking
from incentive.store import queries

LEVELS = ("county", "township")


@dataclass(frozen=True)
class PeerGroup:
    """The units compared together: all counties, or the townships of one county; with `peer_class`, only those of
    that class (分类考核), ranked by the class's weights (docs/methodology.md#peer-classes)."""

    level: str = "county"
    county: str = ""
    peer_class: str = ""

    @property
    def county_param(self) -> str:
        return self.county if self.level == "township" else ""


@dataclass(frozen=True)
class RankingSettings:
    """How a view ranks its units: `method` (scoring.METHODS), `weights` the tracks' weights as the rankings page's
    boxes and a link's `rank.weights` give them ((track, percent) pairs, scaled to sum to 1 by
    scoring.track_weights; empty: the catalog's), `tiers` the shares of units in the first and the third tier.
    The default is the official settings (z-score, catalog weights, exact thirds): any other is a trial
    (docs/decisions.md#the-briefing-prints-the-view)."""

    method: str = "z"
    weights: tuple[tuple[str, float], ...] = ()
    tiers: tuple[float, float] = scoring.TIER_SHARES

    @property
    def official(self) -> bool:
        return self == RankingSettings()

    def rank(self, conn: duckdb.DuckDBPyConnection, period: str, group: PeerGroup = PeerGroup()) -> Ranking:
        """The live ranking of `period` by these settings (rank_period)."""
        weights = dict(self.weights) or None
        return rank_period(conn, period, group, method=self.method, weights=weights, tier_shares=self.tiers)


def unit_classes(conn: duckdb.DuckDBPyConnection, group: PeerGroup = PeerGroup()) -> pd.Series:
    """The peer class of every unit of the group's level (its county's townships, or the counties), in display
    order: unit -> class ('' for a unit without one)."""
    found = queries.run(conn, "race_unit_classes", county=group.county_param)
    return pd.Series(found["peer_class"].to_numpy(), index=found["unit"].to_numpy(), dtype=object)


def peer_classes(conn: duckdb.DuckDBPyConnection, group: PeerGroup = PeerGroup()) -> list[str]:
    """The classes the units of the group's level are in, in the order they first appear; [] without classes."""
    return [c for c in dict.fromkeys(unit_classes(conn, group)) if c]


def class_choices(unit_classes: pd.DataFrame, unit: str | None = None) -> tuple[list[str], str]:
    """The classes a page offers and the one it opens on, from race_unit_classes' rows (unit, peer_class): the
    classes in the order they first appear, and `unit`'s class (the sidebar's county) else the first; ([], "")
    without classes. Where classes exist the ranking within a class is the official one (分类考核)."""
    classes = [c for c in dict.fromkeys(unit_classes["peer_class"]) if c]
    own = unit_classes.loc[unit_classes["unit"] == unit, "peer_class"]
    opening = own.iloc[0] if len(own) and own.iloc[0] else (classes[0] if classes else "")
    return classes, opening


def official_group(unit_classes: pd.DataFrame, unit: str, level: str = "county", county: str = "") -> PeerGroup:
    """The group `unit` is officially ranked in, from race_unit_classes' rows of its level: its class's where it
    has one (分类考核), else all units of the level."""
    own = unit_classes.loc[unit_classes["unit"] == unit, "peer_class"]
    return PeerGroup(level, county, own.iloc[0] if len(own) else "")


def official_tiers(conn: duckdb.DuckDBPyConnection, period: str) -> pd.Series:
    """Each ranked county's tier (1-3) in `period` as officially ranked, live and without intervals: within its
    peer class where counties have classes (分类考核), else among all counties. What the tiers beside appraisal
    grades and personnel decisions are read from."""
    classes = peer_classes(conn)
    groups = [PeerGroup(peer_class=c) for c in classes] if classes else [PeerGroup()]
    tiers = [rank_period(conn, period, group, draws=0, sensitivity=False).ranked["tier"] for group in groups]
    return pd.concat(tiers) if tiers else pd.Series(dtype="Int64")


def class_left_out(catalog: pd.DataFrame, class_weights: pd.DataFrame, peer_class: str) -> list[str]:
    """The names of the catalog's indicators `peer_class` weighs 0 (leaves out), in catalog order."""
    zero = class_weights[(class_weights["peer_class"] == peer_class) & (class_weights["weight"] == 0)]["code"]
    return catalog.loc[catalog["code"].isin(set(zero)), "name"].tolist()


def class_catalog(catalog: pd.DataFrame, class_weights: pd.DataFrame, peer_class: str) -> pd.DataFrame:
    """The catalog as `peer_class` is ranked by: each indicator's weight replaced by the class's where the catalog
    gives one (class_weights: code, peer_class, weight), indicators the class weights 0 left out; the catalog
    itself for '' (every unit, the common weights)."""
    if not peer_class:
        return catalog
    own = class_weights[class_weights["peer_class"] == peer_class].set_index("code")["weight"]
    weights = own.reindex(catalog["code"]).to_numpy()
    out = catalog.assign(weight=[w if pd.notna(w) else c for w, c in zip(weights, catalog["weight"], strict=True)])
    return out[out["weight"] != 0].reset_index(drop=True)


def available_periods(conn: duckdb.DuckDBPyConnection, group: PeerGroup = PeerGroup()) -> list[str]:
    """Race periods with values for this peer group, oldest first."""
    return queries.run(conn, "race_periods", county=group.county_param)["period"].tolist()


def default_period(conn: duckdb.DuckDBPyConnection, year: int | None, group: PeerGroup = PeerGroup()) -> str | None:
    """The race period a year's views open on (periods.default_of_year): the newest that every unit taking part has
    sent (docs/decisions.md#which-counties-take-part), else the newest of those with the most units; None for a year
    without race scores."""
    return periods.default_of(queries.run(conn, "race_periods", county=group.county_param), year)


@dataclass(frozen=True)
class RaceInputs:
    """What one period's ranking of one peer group is computed from: the stored values (unit, indicator, value),
    the catalog in force, every unit compared, in display order, and the data-coverage share a unit needs to be
    ranked (the setting rank_min_coverage, 0-1). A publication freezes exactly these (incentive/publication), so
    its ranking is recomputed by the same code as a live one."""

    period: str
    values: pd.DataFrame
    catalog: pd.DataFrame
    units: list[str]
    min_coverage: float = scoring.MIN_COVERAGE


def min_coverage(conn: duckdb.DuckDBPyConnection) -> float:
    """The setting rank_min_coverage in force (a pinned link's at its moment), as a share 0-1."""
    found = queries.run(conn, "race_min_coverage")["min_coverage"].iloc[0]
    return scoring.MIN_COVERAGE if pd.isna(found) else float(found)


def race_inputs(conn: duckdb.DuckDBPyConnection, period: str, group: PeerGroup = PeerGroup()) -> RaceInputs:
    values = queries.run(conn, "race_values", period=period, county=group.county_param)
    units, catalog = group_units(conn, group), group_catalog(conn, period, group)
    if group.peer_class:  # only the class's units, so no other unit's values enter its means and spreads
        values = values[values["unit"].isin(units)].reset_index(drop=True)
    return RaceInputs(period, values, catalog, units, min_coverage(conn))


def group_units(conn: duckdb.DuckDBPyConnection, group: PeerGroup) -> list[str]:
    """Every unit the group compares, in display order (a class's only, with peer_class)."""
    if not group.peer_class:
        return queries.run(conn, "race_units", county=group.county_param)["unit"].tolist()
    classes = unit_classes(conn, group)
    return classes.index[classes == group.peer_class].tolist()


def group_catalog(
    conn: duckdb.DuckDBPyConnection, period: str, group: PeerGroup, catalog: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The race catalog in force for `period` (race_catalog's rows, or `catalog` when they were read already) with
    the group's class weights (class_catalog)."""
    catalog = queries.run(conn, "race_catalog", period=period) if catalog is None else catalog
    if not group.peer_class:
        return catalog
    return class_catalog(catalog, queries.run(conn, "race_class_weights", period=period), group.peer_class)


def rank_inputs(
    inputs: RaceInputs,
    *,
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    draws: int = scoring.DRAWS,
    sensitivity: bool = True,
    tier_shares: tuple[float, float] = scoring.TIER_SHARES,
) -> Ranking:
    return scoring.rank_units(
        inputs.values,
        inputs.catalog,
        period=inputs.period,
        units=inputs.units,
        method=method,
        weights=weights,
        draws=draws,
        sensitivity=sensitivity,
        tier_shares=tier_shares,
        min_coverage=inputs.min_coverage,
    )


def rank_period(
    conn: duckdb.DuckDBPyConnection,
    period: str,
    group: PeerGroup = PeerGroup(),
    *,
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    draws: int = scoring.DRAWS,
    sensitivity: bool = True,
    tier_shares: tuple[float, float] = scoring.TIER_SHARES,
) -> Ranking:
    return rank_inputs(
        race_inputs(conn, period, group),
        method=method,
        weights=weights,
        draws=draws,
        sensitivity=sensitivity,
        tier_shares=tier_shares,
    )


HISTORY_PERIODS = 8  # two years of quarters: what a rank-over-time chart can show legibly
HISTORY_COLUMNS = ["period", "unit", "rank", "composite", "tier"]


def periods_up_to(available: list[str], until: str | None = None, last: int | None = None) -> list[str]:
    """The periods of a rank history: of `available` (available_periods, oldest first), those up to `until` (all
    when it is not one of them), the `last` of them."""
    chosen = available[: available.index(until) + 1] if until in available else available
    return chosen[-last:] if last else chosen


def rank_history(
    conn: duckdb.DuckDBPyConnection,
    group: PeerGroup = PeerGroup(),
    *,
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    tier_shares: tuple[float, float] = scoring.TIER_SHARES,
    periods: list[str] | None = None,
) -> pd.DataFrame:
    """Rank and composite of every ranked unit in each period (no intervals): the bump chart's data; `periods`
    from periods_up_to (default: all)."""
    periods = available_periods(conn, group) if periods is None else periods
    inputs = PeriodInputs(conn, group, periods)
    frames = [history_rows(inputs(p), method=method, weights=weights, tier_shares=tier_shares) for p in periods]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=HISTORY_COLUMNS)


class PeriodInputs:
    """race_inputs of one peer group for any of several periods, reading what they share once: the units, the
    coverage setting and, for more than one period, the values and the catalogs of every period in one query each
    (twenty quarters of a province would otherwise be sixty queries). Called with a period: its RaceInputs, as
    race_inputs gives them. `periods`: those that will be asked for, when known (one: its values are read alone,
    and any other period asked is read when asked); a period without stored values has none (no error), as in
    race_inputs."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, group: PeerGroup, periods: list[str] | None = None):
        self._conn, self._group = conn, group
        self.units = group_units(conn, group)
        self.min_coverage = min_coverage(conn)
        self._every = periods is None or len(periods) != 1  # the values of every period read at once
        self._catalogs: dict[str, pd.DataFrame] = {}
        if self._every:
            values = queries.run(conn, "race_values_all", county=group.county_param)
            self._values = {period: rows.drop(columns="period") for period, rows in values.groupby("period")}
            self._none = values.drop(columns="period").iloc[:0]  # a period without values has none, as race_values
            said = sorted(self._values) if periods is None else list(periods)
            catalogs = queries.run(conn, "race_catalogs", periods=said)
            empty = catalogs.drop(columns="period").iloc[:0]
            by_period = {period: rows for period, rows in catalogs.groupby("period")}
            self._catalogs = {
                period: by_period[period].drop(columns="period").reset_index(drop=True)
                if period in by_period
                else empty
                for period in said
            }
        else:
            self._values = {}

    def __call__(self, period: str) -> RaceInputs:
        if self._every:
            values = self._values.get(period, self._none)
        else:  # the one period said, or another asked after all: read as race_inputs reads it
            if period not in self._values:
                self._values[period] = queries.run(
                    self._conn, "race_values", period=period, county=self._group.county_param
                )
            values = self._values[period]
        if self._group.peer_class:
            values = values[values["unit"].isin(self.units)].reset_index(drop=True)
        catalog = group_catalog(self._conn, period, self._group, self._catalogs.get(period))
        return RaceInputs(period, values, catalog, self.units, self.min_coverage)


def history_rows(
    inputs: RaceInputs,
    *,
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    tier_shares: tuple[float, float] = scoring.TIER_SHARES,
) -> pd.DataFrame:
    """One period's rows of a rank history (HISTORY_COLUMNS: period, unit, rank, composite, tier; ranked units in
    rank order): rank_units without intervals or other methods, with the `weights` of tracks this period's catalog
    has. The pages cache `inputs` per period, so another method or weighting only scores again."""
    ranked = scoring.composite_ranks(
        inputs.values,
        inputs.catalog,
        units=inputs.units,
        method=method,
        weights=_known(inputs.catalog, weights),
        tier_shares=tier_shares,
        min_coverage=inputs.min_coverage,
    )
    return pd.DataFrame(
        {
            "period": inputs.period,
            "unit": ranked.index,
            "rank": ranked["rank"].to_numpy(),
            "composite": ranked["composite"].to_numpy(),
            "tier": ranked["tier"].to_numpy(),
        }
    )


def _known(catalog: pd.DataFrame, weights: Mapping[str, float] | None):
    """Overrides for the tracks this period's catalog has (an older catalog may lack a newer track)."""
    if not weights:
        return weights
    tracks = set(catalog["track"])
    return {track: w for track, w in weights.items() if track in tracks}


@dataclass(frozen=True)
class FieldChange:
    """Two periods that rank different units: those ranked in `period` but not in `compare_period`, and those
    ranked in `compare_period` but not in `period` (no data, or too little to be ranked), in each ranking's order."""

    period: str
    compare_period: str
    ranked_now_only: tuple[str, ...]
    ranked_before_only: tuple[str, ...]


def field_change(now: Ranking, before: Ranking | None) -> FieldChange | None:
    """How the units ranked in `now` and in `before` differ, or None when they are the same units (or there is no
    `before`): rank moves are shown only between rankings of the same units, since a county missing from one period
    moves every county below it by a place it did not earn (docs/decisions.md#rank-moves-compare-the-same-units)."""
    if before is None:
        return None
    ranked_now, ranked_before = now.ranked.index.tolist(), before.ranked.index.tolist()
    now_set, before_set = set(ranked_now), set(ranked_before)
    only_now = tuple(u for u in ranked_now if u not in before_set)
    only_before = tuple(u for u in ranked_before if u not in now_set)
    if not only_now and not only_before:
        return None
    return FieldChange(now.period, before.period, only_now, only_before)


def field_breaks(history: pd.DataFrame) -> list[str]:
    """The periods of a rank history (rank_history's rows, oldest first) whose ranked units differ from those of
    the period before it: a line drawn across such a step would show a move of places the unit did not earn
    (a quarter three counties have sent ranks them 1 to 3), so the rank-over-time chart breaks there
    (docs/decisions.md#rank-moves-compare-the-same-units). [] when every period ranks the same units."""
    fields = history.groupby("period", sort=False)["unit"].agg(frozenset)
    steps = zip(fields.index[1:], fields.iloc[1:], fields.iloc[:-1], strict=True)
    return [period for period, units, before in steps if units != before]


def rank_changes(now: Ranking, before: Ranking | None) -> pd.Series:
    """Places gained since `before` (compare rank − rank: positive = moved up), per unit of `now`; missing for every
    unit when there is no `before` or the two periods rank different units (field_change,
    docs/decisions.md#rank-moves-compare-the-same-units), and for a unit not ranked in both (design-notes,
    "rank_change")."""
    if before is None or field_change(now, before) is not None:
        return pd.Series(pd.NA, index=now.table.index, dtype="Int64")
    return (before.table["rank"].reindex(now.table.index) - now.table["rank"]).astype("Int64")


def interval_text(low, high) -> str:
    """A rank interval as every table and sentence prints it: `2–5`; `3` when both ends agree (a rank that never
    moved under the weight draws); "" for an unranked unit."""
    if low is None or pd.isna(low):
        return ""
    return f"{int(low)}" if low == high else f"{int(low)}–{int(high)}"


def moves_text(moves) -> str:
    """`leave_out:R03=7;normalization:minmax=9;weights=7`: the single choices that move a unit most and the rank
    each gives, the export's moved_by column ("" when none moves it)."""
    return ";".join(f"{choice}:{detail}={rank}" if detail else f"{choice}={rank}" for choice, detail, rank in moves)


def ranking_rows(now: Ranking, before: Ranking | None = None) -> pd.DataFrame:
    """The one ranking table every view prints (the page, the briefing, `export rankings`), indexed by unit in the
    ranking's order (unranked last): rank, rank_low, rank_high, interval (text), compare_rank, rank_change
    (Int64, rank_changes: missing without `before` or when the periods rank different units), composite
    (unrounded), tier (1-3, missing when unranked), ranked, missing (indicators), imputed (codes), flags
    (scoring.flags), track_<track> scores, rank_<method>; from the joint draws over every modelling choice
    (robustness.py): rank_median, robust_low, robust_high, robust_interval (text), moved_places, moves."""
    table = now.table
    out = {column: table[column] for column in ("rank", "rank_low", "rank_high")}
    out["interval"] = [
        interval_text(low, high) for low, high in zip(table["rank_low"], table["rank_high"], strict=False)
    ]
    out["rank_median"] = table["rank_median"]
    out["robust_low"], out["robust_high"] = table["robust_low"], table["robust_high"]
    out["robust_interval"] = [
        interval_text(low, high) for low, high in zip(table["robust_low"], table["robust_high"], strict=False)
    ]
    out["moved_places"], out["moves"] = table["moved_places"], table["moves"]
    out["compare_rank"] = (
        before.table["rank"].reindex(table.index) if before is not None else pd.Series(pd.NA, index=table.index)
    )
    out["rank_change"] = rank_changes(now, before)
    out["composite"] = table["composite"]
    out["tier"] = table["tier"]
    for column in ("ranked", "missing", "coverage", "imputed", "winsorized"):
        out[column] = table[column]
    out["flags"] = [
        scoring.flags({"imputed": imputed, "winsorized": winsorized, "ranked": ranked})
        for imputed, winsorized, ranked in zip(table["imputed"], table["winsorized"], table["ranked"], strict=True)
    ]
    for track in now.catalog["track"].drop_duplicates():
        out[f"track_{track}"] = table[f"track_{track}"]
    for method in scoring.METHODS:
        out[f"rank_{method}"] = table[f"rank_{method}"]
    # one frame from all the columns: adding them one by one re-made the column index each time (a tenth of a
    # cached rankings page's Python with twenty viewers)
    return pd.DataFrame(out, index=table.index)


def export_table(
    ranking: Ranking,
    group: PeerGroup,
    compare: Ranking | None = None,
    lang: str = "zh",
    classes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per unit, as `export rankings` writes it (docs/decisions.md#ranking-export-columns): ranking_rows in
    canonical columns, composite and track scores to 6 decimals; rank_points only when 原始分值 ranks (every
    indicator in 分: scoring.methods_for). `classes` (unit -> peer class, unit_classes) adds `peer_class` where
    units have classes (分类考核)."""
    rows = ranking_rows(ranking, compare)
    out = pd.DataFrame({"period": ranking.period}, index=rows.index)
    if group.level == "township":
        out["county"] = group.county
        out["township"] = rows.index
    else:
        out["county"] = rows.index
    if classes and any(classes.values()):
        out["peer_class"] = [classes.get(unit, "") for unit in rows.index]
    out["composite"] = rows["composite"].round(6)
    for column in ("rank", "rank_low", "rank_high", "tier"):
        out[column] = rows[column]
    out["tier_label"] = rows["tier"].map(lambda tier: tier_label(tier, lang))
    out["flags"] = rows["flags"]
    # every modelling choice drawn at once (robustness.py); rank_low/rank_high stay the weights-only interval
    for column in ("rank_median", "robust_low", "robust_high", "moved_places"):
        out[column] = rows[column]
    out["moved_by"] = rows["moves"].map(moves_text)
    out["coverage"] = rows["coverage"].round(4)  # share of the period's indicators present (scoring.MIN_COVERAGE)
    for track in ranking.catalog["track"].drop_duplicates():
        out[f"track_{track}"] = rows[f"track_{track}"].round(6)
    for method in scoring.methods_for(ranking.catalog):  # 原始分值 is no rank on mixed units: no column, as the page
        out[f"rank_{method}"] = rows[f"rank_{method}"]
    if compare is not None:
        out["compare_period"] = compare.period
        out["compare_rank"] = rows["compare_rank"]
        out["rank_change"] = rows["rank_change"]  # empty when the periods rank different units
    return out.reset_index(drop=True)

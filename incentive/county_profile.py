"""一县一档 (county profile): one county's figures from every pillar, each with its year-on-year (同比) change.

Pure functions of what the pillars' own libraries compute (a Ranking per period, coverage.CountyFigures, the care
status table, movements.YearView), so the county page shows exactly the figures the rankings, training, care and
movements pages show, hidden by the same suppression patterns. A year-on-year change compares with the same period
a year earlier (periods.year_before); it is missing when either figure is missing, and withheld when either figure
is hidden (a change and one shown figure would give the other back). Rules: docs/decisions.md#county-profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from incentive import periods
from incentive.care import movements
from incentive.care.targets import with_status
from incentive.i18n import t, unit_label
from incentive.labels import status_label, tier_label, track_label
from incentive.race import rankings
from incentive.race.ranking_tables import change_arrow
from incentive.race.scoring import Ranking
from incentive.training import coverage
from incentive.training.coverage import CountyFigures


def rank_path(by_period: Mapping[str, Ranking], county: str, shown: list[str] | None = None) -> pd.DataFrame:
    """The county's place in each period of `shown` (default: every period of `by_period`; oldest first; each in
    `by_period`, which may hold the periods a year earlier too), one row per period: period, ranked (bool),
    rank, rank_low, rank_high (Int64, the weight-uncertainty interval), interval (text, rankings.interval_text),
    tier (Int64), composite, units (how many units were ranked), rank_year_before (its rank in the same period a
    year earlier when that period is in `by_period`) and change_year_before (places gained since then:
    rankings.rank_changes, missing when the two periods rank different units,
    docs/decisions.md#rank-moves-compare-the-same-units). A period where the county is not ranked keeps its row
    with missing figures: a gap in its history is shown, not closed up."""
    rows = []
    for period in by_period if shown is None else shown:
        now = by_period[period]
        table = now.table
        ranked = county in table.index and bool(table.at[county, "ranked"])
        before = by_period.get(periods.year_before(period))
        change = pd.NA
        before_rank = pd.NA
        if before is not None and county in before.table.index:
            before_rank = before.table.at[county, "rank"]
            if ranked:
                change = rankings.rank_changes(now, before).get(county, pd.NA)
        row = table.loc[county] if county in table.index else None
        rows.append(
            {
                "period": period,
                "ranked": ranked,
                "rank": row["rank"] if ranked else pd.NA,
                "rank_low": row["rank_low"] if ranked else pd.NA,
                "rank_high": row["rank_high"] if ranked else pd.NA,
                "interval": rankings.interval_text(row["rank_low"], row["rank_high"]) if ranked else "",
                "tier": row["tier"] if ranked else pd.NA,
                "composite": float(row["composite"]) if ranked else float("nan"),
                "units": len(now.ranked),
                "rank_year_before": before_rank,
                "change_year_before": change,
            }
        )
    out = pd.DataFrame(rows)
    for column in ("rank", "rank_low", "rank_high", "tier", "rank_year_before", "change_year_before"):
        out[column] = out[column].astype("Int64") if len(out) else pd.Series(dtype="Int64")
    return out


@dataclass(frozen=True)
class TrainingProfile:
    """The county's coverage in a window and in the same window a year earlier, as a viewer may see them.

    `row` / `row_before`: its training_coverage rows (None without cadres then); `hidden` / `hidden_before`: ''
    shown, 'small' or 'withheld' by that window's suppression pattern (coverage.county_figures). The changes
    (coverage in percentage points, hours per cadre, cadres not trained) are None when either window is hidden or
    missing, or the earlier one had no training of the county at all (`compared` False: coverage.headline, the one
    rule for a coverage change; records not loaded yet would read as a rise from nothing).
    `category_gap` and `domain_gap`: its weakest category and domain against the prefecture (one row each, the
    training page's 缺什么补什么), None when hidden or not measured."""

    row: pd.Series | None
    hidden: str
    row_before: pd.Series | None
    hidden_before: str
    coverage_pp: float | None
    hours_change: float | None
    untrained_change: int | None
    category_gap: pd.Series | None
    domain_gap: pd.Series | None
    compared: bool = False  # the earlier window had training of the county (coverage.Headline.compared)


def training(now: CountyFigures | None, before: CountyFigures | None, county: str) -> TrainingProfile:
    row, hidden = now.county(county) if now is not None else (None, "")
    row_before, hidden_before = before.county(county) if before is not None else (None, "")
    coverage_pp = hours_change = untrained_change = None
    compared = False
    # the training page's and the overview's rule (docs/decisions.md#one-rule-for-a-coverage-change)
    if row is not None:
        change = coverage.headline(row, row_before, hidden, hidden_before)
        coverage_pp = None if change.coverage_pp is None else round(change.coverage_pp, 1)
        hours_change = None if change.hours is None else round(change.hours, 1)
        untrained_change, compared = change.untrained, change.compared
    category_gap = domain_gap = None
    if now is not None and row is not None and not hidden:
        found = now.category_gaps[now.category_gaps["county"] == county]
        category_gap = found.iloc[0] if len(found) else None
        found = now.domain_gaps[now.domain_gaps["county"] == county]
        domain_gap = found.iloc[0] if len(found) else None
    return TrainingProfile(
        row,
        hidden,
        row_before,
        hidden_before,
        coverage_pp,
        hours_change,
        untrained_change,
        category_gap,
        domain_gap,
        compared,
    )


def training_absence(window: coverage.Window, county: str) -> tuple[str, str]:
    """Whose unsent training files the county page (and the training page of a county) names, and in which words: bulletin.absent_training's `county`
    and `sentence`. A county left out of the window itself (window.without) is named alone, in words of its own
    page: the prefecture's line ("本区间的各项数字不含上述县区") read there as if the page's figures, which are the
    county's own, left the county out. Any other county's page names every county left out, in the prefecture's
    words: the prefecture's figures it is set against leave them out."""
    if county in window.without:
        return county, "training_absent_own"
    return "", "training_absent_line"


def care(table: pd.DataFrame, table_year_before: pd.DataFrame | None, county: str) -> pd.DataFrame:
    """The county's care indicators of one period (welfare.status_table rows, published or live), in the table's
    order: indicator, name, unit, direction, value, target, status, median (the prefecture's), value_year_before,
    status_year_before (the same half-year a year earlier, from `table_year_before`; missing without one) and
    change_year_before (value − value_year_before)."""
    own = table[table["county"] == county]
    out = own[["indicator", "name", "unit", "direction", "value", "target", "status", "median"]].reset_index(drop=True)
    before = pd.DataFrame(columns=["indicator", "value", "status"])
    if table_year_before is not None and len(table_year_before):
        before = table_year_before[table_year_before["county"] == county][["indicator", "value", "status"]]
    earlier = before.set_index("indicator")
    out["value_year_before"] = out["indicator"].map(earlier["value"]).astype(float)
    out["status_year_before"] = out["indicator"].map(earlier["status"])
    out["change_year_before"] = out["value"].astype(float) - out["value_year_before"]
    return out


def care_status_trend(history: pd.DataFrame, county: str) -> pd.DataFrame:
    """The county's care statuses over every stored period (welfare.history, live values against the targets in
    force then): period, met, near, below (indicators in each status), oldest first. A missing value has no status
    and is in none of the counts."""
    columns = ["period", "met", "near", "below"]
    if history is None or history.empty:
        return pd.DataFrame(columns=columns)
    own = with_status(history[history["county"] == county])
    counts = (
        own.dropna(subset=["status"])
        .groupby(["period", "status"], sort=False)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["met", "near", "below"], fill_value=0)
    )
    periods_in_order = list(dict.fromkeys(own["period"]))
    return counts.reindex(periods_in_order, fill_value=0).rename_axis("period").reset_index()[columns]


def decisions(
    now: movements.YearView,
    before: movements.YearView | None,
    county: str,
    threshold: int,
    lang: str,
    partial: bool = False,
):
    """The county's personnel decisions of a year and the year before, one row per action (movements.ACTIONS):
    action, count and count_year_before as a viewer sees them (movements.county_table: `<5`, withheld, each year
    under its own pattern, exactly the movements page's cells; None when the county has no row that year), and
    change_year_before: the difference as text (`+2`, `-1`, `0`) only when both counts are shown, `withheld` in the
    user's language when either is hidden (with the shown one it would give the hidden one back), None when a year
    has no row. `partial`: this year's records stop before its end (movements.partial_year), so no change is
    computed (part of a year against a whole one would read as a fall): change_year_before says why instead.
    (Not the same months a year earlier: those counts beside the whole year's on 能上能下 would give the rest of
    that year by subtraction, unprotected.)"""

    def cells(view: movements.YearView | None) -> dict[str, tuple]:
        """action -> (the cell a viewer sees, the exact count, hidden?); {} when the county has no row."""
        if view is None:
            return {}
        own = view.summary[view.summary["county"] == county]
        if own.empty:
            return {}
        shown = movements.county_table(own, view.pattern, threshold, lang).iloc[0]
        return {
            a: (shown[a], own.iloc[0][a], bool(movements.statuses(own, view.pattern, a).iloc[0]))
            for a in movements.ACTIONS
        }

    now_cells, before_cells = cells(now), cells(before)
    rows = []
    for action in movements.ACTIONS:
        count = now_cells.get(action)
        earlier = before_cells.get(action)
        change = None
        if partial and count is not None and earlier is not None:
            change = t("profile_change_partial", lang)
        elif count is not None and earlier is not None:
            if count[2] or earlier[2]:
                change = t("withheld", lang)
            else:
                difference = int(count[1]) - int(earlier[1])
                change = f"{difference:+d}" if difference else "0"
        rows.append(
            {
                "action": action,
                "count": count[0] if count else None,
                "count_year_before": earlier[0] if earlier else None,
                "change_year_before": change,
            }
        )
    return pd.DataFrame(rows, columns=["action", "count", "count_year_before", "change_year_before"])


# ---- whose profile, and the tables as a leader reads them


def whose(requested: str, own: str | None, counties: list[str]) -> tuple[str | None, bool]:
    """The county whose profile is shown, and whether the address asked for another one that was refused.

    A county account (`own`: his county; docs/decisions.md#county-profile) sees his own county's profile only,
    whatever the sidebar or the address names; everybody else the requested county when it is one of `counties`,
    else None (the page then asks which)."""
    if own:
        return own, bool(requested) and requested != own
    return (requested if requested in counties else None), False


def rank_path_table(path: pd.DataFrame, lang: str) -> pd.DataFrame:
    """rank_path as the page prints it, newest period first: period, rank, interval, tier, composite (3
    decimals), units ranked, rank a year earlier and the change since (↑/↓/持平; missing when not comparable)."""
    rows = path.iloc[::-1]
    return pd.DataFrame(
        {
            t("profile_col_period", lang): rows["period"],
            t("col_rank", lang): rows["rank"],
            t("col_rank_interval", lang): [text or None for text in rows["interval"]],
            t("col_tier", lang): [tier_label(tier, lang) or None for tier in rows["tier"]],
            t("col_composite", lang): rows["composite"].round(3),
            t("profile_col_units", lang): rows["units"],
            t("profile_col_rank_year_before", lang): rows["rank_year_before"],
            t("profile_col_change_year_before", lang): [change_arrow(c, lang) for c in rows["change_year_before"]],
        }
    ).reset_index(drop=True)


def benchmark_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """indicator_benchmarks as the page prints it: indicator, track, unit of measure, better direction, value,
    peers' median, 标杆 (90th percentile in the better direction) and how far from it, the best unit, its value
    and how far from it (negative: behind, in the better direction), the value a year earlier and the change
    since (values rounded to 2 decimals)."""
    return pd.DataFrame(
        {
            t("col_indicator", lang): frame["name"],
            t("col_track", lang): [track_label(track, lang) for track in frame["track"]],
            t("profile_col_unit", lang): [unit_label(u, lang) for u in frame["unit_of_measure"]],
            t("profile_col_direction", lang): [t(f"profile_direction_{d}", lang) for d in frame["direction"]],
            t("col_value", lang): _two_places(frame["value"]),
            t("col_median", lang): _two_places(frame["median"]),
            t("profile_col_benchmark", lang): _two_places(frame["benchmark"]),
            t("brief_col_gap", lang): _two_places(frame["from_benchmark"]),
            t("profile_col_best_unit", lang): frame["best_unit"],
            t("profile_col_best", lang): _two_places(frame["best"]),
            t("profile_col_from_best", lang): _two_places(frame["from_best"]),
            t("profile_col_value_year_before", lang): _two_places(frame["value_year_before"]),
            t("profile_col_change_year_before", lang): _two_places(frame["value"] - frame["value_year_before"]),
        }
    )


def care_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """care() as the page prints it: indicator, value, target, status, prefecture median, value and status a year
    earlier, change since (statuses in words; missing as missing)."""

    def status(value) -> str | None:
        return status_label(value, lang) if isinstance(value, str) and value else None

    return pd.DataFrame(
        {
            t("col_indicator", lang): frame["name"],
            t("profile_col_unit", lang): [unit_label(u if isinstance(u, str) else "", lang) for u in frame["unit"]],
            t("col_value", lang): frame["value"],
            t("col_target", lang): frame["target"],
            t("col_status", lang): [status(s) for s in frame["status"]],
            t("col_median", lang): _two_places(frame["median"]),
            t("profile_col_value_year_before", lang): frame["value_year_before"],
            t("profile_col_status_year_before", lang): [status(s) for s in frame["status_year_before"]],
            t("profile_col_change_year_before", lang): _two_places(frame["change_year_before"]),
        }
    )


def _two_places(values: pd.Series) -> pd.Series:
    """Rounded to 2 decimals as Python's format rounds the stored number (32.085 → 32.09), which is how the other
    pages print the same figure (ranking_tables.number_text); pandas' round halves to even on the binary value and
    read 32.08 for it. A median of care rates carries no float noise into a download (89.94999999999999). No
    negative zero: the best county's own distance from the best read "-0" (+ 0.0 turns -0.0 into 0.0)."""
    return values.map(lambda v: float(f"{v:.2f}") + 0.0 if pd.notna(v) else v)


def decisions_note(year: int, threshold: int, lang: str, compared: bool) -> str:
    """What the decisions table shows, under it on the page and in the briefing: the two years and the small-numbers
    rule; when the year before has no decision recorded (`compared` False: movements.compares_with_year_before), that it is
    set against nothing."""
    note = t("profile_decisions_note", lang, year=year, before=year - 1, threshold=threshold, top=threshold - 1)
    return note if compared else note + " " + t("profile_no_year_before", lang, period=year - 1)


def decisions_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """decisions() as the page prints it: action in words, this year's count, last year's, the change."""
    return pd.DataFrame(
        {
            t("profile_col_action", lang): [t(f"action_{a}", lang) for a in frame["action"]],
            t("profile_col_count", lang): frame["count"],
            t("profile_col_count_year_before", lang): frame["count_year_before"],
            t("profile_col_change_year_before", lang): frame["change_year_before"],
        }
    )


def history_periods(available: list[str], period: str, last: int) -> tuple[list[str], list[str]]:
    """The race periods of a county's rank history up to `period`: the `last` stored ones starting no later than
    it (oldest first), and those plus the same periods a year earlier that are stored (what must be ranked for
    the year-on-year changes)."""
    start = periods.bounds(period)[0]
    shown = [p for p in available if periods.bounds(p)[0] <= start][-last:]
    earlier = [periods.year_before(p) for p in shown if periods.year_before(p) in available]
    return shown, list(dict.fromkeys([*shown, *earlier]))


RANK_COMPARISONS = ("previous", "year")  # why the rank moved: since the previous period (环比) or a year ago (同比)


def rank_comparisons(period: str, available: list[str]) -> dict[str, str]:
    """The comparisons a rank move of `period` can be explained by, each with the stored period it is against, in
    RANK_COMPARISONS' order: the previous period (periods.previous_stored) and the same period a year earlier
    (periods.year_before) when stored. One that is not stored is left out rather than offered to lead to "nothing
    to compare" (the first year of data has no 同比; the first period has neither)."""
    against = {"previous": periods.previous_stored(period, available), "year": periods.year_before(period)}
    return {kind: against[kind] for kind in RANK_COMPARISONS if against[kind] in available}

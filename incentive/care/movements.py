"""能上能下: personnel decisions per county and year, their rates, and how they line up with the race tiers.

Counts only, never individuals. For movements in year Y, a county's tier is its tier in the last race period of year Y-1
(docs/decisions.md#tier-of-the-period-before), else in the latest race period before Y; personnel-event counts from 1 to
threshold - 1 show `<5` for viewers (0 shows 0). Totals and tier subtotals would give those back by subtraction, so a
year's figures are hidden by one complementary pattern (`year_view`, incentive/disclosure.py) that the page's table,
headline, tier table, charts, downloads and `export movements_summary --suppress` all show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive import disclosure, periods
from incentive.disclosure import SMALL, WITHHELD, Line, Pattern
from incentive.i18n import t
from incentive.race import rankings
from incentive.store import queries

ACTIONS = (
    "promotion",
    "rank_promotion",
    "lateral",
    "transfer",
    "demotion",
    "dismissal",
    "accountability",
    "fault_tolerance",
)
RATES = {"promotion_per_100": "promotion", "accountability_per_100": "accountability"}  # rate -> its count
TIER_ACTIONS = ("promotion", "demotion", "dismissal", "accountability", "fault_tolerance")  # the tier table's


def summary_by_county(decisions: pd.DataFrame, sizes: pd.DataFrame) -> pd.DataFrame:
    """One row per county (roster order, then any county only the decisions name): a count per action, cadres on
    the roster, promotions and accountability cases per 100 cadres."""
    counts = decisions.pivot_table(
        index="county", columns="action", values="decisions", aggfunc="sum", fill_value=0, sort=False
    )
    order = list(dict.fromkeys([*sizes["county"], *decisions["county"]]))
    out = counts.reindex(index=order, columns=list(ACTIONS), fill_value=0).fillna(0).astype(int)
    out["cadres"] = sizes.set_index("county")["cadres"].reindex(order).astype("Int64")
    for rate, action in RATES.items():
        out[rate] = per_100(out[action], out["cadres"])
    return out.rename_axis("county").reset_index()


def per_100(count, cadres):
    """Decisions per 100 cadres on the roster in force at the year's end (scalars or Series); NaN without cadres."""
    if isinstance(cadres, pd.Series):
        cadres = cadres.astype(float)  # a missing roster size (NA) becomes NaN, and so does its rate
        return count.astype(float) / cadres.where(cadres > 0) * 100
    return float("nan") if pd.isna(cadres) or not cadres else count / cadres * 100


def totals_by_year(decisions: pd.DataFrame) -> pd.DataFrame:
    """One row per year: the prefecture's count of each action (the trend of 问责 against 容错免责), from
    queries/movements_by_year."""
    counts = decisions.pivot_table(index="year", columns="action", values="decisions", aggfunc="sum", fill_value=0)
    out = counts.reindex(columns=list(ACTIONS), fill_value=0).astype(int).rename_axis(None, axis=1)
    return out.reset_index()[["year", *ACTIONS]]


def decided_in(decisions: pd.DataFrame, year: int) -> bool:
    """Whether any personnel decision dated in `year` is recorded, from queries/movements_by_year: exactly when
    queries/movements_by_county of that calendar year has rows (it places every decision of its dates, under
    county '' at worst), without its pass over the roster."""
    return year in {int(y) for y in decisions["year"].dropna()}


def compares_with_year_before(decisions: pd.DataFrame, year: int) -> bool:
    """Whether `year`'s decisions are set against the year before's, from queries/movements_by_year: only when any
    decision of that year is recorded. A year without one is not a year of no decisions but one whose records were
    never loaded (the sample's 2022), and is compared with nothing (a county's 上年 read 0 and its 同比 +10 against
    it: a new user's review). The county page and the briefing's county page ask it alike."""
    return decided_in(decisions, year - 1)


def recorded_through(last_date: pd.DataFrame) -> dt.date | None:
    """The date of the newest personnel decision recorded, from queries/movements_last_date; None when none is."""
    value = last_date["last_date"].iloc[0]
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def partial_year(year: int, through: dt.date | None) -> dt.date | None:
    """The last day recorded when `year` is the year the records stop in before its end (its counts are of part
    of the year, and a comparison with a whole year would read as a fall); else None."""
    if through is None or through.year != year or through >= dt.date(year, 12, 31):
        return None
    return through


def tier_period(race_periods: list[str], year: int) -> str | None:
    """The race period whose tiers explain movements in `year` (docs/decisions.md#tier-of-the-period-before): the latest of year-1
    (periods.latest_of_year), else the latest before year, else None."""
    before = [p for p in periods.newest_first(race_periods) if int(p[:4]) < year]
    return periods.latest_of_year(before, year - 1) or next(iter(before), None)


def by_tier(summary: pd.DataFrame, tiers: pd.Series) -> pd.DataFrame:
    """Counties grouped by their tier: counties, cadres, decisions, and rates per 100 cadres."""
    frame = summary[summary["county"].isin(tiers.index)].assign(tier=lambda f: f["county"].map(tiers))
    grouped = frame.groupby("tier").agg(
        counties=("county", "count"), cadres=("cadres", "sum"), **{action: (action, "sum") for action in ACTIONS}
    )
    for rate, action in RATES.items():
        grouped[rate] = per_100(grouped[action], grouped["cadres"])
    grouped["fault_tolerance_per_accountability"] = grouped["fault_tolerance"] / grouped["accountability"].where(
        grouped["accountability"] > 0
    )
    return grouped.reset_index()


# ---- what a viewer may see: one pattern per year for every view of that year's figures


def county_key(county: str, action: str) -> tuple:
    return ("county", county, action)


def tier_key(tier: int, action: str) -> tuple:
    return ("tier", int(tier), action)


def total_key(action: str) -> tuple:
    return ("all", action)


def disclosure_lines(summary: pd.DataFrame, tiers: pd.Series | None) -> tuple[dict, list[Line]]:
    """Sizes and lines of a year's counts, per action: the counties of each tier add up to the tier's subtotal
    (when tiers are shown), and the tiers with the counties outside them add up to the prefecture's total."""
    sizes, lines = {}, []
    tier_of = summary["county"].map(tiers) if tiers is not None else pd.Series(pd.NA, index=summary.index)
    tier_of = tier_of.where(summary["county"] != "")
    for action in ACTIONS:
        top = []
        for county, count in zip(summary["county"], summary[action], strict=False):
            sizes[county_key(county, action)] = int(count)
        for tier in sorted(tier_of.dropna().unique()):
            members = tuple(county_key(c, action) for c in summary.loc[tier_of == tier, "county"])
            sizes[tier_key(tier, action)] = sum(sizes[m] for m in members)
            lines.append(Line(tier_key(tier, action), members))
            top.append(tier_key(tier, action))
        top += [county_key(c, action) for c in summary.loc[tier_of.isna(), "county"]]
        sizes[total_key(action)] = int(summary[action].sum())
        lines.append(Line(total_key(action), tuple(top)))
    return sizes, lines


@dataclass(frozen=True)
class YearView:
    """A year's counts by county, the tiers they are compared with (None before any race), and the one pattern
    every view of them shows."""

    summary: pd.DataFrame
    tiers: pd.Series | None
    tier_period: str | None
    pattern: Pattern


def year_view(conn: duckdb.DuckDBPyConnection, year: int, threshold: int) -> YearView:
    return year_views(conn, [year], threshold)[year]


def year_views(conn: duckdb.DuckDBPyConnection, years: Iterable[int], threshold: int) -> dict[int, YearView]:
    """year_view of each of `years`, from one read of their decisions and one of their roster sizes: the page's
    yearly trend shows each year's own pattern, and a read per year was most of its first run at a province's
    scale. Each year's view is what year_view of it alone gives (its rows of the reads, its own tiers)."""
    years = sorted({int(y) for y in years})
    if not years:
        return {}
    decisions = queries.run(conn, "movements_by_county", start=dt.date(years[0], 1, 1), end=dt.date(years[-1], 12, 31))
    sizes = queries.run(conn, "roster_sizes", days=[dt.date(year, 12, 31) for year in years])
    race_periods = queries.run(conn, "race_periods", county="")["period"].tolist()
    tiers_of: dict[str, pd.Series] = {}  # years whose tiers come from the same period rank it once
    views = {}
    for year in years:
        summary = summary_by_county(
            _rows(decisions, decisions["year"] == year, "year"),
            _rows(sizes, sizes["day"] == pd.Timestamp(year, 12, 31), "day"),
        )
        period = tier_period(race_periods, year)
        tiers = None
        if period is not None:  # tiers only: no rank intervals needed
            if period not in tiers_of:  # within the peer class where there are classes
                tiers_of[period] = rankings.official_tiers(conn, period)
            tiers = tiers_of[period].copy()
        cells, lines = disclosure_lines(summary, tiers)
        views[year] = YearView(summary, tiers, period, disclosure.protect(cells, lines, threshold))
    return views


def _rows(frame: pd.DataFrame, chosen: pd.Series, key: str) -> pd.DataFrame:
    """The rows of one year (or day) of a read of several, as a read of that one alone returns them."""
    return frame[chosen].drop(columns=key).reset_index(drop=True)


def statuses(summary: pd.DataFrame, pattern: Pattern, action: str) -> pd.Series:
    """'small', 'withheld' or '' for each county's count of `action`."""
    return pd.Series([pattern.status(county_key(c, action)) for c in summary["county"]], index=summary.index)


def tier_statuses(grouped: pd.DataFrame, pattern: Pattern, action: str) -> pd.Series:
    return pd.Series([pattern.status(tier_key(tier, action)) for tier in grouped["tier"]], index=grouped.index)


def visible_rates(grouped: pd.DataFrame, pattern: Pattern) -> pd.DataFrame:
    """Tier rates whose count a viewer may not see become NaN, so a chart cannot give the count away."""
    out = grouped.copy()
    for rate, count in RATES.items():
        out[rate] = out[rate].where(tier_statuses(grouped, pattern, count) == "")
    return out


def shown_count(count, status: str, threshold: int, lang: str) -> str | None:
    """A count as a viewer sees it: `<5` when small, withheld when hidden to protect a small one; None when there
    is none ("—" on a page, an empty cell in a download)."""
    if pd.isna(count):
        return None
    if status == SMALL:
        return f"<{threshold}"
    if status == WITHHELD:
        return t("withheld", lang)
    return disclosure.count_text(count)


def shown_rate(rate, status: str, threshold: int, lang: str) -> str | None:
    """A rate per 100 cadres, hidden like the count it comes from, in words that fit a rate (never `<5`); None
    when there is none."""
    if pd.isna(rate):
        return None
    if status == SMALL:
        return t("withheld_rate_small", lang, threshold=threshold)
    if status == WITHHELD:
        return t("withheld", lang)
    return f"{rate:.1f}"


def chart_marks(statuses_: pd.Series, threshold: int, lang: str) -> pd.Series:
    """The label a hidden bar carries instead of its value ('' for a shown one)."""
    return statuses_.map({SMALL: f"<{threshold}", WITHHELD: t("withheld", lang)}).fillna("")


def county_table(summary: pd.DataFrame, pattern: Pattern | None, threshold: int, lang: str) -> pd.DataFrame:
    """One row per county of a year as a viewer sees it: county ('' = not on any roster), a count per action
    (shown_count: `<5`, withheld), cadres (None when unknown) and the rates per 100 cadres (shown_rate, hidden with
    their count). Without a pattern (the CLI's exact figures) counts are the integers and rates the floats."""
    out = summary[["county"]].copy()
    for action in ACTIONS:
        if pattern is None:
            out[action] = summary[action]
        else:
            marks = statuses(summary, pattern, action)
            out[action] = [shown_count(n, m, threshold, lang) for n, m in zip(summary[action], marks, strict=False)]
    out["cadres"] = summary["cadres"] if pattern is None else summary["cadres"].map(disclosure.count_text)
    for rate, action in RATES.items():
        if pattern is None:
            out[rate] = summary[rate]
        else:
            marks = statuses(summary, pattern, action)
            out[rate] = [shown_rate(r, m, threshold, lang) for r, m in zip(summary[rate], marks, strict=False)]
    return out


def summary_frame(summary: pd.DataFrame, pattern: Pattern | None, threshold: int) -> pd.DataFrame:
    """`export movements_summary`: county_table's counts; with a pattern (--suppress), small counts read
    `<threshold` and withheld ones `withheld`, exactly as a viewer sees them."""
    return county_table(summary, pattern, threshold, "en")[["county", *ACTIONS]]


@dataclass(frozen=True)
class Totals:
    """The prefecture's year: decisions per action, cadres, promotions per 100 cadres, and each total's status
    under the year's pattern ('' shown, 'small', 'withheld')."""

    counts: dict[str, int]
    cadres: int
    promotion_per_100: float
    statuses: dict[str, str]


def totals(view: YearView) -> Totals:
    counts = {action: int(view.summary[action].sum()) for action in ACTIONS}
    cadres = int(view.summary["cadres"].sum())
    return Totals(
        counts,
        cadres,
        per_100(counts["promotion"], cadres),
        {action: view.pattern.status(total_key(action)) for action in ACTIONS},
    )


def tier_table(grouped: pd.DataFrame, pattern: Pattern, threshold: int, lang: str) -> pd.DataFrame:
    """by_tier as a viewer sees it: tier, counties, cadres and the TIER_ACTIONS counts (shown_count)."""
    out = grouped[["tier", "counties", "cadres"]].copy()
    out["cadres"] = out["cadres"].map(disclosure.count_text)
    for action in TIER_ACTIONS:
        out[action] = [
            shown_count(n, m, threshold, lang)
            for n, m in zip(grouped[action], tier_statuses(grouped, pattern, action), strict=False)
        ]
    return out

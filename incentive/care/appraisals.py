"""年度考核等次: how a year's annual appraisal grades fall by county, whether promotions follow them, whether low
grades lead to adjustment, and how they line up with the race tiers. Counts only, never individuals.

Sources of the rules: the 公务员考核规定 (2020) for the grades and the 优秀 proportion (一般掌握在参加年度考核人数的
20% 以内: the `excellent_quota` setting, counted over everyone appraised, 不定等次 included); the 推进领导干部能上能下
规定 (2022), which lists a 不称职 grade (and two 基本称职 running) among the grounds for 调整. The definitions below
are in docs/decisions.md#appraisals:

- A cadre counts for the county of the roster in force on 31 December of the appraisal year (queries/
  appraisal_outcomes.sql); a cadre on no roster counts under county ''.
- "Promoted" is a 提拔 dated in the year after the appraisal; "adjusted" a 降职 or 免职 in that year. The year after
  is measured as far as personnel decisions are recorded (`YearView.follow`), and the pages say to when.
- A county's tier is its tier in the last race period of the appraisal year (movements.tier_period of the year
  after: the tiers the year's work earned).

Counts of people from 1 to threshold - 1 show `<5` for viewers (0 shows 0); county totals, tier subtotals and the
prefecture's totals would give them back by subtraction, so each of the three counts (graded, promoted,
adjusted) is protected by one complementary pattern per year (incentive/disclosure.py) that every view of the
year's figures shows: the page's tables, charts and downloads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import duckdb
import pandas as pd

from incentive import disclosure
from incentive.care import movements
from incentive.disclosure import SMALL, Line, Pattern
from incentive.i18n import t
from incentive.race import rankings
from incentive.store import queries

GRADES = ("excellent", "competent", "basic", "incompetent", "ungraded")
LOW = ("basic", "incompetent")  # the grades the 能上能下规定 names among the grounds for 调整
ALL = "all"  # the column of every grade: the cadres appraised
COUNTS = ("graded", "promoted", "adjusted")  # cadres by grade; of them promoted / adjusted the year after


def years(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """Years with appraisal grades, newest first."""
    return [int(y) for y in queries.run(conn, "appraisal_years")["year"]]


def shown_year(available: list[int], year: int) -> int | None:
    """The appraisal year a page shows for the sidebar's `year`: that year when it has grades, else the latest
    before it (an appraisal is done in the winter after its year), else None."""
    earlier = [y for y in available if y <= year]
    return max(earlier) if earlier else None


def follow_window(year: int, recorded_until: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The year after `year` as far as personnel decisions are recorded: (1 January, the earlier of 31 December and
    the last recorded decision); None when nothing is recorded in it."""
    start, end = dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31)
    if recorded_until is None or recorded_until < start:
        return None
    return start, min(end, recorded_until)


def grade_frames(outcomes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """queries/appraisal_outcomes as three county x grade tables of counts (graded, promoted, adjusted), counties
    in the query's order, columns GRADES then ALL (their sum)."""
    order = list(dict.fromkeys(outcomes["county"]))
    summed = outcomes.groupby(["county", "grade"], sort=False)[["cadres", "promoted", "adjusted"]].sum()
    frames = {}
    for count in COUNTS:
        table = summed["cadres" if count == "graded" else count].unstack("grade")
        table = table.reindex(index=order, columns=list(GRADES)).fillna(0).astype(int)
        table[ALL] = table.sum(axis=1)
        frames[count] = table.rename_axis(None, axis=1)
    return frames


def unit_counts(outcomes: pd.DataFrame) -> pd.DataFrame:
    """queries/appraisal_outcomes per county and 单位, in the query's order: county, unit, appraised (every grade,
    不定等次 included, as the quota counts them), excellent."""
    units = outcomes.assign(excellent=outcomes["cadres"].where(outcomes["grade"] == "excellent", 0))
    units = units.groupby(["county", "unit"], sort=False)[["cadres", "excellent"]].sum().reset_index()
    return units.rename(columns={"cadres": "appraised"})[["county", "unit", "appraised", "excellent"]]


# ---- what a viewer may see: one pattern per year for every view of that year's figures


def county_key(count: str, county: str, grade: str) -> tuple:
    return (count, "county", county, grade)


def tier_key(count: str, tier: int, grade: str) -> tuple:
    return (count, "tier", int(tier), grade)


def total_key(count: str, grade: str) -> tuple:
    return (count, "all", grade)


def disclosure_lines(frames: dict[str, pd.DataFrame], tiers: pd.Series | None) -> tuple[dict, list[Line]]:
    """Sizes and lines of a year's three counts, as the views show them. Cadres graded: along each row the grades
    add up to ALL (the appraised); down each grade the counties of a tier add up to the tier's subtotal (when
    tiers are shown), and the tiers with the counties outside them to the prefecture's total. Promoted and
    adjusted: per grade only, the counties adding up to the prefecture's total (no view sums them across grades
    or by tier, and a line no view shows would only hide more)."""
    sizes, lines = {}, []
    for count, table in frames.items():
        counties = list(table.index)
        graded = count == "graded"
        tier_of = {}
        if graded and tiers is not None:
            tier_of = {c: int(tiers[c]) for c in counties if c and c in tiers.index and pd.notna(tiers[c])}
        tier_list = sorted(set(tier_of.values()))
        untiered = [c for c in counties if c not in tier_of]
        for grade in (*GRADES, ALL) if graded else GRADES:
            for county, size in zip(counties, table[grade].tolist(), strict=True):  # a column at once, not per cell
                sizes[county_key(count, county, grade)] = int(size)
            top = []
            for tier in tier_list:
                members = tuple(county_key(count, c, grade) for c in counties if tier_of.get(c) == tier)
                sizes[tier_key(count, tier, grade)] = sum(sizes[m] for m in members)
                lines.append(Line(tier_key(count, tier, grade), members))
                top.append(tier_key(count, tier, grade))
            top += [county_key(count, c, grade) for c in untiered]
            sizes[total_key(count, grade)] = sum(sizes[m] for m in top)
            lines.append(Line(total_key(count, grade), tuple(top)))
        if not graded:
            continue
        rows = [(county_key, c) for c in counties] + [(tier_key, tier) for tier in tier_list] + [(None, None)]
        for key_of, who in rows:
            cells = [key_of(count, who, g) if key_of else total_key(count, g) for g in GRADES]
            total = key_of(count, who, ALL) if key_of else total_key(count, ALL)
            lines.append(Line(total, tuple(cells)))
    return sizes, lines


def protect_counts(sizes: dict, lines: list[Line], threshold: int) -> Pattern:
    """disclosure.protect of disclosure_lines' sizes and lines, one count at a time: no line joins two counts, and
    every step of protect works within the lines of one hidden cell (its exposures, the cell it withholds next), so
    each count's cells come out as they do from the whole table, while each step no longer searches the other
    counts' cells (the province's grades: 0.6-0.8 s a year whole, 0.45 s in three)."""
    patterns = []
    for count in COUNTS:
        own = [line for line in lines if line.total[0] == count]
        if any(member[0] != count for line in own for member in line.members):
            raise ValueError(f"a line of {count} counts joins another count")
        patterns.append(disclosure.protect({k: v for k, v in sizes.items() if k[0] == count}, own, threshold))
    if sum(len(p.cells) for p in patterns) != len(sizes):
        raise ValueError("a cell of no count")
    return Pattern(**{f.name: frozenset().union(*(getattr(p, f.name) for p in patterns)) for f in fields(Pattern)})


@dataclass(frozen=True)
class YearView:
    """A year's appraisal: county x grade counts (`frames`: graded, promoted, adjusted), the 单位's (`units`:
    unit_counts, read with them and shown only as units_above_quota's shares), the tiers they are compared with
    (None before any race) and their period, the year after as recorded (`follow`, None when nothing is recorded
    in it: then promoted and adjusted are all 0 and the pages say why), and the one pattern every view of these
    figures shows."""

    year: int
    frames: dict[str, pd.DataFrame]
    units: pd.DataFrame
    tiers: pd.Series | None
    tier_period: str | None
    follow: tuple[dt.date, dt.date] | None
    pattern: Pattern

    def status(self, count: str, county: str, grade: str) -> str:
        return self.pattern.status(county_key(count, county, grade))

    def total_status(self, count: str, grade: str) -> str:
        return self.pattern.status(total_key(count, grade))


def year_view(
    conn: duckdb.DuckDBPyConnection,
    year: int,
    threshold: int,
    *,
    recorded: pd.DataFrame | None = None,
    race_periods: list[str] | None = None,
) -> YearView:
    """The appraisal of `year` as every view shows it. ValueError when `year` has no grades. `recorded` and
    `race_periods`: the rows of queries/appraisal_years and the periods of queries/race_periods (county ''), when
    the caller has them (the app's cached reads, the same for every year: 0.04 s of each year's view at a
    province's scale); read here otherwise."""
    if recorded is None:
        recorded = queries.run(conn, "appraisal_years")
    if year not in set(recorded["year"].astype(int)):
        raise ValueError(f"no appraisal grades for {year}")
    until = recorded["movements_until"].iloc[0]
    follow = follow_window(year, None if pd.isna(until) else pd.Timestamp(until).date())
    start, end = follow or (dt.date(year + 1, 1, 1), dt.date(year, 12, 31))  # an empty window: nothing follows
    outcomes = queries.run(conn, "appraisal_outcomes", year=year, follow_start=start, follow_end=end)
    frames = grade_frames(outcomes)
    if race_periods is None:
        race_periods = queries.run(conn, "race_periods", county="")["period"].tolist()
    period = movements.tier_period(race_periods, year + 1)
    tiers = None
    if period is not None:
        tiers = rankings.official_tiers(conn, period)  # within the peer class where there are classes
    sizes, lines = disclosure_lines(frames, tiers)
    pattern = protect_counts(sizes, lines, threshold)
    return YearView(year, frames, unit_counts(outcomes), tiers, period, follow, pattern)


# ---- the figures as a viewer sees them


def shown_count(count, status: str, threshold: int, lang: str) -> str | None:
    """A count of people: `<5` when small, withheld when hidden to protect a small one (movements.shown_count)."""
    return movements.shown_count(count, status, threshold, lang)


def shown_share(part: int, whole: int, statuses: tuple[str, ...], lang: str, threshold: int) -> str | None:
    """`part` of `whole` as a percentage with one decimal, shown only when every count it comes from is (`statuses`
    all ''): a share of shown counts gives nothing away that they do not. None without a whole."""
    if not whole:
        return None
    if any(statuses):
        return t("withheld_rate_small", lang, threshold=threshold) if SMALL in statuses else t("withheld", lang)
    return f"{part / whole:.1%}"


def excellent_shares(view: YearView) -> pd.DataFrame:
    """Per county on a roster (not ''): the share of its appraised cadres graded 优秀 (a fraction; NaN when a
    viewer may not see it or nobody was appraised) and what hid it (`status`: '' shown, 'small' or 'withheld',
    the stronger of its two counts')."""
    table = view.frames["graded"]
    rows = []
    # the two columns as lists, not a cell at a time (pandas' .at: a millisecond of a hundred counties, every run)
    for county, excellent, whole in zip(table.index, table["excellent"].tolist(), table[ALL].tolist(), strict=True):
        if county == "":
            continue
        statuses = (view.status("graded", county, "excellent"), view.status("graded", county, ALL))
        status = disclosure.strongest(statuses)
        share = int(excellent) / int(whole) if whole and not status else float("nan")
        rows.append({"county": county, "share": share, "status": status if whole else ""})
    return pd.DataFrame(rows, columns=["county", "share", "status"])


def grade_table(view: YearView, threshold: int, quota: float, lang: str, exact: bool = False) -> pd.DataFrame:
    """One row per county ('' = cadres on no roster): appraised, a count per grade, the 优秀 share and whether it
    is above `quota` (a fraction); then the prefecture's row, county '' and `prefecture` True. As a viewer sees it
    (`<5`, withheld), or `exact` (the CLI, an administrator's export) with integers and the share as a float."""
    table = view.frames["graded"]
    # each county's counts as a dict of plain ints, not a row Series read a cell at a time (2 ms of a hundred
    # counties, every run of the page)
    by_county = dict(zip(table.index, table[[ALL, *GRADES]].to_dict("records"), strict=True))
    rows = []
    for county, whole_prefecture in [*((c, False) for c in table.index), ("", True)]:
        counts = table.sum() if whole_prefecture else by_county[county]
        statuses = {
            grade: view.total_status("graded", grade) if whole_prefecture else view.status("graded", county, grade)
            for grade in (ALL, *GRADES)
        }
        row = {"county": county, "prefecture": whole_prefecture}
        for grade in (ALL, *GRADES):
            row[grade] = (
                int(counts[grade]) if exact else shown_count(int(counts[grade]), statuses[grade], threshold, lang)
            )
        excellent, whole = int(counts["excellent"]), int(counts[ALL])
        share = excellent / whole if whole else None
        seen = exact or not (statuses["excellent"] or statuses[ALL])
        if exact:
            row["excellent_share"] = share
        else:
            row["excellent_share"] = shown_share(
                excellent, whole, (statuses["excellent"], statuses[ALL]), lang, threshold
            )
        row["above_quota"] = share > quota if share is not None and seen else None
        rows.append(row)
    return pd.DataFrame(rows, columns=["county", ALL, *GRADES, "excellent_share", "above_quota", "prefecture"])


def units_above_quota(view: YearView, quota: float, threshold: int) -> tuple[pd.DataFrame, int]:
    """The 单位 of `view` (YearView.units) whose 优秀 share of those appraised is above `quota`, as every role sees
    them on the page (docs/decisions.md#appraisals): county, unit, share (a fraction; NaN when withheld) and status
    ('' shown, or 'withheld' whatever hid it), the shown shares largest first, then the withheld ones by
    county and unit (placed among the shown ones, a share would be bounded by its neighbours); and beside, how many
    units above `quota` are not listed.

    A viewer knows each unit's size within a cadre or two (the training page's unit table counts its roster), so a
    share is a count: it is shown only when its 优秀 and its other grades both number `threshold` or more (never
    `<5` people, never a unit all 优秀). A unit with fewer than `threshold` appraised is not listed. Nor is any unit
    of a county whose 优秀 or appraised count the year's pattern hides: a unit's share or the bare fact that it is
    above `quota` (more than quota × its size) would bound a hidden county count and could give it back. Within a
    county whose counts are shown, the units' counts add up to the county's 优秀: `_units_pinned` audits that sum
    with what the list says of each unit, and shares are withheld (then units dropped) until no unit's count not
    shown is left one value that is `<threshold`, leaves fewer than `threshold` others, or is the whole unit."""
    units = view.units
    rows, unlisted = [], 0
    for county, own in units[units["appraised"] > 0].groupby("county", sort=False):
        counts = {
            unit: (int(n), int(e))
            for unit, n, e in zip(own["unit"], own["appraised"].tolist(), own["excellent"].tolist(), strict=True)
        }
        over = {u for u, (n, e) in counts.items() if e / n > quota}
        county_shown = not (view.status("graded", county, "excellent") or view.status("graded", county, ALL))
        listed = {u for u in over if counts[u][0] >= threshold} if county_shown else set()
        shown = {u for u in listed if _share_shows_no_small_count(*counts[u], threshold)}
        while True:
            pinned = _units_pinned(counts, listed, shown, quota, threshold)
            exposed = {u for u, e in pinned.items() if u not in shown and _gives_away(counts[u][0], e, threshold)}
            if not exposed:
                break
            alone = {u for u in exposed & listed if _fewest_above(counts[u][0], quota) == counts[u][0]}
            if alone:  # above the ceiling only when everyone is 优秀: listing it says so
                listed -= alone
            elif shown:  # the smallest shown count frees the most: withheld first
                shown.remove(min(shown, key=lambda u: (counts[u][1], u)))
            elif listed:
                listed = set()
            else:
                break  # the county's total with units under the ceiling: nothing the list shows
        unlisted += len(over - listed)
        for unit in listed:
            n, e = counts[unit]
            # one mark whatever hid the share: `<5` for a few and `withheld` for everyone 优秀 would tell a unit of
            # under 10 all 优秀 (its only share with no side under 5)
            share, status = (e / n, "") if unit in shown else (float("nan"), disclosure.WITHHELD)
            rows.append({"county": county, "unit": unit, "share": share, "status": status})
    listed = pd.DataFrame(rows, columns=["county", "unit", "share", "status"])
    listed = listed.assign(withheld=listed["status"] != "").sort_values(
        ["withheld", "share", "county", "unit"], ascending=[True, False, True, True], kind="stable"
    )
    return listed.drop(columns="withheld").reset_index(drop=True), unlisted


def _share_shows_no_small_count(appraised: int, excellent: int, threshold: int) -> bool:
    """Whether a unit's share, times its size, gives only counts a viewer may see: 优秀 and the others each
    `threshold` or more."""
    return excellent >= threshold and appraised - excellent >= threshold


def _gives_away(appraised: int, excellent: int, threshold: int) -> bool:
    """Whether knowing that `excellent` of a unit's `appraised` are 优秀 discloses what a viewer may not see: a count
    from 1 to threshold - 1 of 优秀 or of the others, or everyone 优秀 (each cadre's grade). None 优秀 is a 0,
    which the tables show."""
    others = appraised - excellent
    return 1 <= excellent < threshold or 1 <= others < threshold or (excellent == appraised > 0)


def _fewest_above(appraised: int, quota: float) -> int:
    """The fewest 优秀 of `appraised` above `quota` (the list's test, e / n > quota); appraised + 1 when none is."""
    return next((k for k in range(appraised + 1) if k / appraised > quota), appraised + 1)


def _units_pinned(counts: dict, listed: set, shown: set, quota: float, threshold: int) -> dict:
    """The units of one county whose 优秀 count a viewer can tell exactly, unit -> that count. `counts`: unit ->
    (appraised, excellent), every unit of the county with someone appraised; the viewer is taken to know each size
    and the county's 优秀 (its sum) and, of each unit, the most the page lets him infer: a shown share its count; a
    listed unit more than quota × its size; a unit of `threshold` or more appraised under the ceiling, at most
    that, and one left out of the list, anything (as if he could tell the two apart, though the page does not say
    which are left out); a smaller unit anything. With one sum and a
    range per unit, a unit's count is pinned exactly when its range, cut by what the others' ranges leave of the
    sum, holds one value."""
    bounds = {}
    for unit, (n, e) in counts.items():
        if unit in shown:
            bounds[unit] = (e, e)
        elif unit in listed:
            bounds[unit] = (_fewest_above(n, quota), n)
        elif n >= threshold and e / n <= quota:
            bounds[unit] = (0, _fewest_above(n, quota) - 1)
        else:
            bounds[unit] = (0, n)
    total = sum(e for _, e in counts.values())
    lows, highs = sum(lo for lo, _ in bounds.values()), sum(hi for _, hi in bounds.values())
    pinned = {}
    for unit, (lo, hi) in bounds.items():
        low, high = max(lo, total - (highs - hi)), min(hi, total - (lows - lo))
        if low == high:
            pinned[unit] = low
    return pinned


def follow_table(view: YearView, count: str, threshold: int, lang: str, grades=GRADES) -> pd.DataFrame:
    """The prefecture's cadres of each grade and of them `count` (promoted or adjusted) the year after, with their
    rate per 100 (shown only when both counts are): grade, graded, count, per_100."""
    rows = []
    for grade in grades:
        graded, followed = int(view.frames["graded"][grade].sum()), int(view.frames[count][grade].sum())
        statuses = (view.total_status("graded", grade), view.total_status(count, grade))
        rows.append(
            {
                "grade": grade,
                "graded": shown_count(graded, statuses[0], threshold, lang),
                count: shown_count(followed, statuses[1], threshold, lang),
                "per_100": None
                if not graded
                else movements.shown_rate(followed / graded * 100, disclosure.strongest(statuses), threshold, lang),
            }
        )
    return pd.DataFrame(rows, columns=["grade", "graded", count, "per_100"])


def county_follow_rates(view: YearView, count: str, grades: tuple[str, ...]) -> pd.DataFrame:
    """Per county (not '' ) and grade, `count` per 100 cadres of that grade where a viewer may see both counts,
    else NaN with the mark in `marks`: columns county, grade, per_100, status ('' shown, else what hid it)."""
    rows = []
    # each grade's two columns as lists, not a cell at a time (pandas' .at: 2 ms of a hundred counties, every run)
    graded_of = {grade: view.frames["graded"][grade].tolist() for grade in grades}
    followed_of = {grade: view.frames[count][grade].reindex(view.frames["graded"].index).tolist() for grade in grades}
    for place, county in enumerate(view.frames["graded"].index):
        if county == "":
            continue
        for grade in grades:
            graded, followed = int(graded_of[grade][place]), int(followed_of[grade][place])
            statuses = (view.status("graded", county, grade), view.status(count, county, grade))
            hidden = disclosure.strongest(statuses)
            rate = followed / graded * 100 if graded and not hidden else float("nan")
            rows.append({"county": county, "grade": grade, "per_100": rate, "status": hidden if graded else ""})
    return pd.DataFrame(rows, columns=["county", "grade", "per_100", "status"])


def rates_seen(rates: pd.DataFrame, grade: str) -> int:
    """Counties whose rate of `grade` a viewer sees, of county_follow_rates' rows: a chart of the ends picks its
    counties among these alone (a hidden `<5` rate is no end of anything)."""
    return int(((rates["grade"] == grade) & (rates["status"] == "") & rates["per_100"].notna()).sum())


def county_rates_table(rates: pd.DataFrame, grades: tuple[str, ...], marks: dict[str, str]) -> pd.DataFrame:
    """county_follow_rates' rows as one row per county (in their order) and one text column per grade: the rate per
    100 to one decimal, or the mark of what hid it (`marks`: status -> label), or None without cadres of that
    grade. Columns county, *grades."""
    text = [
        marks.get(status, "") if status else (None if pd.isna(rate) else f"{rate:.1f}")
        for rate, status in zip(rates["per_100"], rates["status"], strict=True)
    ]
    wide = rates.assign(text=text).pivot(index="county", columns="grade", values="text")
    return wide.reindex(rates["county"].unique())[list(grades)].reset_index()


def counties_above_quota(grades: pd.DataFrame) -> tuple[int, int]:
    """(counties whose 优秀 share is above the quota, counties whose share a viewer does not see) of grade_table's
    county rows: a headline counting only the first would read 4 where a hidden fifth is above too."""
    counties = grades[~grades["prefecture"] & (grades["county"] != "")]["above_quota"]
    return int(counties.eq(True).sum()), int(counties.isna().sum())


def tier_table(view: YearView, threshold: int, lang: str) -> pd.DataFrame:
    """Counties grouped by their race tier: counties, appraised, the 优秀 share and the share of low grades
    (基本称职 and 不称职), each shown only when its counts are: tier, counties, appraised, excellent_share,
    low_share. Empty without tiers."""
    if view.tiers is None:
        return pd.DataFrame(columns=["tier", "counties", "appraised", "excellent_share", "low_share"])
    table = view.frames["graded"]
    rows = []
    for tier in sorted({int(v) for v in view.tiers.dropna()}):
        members = [c for c in table.index if c != "" and view.tiers.get(c) == tier]
        if not members:
            continue
        sums = table.loc[members].sum()

        def status(grade: str, tier=tier) -> str:
            return view.pattern.status(tier_key("graded", tier, grade))

        low = int(sums["basic"] + sums["incompetent"])
        # the sum of two grades is shown only when both are: a shown sum with one of them would give the other
        low_statuses = (status("basic"), status("incompetent"), status(ALL))
        rows.append(
            {
                "tier": tier,
                "counties": len(members),
                "appraised": shown_count(int(sums[ALL]), status(ALL), threshold, lang),
                "excellent_share": shown_share(
                    int(sums["excellent"]), int(sums[ALL]), (status("excellent"), status(ALL)), lang, threshold
                ),
                "low_share": shown_share(low, int(sums[ALL]), low_statuses, lang, threshold),
            }
        )
    return pd.DataFrame(rows, columns=["tier", "counties", "appraised", "excellent_share", "low_share"])

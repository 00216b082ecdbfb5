"""Training coverage measures from the named queries' results: windows, targets, pace, suppression and gaps.

抓什么训什么、缺什么补什么: the numbers here say which county lacks which kind of training, by how much, and how far
behind the hours target each unit is. The queries do the per-cadre work on the rollup: `cadres_in` once per
window (the expensive step), then `window_query` slices it as often as a page needs; the rest is pandas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from incentive import disclosure, periods
from incentive.cycle import tracker
from incentive.store import queries

CATEGORIES = ("political", "professional", "innovation", "practice")
SLICES = ("county", "unit", "rank", "rank_group", "gender", "age")
RATE_COLUMNS = (
    "coverage",
    "hours_per_cadre",
    "hours_median",
    "share_meeting_target",
    "share_on_pace",
    "hours_short",
    "share_online_met",
    "online_hours_per_cadre",
    *(f"coverage_{c}" for c in CATEGORIES),
)
COUNT_COLUMNS = ("measured", "meeting_target", "on_pace", "online_met", "unmapped")  # blanked with the rates


@dataclass(frozen=True)
class Window:
    """A span of whole months: a year, a quarter, or a custom range of months. `without`: counties left out of
    every figure of the window, since their training files for it are not all in (`reported`): their cadres
    would read as untrained, a measured zero (issue 24's review); a comparison window leaves out the same ones."""

    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month
    label: str
    without: tuple[str, ...] = ()
    # the schedule period still running that some counties, not all, have sent (reported): (period, sent, of);
    # when the window begins before it, its records count up to `records_end` (the day before it: the window is
    # `cut`), else its counties yet to send are in `without`
    pending: tuple[str, int, int] | None = None
    records_end: dt.date | None = None

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def cut(self) -> bool:
        """Whether the window's records stop before its running period (`records_end`)."""
        return self.records_end is not None

    @property
    def data_end(self) -> dt.date:
        """The last day whose training records count: `records_end` when cut, else the window's end. The months
        of the target and the roster in force stay the window's (a year to date keeps its whole-year target and
        its pace at the last record counted; docs/decisions.md#unsent-training-files)."""
        return self.records_end or self.end


def cadres_in(conn: duckdb.DuckDBPyConnection, window: Window) -> pa.Table:
    """Every cadre on the roster at the window's end, with their training in it and their own training target
    (queries/training_cadres; docs/decisions.md#training-targets-by-rank), but those of the window's `without`
    counties."""
    cadres = queries.arrow(
        conn, "training_cadres", start=window.start, end=window.end, months=window.months, records_end=window.data_end
    )
    if window.without:
        cadres = cadres.filter(pc.invert(pc.is_in(cadres["county"], value_set=pa.array(list(window.without)))))
    return cadres


def reported(
    conn: duckdb.DuckDBPyConnection,
    window: Window,
    config: Mapping[str, float],
    today: dt.date,
    receipts: tracker.Receipts | None = None,
) -> Window:
    """`window` as every view measures it (docs/decisions.md#unsent-training-files):
    - without the counties that lack a training file another county has sent, for a period of the schedule
      overlapping `window` that has ended by `today` (tracker.window_gaps: its `left_out`);
    - when the period running on `today` has been sent by some counties and not others: its records are not
      counted (`records_end`, the day before it), for every county, so that the counties yet to send do not read
      as untrained in it; the window keeps its months, label and targets, as a year to date does before the
      period's first records (its pace is at the last record counted); a window that is that period alone leaves
      the counties yet to send out instead. Counties already left out for an ended period do not count as yet to
      send: when they alone are, every county measured has sent it and nothing is cut.
    bulletin.absent_training says which and why. `receipts`: what was read of this data version before."""
    # the periods overlapping the window that have ended by today, a quarter the window holds only part of too
    gaps = tracker.window_gaps(conn, "training", window.start, min(window.end, today), config, receipts, today)
    left_out = [gap.county for gap in gaps.left_out]
    running = tracker.partly_sent_running(conn, "training", window.start, window.end, today, config, receipts)
    pending, records_end, late = None, None, ()
    if running is not None and any(county not in left_out for county in running.late):
        pending = (running.period, len(running.sent), len(running.sent) + len(running.late))
        first = periods.bounds(running.period)[0]
        if first > window.start:  # months before it: measure those, for every county
            records_end = first - dt.timedelta(days=1)
        else:
            late = running.late
    without = tuple(dict.fromkeys([*left_out, *late]))
    return dataclasses.replace(window, without=without, pending=pending, records_end=records_end)


def window_query(
    conn: duckdb.DuckDBPyConnection, name: str, window: Window, cadres: pa.Table | None = None, **params: object
) -> pd.DataFrame:
    """One of the queries that slice a window's cadres (training_coverage, _domains, _mix, _months); `cadres`
    from cadres_in, computed here when the caller has none."""
    if cadres is None:
        cadres = cadres_in(conn, window)
    # the bounds the query reads the rollup by: the window's months, and the last day whose records count
    bounds = {"start": window.start, "end": window.end, "records_end": window.data_end}
    wanted = queries.load(name)[1]
    params = {**{key: day for key, day in bounds.items() if key in wanted}, **params}
    return queries.run(conn, name, tables={"cadres": cadres}, **params)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def year_window(year: int) -> Window:
    return Window(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def quarter_window(year: int, quarter: int) -> Window:
    first = 3 * quarter - 2
    return Window(dt.date(year, first, 1), month_end(year, first + 2), f"{year}-Q{quarter}")


def quarters_through(last_day: dt.date) -> list[int]:
    """The quarters of `last_day`'s year that have begun by `last_day` (the date of the year's latest training
    record), newest first: a quarter after the last record would read as a measured zero, so it is not offered."""
    return list(range((last_day.month + 2) // 3, 0, -1))


def opening_quarter(offered: list[int], year_reported: Window) -> int | None:
    """The quarter 培训覆盖 → 季度 opens on, of `offered` (quarters_through, newest first): the newest but a quarter
    still being sent that only some counties have sent (`year_reported`, the year as `reported` made it: its
    `pending`), which stays offered and, chosen, leaves out the counties yet to send; None without a quarter."""
    sending = year_reported.pending[0] if year_reported.pending else None
    complete = [q for q in offered if f"{year_reported.start.year}-Q{q}" != sending]
    return (complete or offered or [None])[0]


def opening_months(year_reported: Window, last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The first days of the first and last month 培训覆盖 → 按月 opens on: January to the month of the year's
    `last_day` (its latest record), or to the last month before a quarter still being sent (`year_reported.
    data_end`), whichever is earlier."""
    return year_reported.start, min(year_reported.data_end, last_day).replace(day=1)


def county_sent_window(
    county: str, year: int, last_day: dt.date, reported: Callable[[Window], Window]
) -> Window | None:
    """The longest window of `year` from January that `county` has sent all of: January to the end of a quarter
    (or to `last_day`'s month, the year's latest record, in its quarter), newest first, as `reported` (the
    window as every view measures it) leaves the county in; None when not even the first quarter is. Where a
    county has not sent a window, 培训覆盖 computes nothing of it (docs/decisions.md#unsent-training-files): this is
    the window the page offers instead."""
    for quarter in quarters_through(last_day):
        last = dt.date(year, min(3 * quarter, last_day.month), 1)
        window = reported(months_window(dt.date(year, 1, 1), last))
        if county not in window.without:
            return window
    return None


def months_window(first: dt.date, last: dt.date) -> Window:
    """Whole months from `first`'s month to `last`'s month (swapped if given backwards)."""
    first, last = min(first, last), max(first, last)
    start = first.replace(day=1)
    end = month_end(last.year, last.month)
    label = f"{start:%Y-%m}" if start.month == end.month and start.year == end.year else f"{start:%Y-%m}~{end:%Y-%m}"
    return Window(start, end, label)


def month_range_text(first: dt.date, last: dt.date) -> str:
    """The URL form of a range of months: `2026-03~2026-05`."""
    return f"{first:%Y-%m}~{last:%Y-%m}"


def parse_month_range(text: str, year: int, through: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """`2026-03~2026-05` back to first days of months, when both lie in `year`, in order, and (given `through`,
    the latest record's date) not after `through`'s month; else None."""
    try:
        first, last = (dt.date(int(part[:4]), int(part[5:7]), 1) for part in text.split("~"))
    except ValueError:
        return None
    if first.year != year or last.year != year or first > last:
        return None
    if through is not None and last > through.replace(day=1):
        return None
    return first, last


def previous_window(window: Window) -> Window:
    """The same months a year earlier (同比), whatever the window's shape: the previous year, the same quarter of
    the previous year, the same range of months. One rule for every window
    (docs/decisions.md#one-rule-for-a-coverage-change): Jan-Sep chosen as a range and as the running year read the
    same change, and training, which follows the year's rhythm, is never set against another season."""
    months = window.months
    start = dt.date(window.start.year - 1, window.start.month, 1)
    last_index = (start.year * 12 + start.month - 1) + months - 1
    end = month_end(last_index // 12, last_index % 12 + 1)
    if months == 12 and start.month == 1:
        return year_window(start.year)
    if months == 3 and start.month % 3 == 1:
        return quarter_window(start.year, (start.month + 2) // 3)
    return months_window(start, end)


def comparable_previous(window: Window, last_day: dt.date | None) -> Window:
    """The same months a year earlier (previous_window); while `window` is still running (data end before its
    end), only its months so far, so a year to date is compared with the same months a year earlier."""
    before = dataclasses.replace(previous_window(window), without=window.without)  # the same counties
    if last_day is None or last_day >= window.end or last_day < window.start:
        return before
    elapsed = (last_day.year - window.start.year) * 12 + last_day.month - window.start.month + 1
    if elapsed == window.months:  # records reach the window's last month: the whole previous window compares
        return before
    last_index = before.start.year * 12 + before.start.month - 1 + elapsed - 1
    shorter = months_window(before.start, dt.date(last_index // 12, last_index % 12 + 1, 1))
    return dataclasses.replace(shorter, without=window.without)


def prorated_target(annual_hours: float, window: Window) -> float:
    """The annual hours target for a window shorter or longer than a year (docs/decisions.md#coverage)."""
    return annual_hours * window.months / 12


def expected_by(annual: float, window: Window, day: dt.date) -> float:
    """Where a unit should be on `day` to reach the window's share of an `annual` target (hours per cadre, or a
    coverage rate) at its end: a twelfth of it for each whole month of the window before `day`'s month, and of
    `day`'s month the share of its days up to `day` (docs/decisions.md#pace). At a month's end it is exactly the
    prorated target of the months so far (the pace line's point; 82.5 of 110 at the end of September): the one
    pace of the training page, the warnings and the 通报. 0 before the window, the whole share after it."""
    if day >= window.end:
        return prorated_target(annual, window)
    if day < window.start:
        return 0.0
    whole = (day.year - window.start.year) * 12 + day.month - window.start.month
    days_in_month = (month_end(day.year, day.month) - dt.date(day.year, day.month, 1)).days + 1
    return annual * (whole + day.day / days_in_month) / 12


def to_come(window: Window, last_day: dt.date | None, today: dt.date) -> float:
    """The years of `window` still to come on `last_day` (the last recorded training day) while the window is
    running on `today` (or cut before a period still being sent), 0 once it is over or without data: a cadre's
    target less his yearly rate times this is what
    he should have by then (training_coverage's $to_come). The same pace as expected_by: 1 − expected_by(1 a year)
    of the window, in years; 0.25 for a year on 30 September. A window over by `today` owes its whole prorated
    target, even when its last record is a few days before its end: its records were all due, and the page, the
    通报 and the briefing then measure one window alike (docs/decisions.md#training-targets-by-rank)."""
    if not running(window, last_day, today) or last_day < window.start:
        return 0.0
    return prorated_target(1.0, window) - expected_by(1.0, window, last_day)


def pace_line(months: pd.Series, annual_hours: float) -> pd.DataFrame:
    """Cumulative hours a cadre should have at the end of each month of a year to reach the annual target
    (expected_by at each month's end)."""
    ends = [month_end(m.year, m.month) for m in pd.to_datetime(months)]
    return pd.DataFrame(
        {"month": months.to_numpy(), "expected": [expected_by(annual_hours, year_window(d.year), d) for d in ends]}
    )


def as_date(value) -> dt.date | None:
    """A query's date cell (Timestamp, date or NaT) as a date or None."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def until(months: pd.Series, last_day: dt.date | None) -> pd.Series:
    """Months that have started by `last_day` (all when there is no training at all)."""
    if last_day is None:
        return pd.Series(True, index=months.index)
    return pd.to_datetime(months) <= pd.Timestamp(last_day)


# ---- what a viewer may see: one pattern per window for every figure of its groups (incentive/disclosure.py)

PARTS = ("trained", "meeting_target", "on_pace", "online_met", *(f"reached_{c}" for c in CATEGORIES))
GROUP_SLICES = ("unit", "rank", "rank_group", "gender", "age")
PREFECTURE_SLICES = ("rank", "rank_group")  # slices shown for the whole prefecture too


def group_key(slice_: str, county: str, group) -> tuple:
    """The cell of one group: ('all', '', '') the prefecture, ('county', c, c), (slice, county, group) inside a
    county, and ('rank', '', rank level) / ('rank_group', '', group) for the prefecture's rank levels and groups."""
    return (slice_, county or "", "" if pd.isna(group) else str(group))


def disclosure_lines(groups: pd.DataFrame) -> tuple[dict, dict, list[disclosure.Line]]:
    """Sizes (cadres), parts (trained, meeting their own target, on pace, meeting the online minimum, reached per
    category) and lines of every group shown for a window (queries/training_disclosure): the counties add up to
    the prefecture, each slice of a county to the county, and the prefecture's rank levels (and rank groups) to
    the prefecture and to the counties' levels. No cadre in the window (every county left out, `Window.without`):
    no group, no line."""
    if groups.empty:
        return {}, {part: {} for part in PARTS}, []
    keys = [group_key(s, c, g) for s, c, g in zip(groups["slice"], groups["county"], groups["group"], strict=False)]
    sizes = dict(zip(keys, groups["cadres"].astype(int), strict=False))
    parts = {part: dict(zip(keys, groups[part].astype(int), strict=False)) for part in PARTS}
    everyone = group_key("all", "", "")
    frame = groups.assign(key=keys)
    members = frame.groupby(["slice", "county"], sort=False)["key"].agg(tuple)
    lines = [disclosure.Line(everyone, tuple(frame.loc[frame["slice"] == "county", "key"]))]
    for whole_slice in PREFECTURE_SLICES:
        if (whole_slice, "") not in members:
            continue
        lines.append(disclosure.Line(everyone, members[(whole_slice, "")]))
        inside_counties = frame[(frame["slice"] == whole_slice) & (frame["county"] != "")]
        for level, inside in inside_counties.groupby("group", sort=False)["key"].agg(tuple).items():
            lines.append(disclosure.Line(group_key(whole_slice, "", level), inside))
    for county in frame.loc[frame["slice"] == "county", "county"]:
        for slice_ in GROUP_SLICES:
            if (slice_, county) in members:
                lines.append(disclosure.Line(group_key("county", county, county), members[(slice_, county)]))
    return sizes, parts, lines


def disclosure_pattern(
    conn: duckdb.DuckDBPyConnection, window: Window, cadres: pa.Table | None, threshold: int, years_to_come: float
) -> disclosure.Pattern:
    """Which groups of a window a viewer sees as `<threshold` (small) or withheld, on every view of them.
    `years_to_come`: to_come(window, last day) (the share on pace is one of the figures protected)."""
    groups = window_query(conn, "training_disclosure", window, cadres, to_come=years_to_come)
    sizes, parts, lines = disclosure_lines(groups)
    return disclosure.protect(sizes, lines, threshold, parts)


def group_statuses(frame: pd.DataFrame, by: str, pattern: disclosure.Pattern) -> pd.Series:
    """'small', 'withheld' or '' for each row of a training_coverage result sliced `by`."""
    if by == "all":
        keys = [group_key("all", "", "") if not c else group_key("county", c, c) for c in frame["county"]]
    else:
        keys = [group_key(by, c, g) for c, g in zip(frame["county"], frame["group"], strict=False)]
    return pd.Series([pattern.status(k) for k in keys], index=frame.index, dtype=object)


def county_statuses(counties: pd.Series, pattern: disclosure.Pattern) -> pd.Series:
    return pd.Series([pattern.status(group_key("county", c, c)) for c in counties], index=counties.index, dtype=object)


def suppressed(frame: pd.DataFrame, threshold: int) -> pd.Series:
    """Groups with fewer cadres than the threshold (primary suppression only; views use `group_statuses`)."""
    return frame["cadres"] < threshold


def with_suppression(frame: pd.DataFrame, statuses: pd.Series) -> pd.DataFrame:
    """Figures of hidden groups (small, or withheld with them) blanked (NaN), for CLI --suppress."""
    out = frame.copy()
    hidden = statuses != ""
    for column in (*RATE_COLUMNS, *COUNT_COLUMNS):
        if column in out:
            out[column] = out[column].astype(float).where(~hidden)
    out["suppressed"] = hidden
    return out


def hide_counties(by_county: pd.DataFrame, pattern: disclosure.Pattern) -> pd.DataFrame:
    """A by-county frame with the figures of hidden counties blanked (NaN), for charts."""
    return _blanked(by_county, county_statuses(by_county["county"], pattern) != "")


def _blanked(by_county: pd.DataFrame, hidden: pd.Series) -> pd.DataFrame:
    out = by_county.copy()
    for column in [c for c in out.columns if c not in ("county", "group", "roster_as_of")]:
        if pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(float).where(~hidden)
    return out


def category_gaps(by_county: pd.DataFrame, prefecture: pd.Series) -> pd.DataFrame:
    """Each county's weakest category against the prefecture: county, category, coverage, prefecture, gap (points),
    cadres not reached in that category; the widest gaps first."""
    rows = []
    for _, county in by_county.iterrows():
        gaps = {c: county[f"coverage_{c}"] - prefecture[f"coverage_{c}"] for c in CATEGORIES}
        weakest = min(gaps, key=gaps.get)
        rows.append(
            {
                "county": county["county"],
                "category": weakest,
                "coverage": county[f"coverage_{weakest}"],
                "prefecture": prefecture[f"coverage_{weakest}"],
                "gap_pp": gaps[weakest] * 100,
                "not_reached": round(county["cadres"] * (1 - county[f"coverage_{weakest}"])),
            }
        )
    return (
        pd.DataFrame(rows, columns=["county", "category", "coverage", "prefecture", "gap_pp", "not_reached"])
        .sort_values("gap_pp", kind="stable")
        .reset_index(drop=True)
    )


def domain_gaps(domains: pd.DataFrame) -> pd.DataFrame:
    """Each county's least-reached domain against the prefecture's reach of that domain."""
    totals = domains.groupby("domain").agg(reached=("reached", "sum"))
    sizes = domains.drop_duplicates("county")["cadres"].sum()
    prefecture = totals["reached"] / sizes if sizes else totals["reached"] * 0
    out = domains.assign(prefecture=domains["domain"].map(prefecture))
    out["gap_pp"] = (out["reach"] - out["prefecture"]) * 100
    weakest = out.loc[out.groupby("county", sort=False)["gap_pp"].idxmin()]
    return (
        weakest[["county", "domain", "reach", "prefecture", "gap_pp", "cadres", "reached"]]
        .sort_values("gap_pp", kind="stable")
        .reset_index(drop=True)
    )


def units_below_target(by_unit: pd.DataFrame) -> pd.DataFrame:
    """Units (training_coverage by unit) with cadres short of their own target by now (hours_short > 0), the
    largest shortfall per cadre first: `shortfall` = hours_short / cadres, 学时."""
    out = by_unit.assign(shortfall=by_unit["hours_short"] / by_unit["cadres"])
    out = out[out["shortfall"] > 0]
    return out.sort_values(["shortfall", "county", "group"], ascending=[False, True, True]).reset_index(drop=True)


def cumulative_by_month(months: pd.DataFrame) -> pd.DataFrame:
    """Per county and for the whole set (county ''): cumulative hours per cadre and coverage at each month's end."""
    whole = months.groupby("month", as_index=False).agg(
        cadres=("cadres", "sum"), hours=("hours", "sum"), newly_trained=("newly_trained", "sum")
    )
    whole["county"] = ""
    frame = pd.concat([months, whole], ignore_index=True).sort_values(["county", "month"], kind="stable")
    grouped = frame.groupby("county", sort=False)
    frame["hours_per_cadre"] = grouped["hours"].cumsum() / frame["cadres"]
    frame["coverage"] = grouped["newly_trained"].cumsum() / frame["cadres"]
    return frame.reset_index(drop=True)


def quarterly_hours(months: pd.DataFrame) -> pd.DataFrame:
    """Hours per cadre in each quarter of the window, for the whole set of counties."""
    frame = months.assign(quarter=[f"{m.year}-Q{(m.month + 2) // 3}" for m in pd.to_datetime(months["month"])])
    cadres = months.drop_duplicates("county")["cadres"].sum()
    out = frame.groupby("quarter", as_index=False)["hours"].sum()
    out["hours_per_cadre"] = out["hours"] / cadres if cadres else 0.0
    return out


def mix_shares(mix: pd.DataFrame) -> pd.DataFrame:
    """Per county: share of hours online and share of hours in collective training."""
    hours = mix.groupby("county", sort=False)["hours"].sum()
    online = mix[mix["mode"] == "online"].groupby("county", sort=False)["hours"].sum()
    collective = mix[mix["organized"] == "collective"].groupby("county", sort=False)["hours"].sum()
    out = pd.DataFrame({"hours": hours})
    out["online"] = (online.reindex(out.index).fillna(0) / out["hours"]).where(out["hours"] > 0)
    out["collective"] = (collective.reindex(out.index).fillna(0) / out["hours"]).where(out["hours"] > 0)
    return out.reset_index()


def change_pp(now: float | None, before: float | None) -> float | None:
    """A rate's change in percentage points; None when either side is missing."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    return (now - before) * 100


def coverage_change_pp(now: float | None, before: float | None, trained_before: int | None) -> float | None:
    """Coverage against an earlier window, in percentage points; None when that window had no training at all
    (records not loaded yet: a fall from nothing would read as a collapse). The Overview and the training page."""
    if not trained_before or pd.isna(trained_before):
        return None
    return change_pp(now, before)


HEADLINE_FIGURES = (
    "coverage",
    "hours_per_cadre",
    "hours_median",
    "share_meeting_target",
    "share_on_pace",
    "hours_short",
    "share_online_met",
    "untrained",
)


@dataclass(frozen=True)
class Headline:
    """A scope's headline on the training page: `figures` is its training_coverage row (the HEADLINE_FIGURES NaN
    when `hidden` is 'small' or 'withheld'); the changes against the comparable previous window are None when
    there is nothing to compare with or either side is hidden (a change against a hidden figure gives it back)."""

    figures: pd.Series
    hidden: str
    coverage_pp: float | None
    hours: float | None  # hours per cadre
    untrained: int | None  # cadres
    median: float | None = None  # the median cadre's hours (学时中位数)
    compared: bool = True  # False when the earlier window had no training at all: nothing is compared with it


def headline(now: pd.Series, before: pd.Series | None, hidden: str, hidden_before: str) -> Headline:
    """`now` and `before`: the scope's training_coverage rows (by="all") for the window and comparable_previous;
    `hidden`, `hidden_before`: their group_statuses."""
    figures = now.copy()
    if hidden:
        for column in HEADLINE_FIGURES:
            figures[column] = float("nan")
    if before is None or not before["trained"] > 0:
        return Headline(figures, hidden, None, None, None, compared=False)
    if hidden or hidden_before:
        return Headline(figures, hidden, None, None, None)
    return Headline(
        figures,
        hidden,
        coverage_change_pp(now["coverage"], before["coverage"], before["trained"]),
        float(now["hours_per_cadre"] - before["hours_per_cadre"]),
        int(now["untrained"] - before["untrained"]),
        float(now["hours_median"] - before["hours_median"]),
    )


def scope_headline(
    now: pd.DataFrame, before: pd.DataFrame, pattern: disclosure.Pattern, pattern_before: disclosure.Pattern
) -> Headline:
    """The one rule for a coverage change, on the training page and the overview alike
    (docs/decisions.md#one-rule-for-a-coverage-change): `now` is a scope's training_coverage result (by="all", one
    row) for the window shown, `before` the same for `comparable_previous(window, last_day)`, where `last_day` is
    the window's latest training record, so a year still running is compared with the same months a year
    earlier; `pattern`, `pattern_before` their disclosure patterns. `before` may be empty (no roster then)."""
    earlier = before.iloc[0] if len(before) else None
    return headline(
        now.iloc[0],
        earlier,
        group_statuses(now, "all", pattern).iloc[0],
        group_statuses(before, "all", pattern_before).iloc[0] if earlier is not None else "",
    )


def running(window: Window, last_day: dt.date | None, today: dt.date) -> bool:
    """Whether the window's data stop before its end while more may come: it is not over on `today` (a year to
    date), or it is cut before a period still being sent (`Window.cut`: January to November, over on 1 December,
    counts records to September only); then the pace at the last record counted, not the whole target, applies."""
    return last_day is not None and last_day < window.end and (today <= window.end or window.cut)


def pace_years(conn: duckdb.DuckDBPyConnection, window: Window, today: dt.date) -> float:
    """to_come at the window's last recorded training day: the one pace every view of `window` measures cadres on
    (the training page, the county page, the briefing, the 通报, the warnings, `incentive export`), so one window
    has one suppression pattern and one set of figures wherever it is shown."""
    return to_come(window, last_recorded(conn, window), today)


@dataclass(frozen=True)
class Trend:
    """A year's training over time up to the last recorded day: hours per cadre per quarter, cumulative hours and
    coverage per county and month (county '' = all), and the pace line to the annual target."""

    quarterly: pd.DataFrame
    cumulative: pd.DataFrame
    pace: pd.DataFrame


def trend(months: pd.DataFrame, annual_hours: float, last_day: dt.date | None) -> Trend:
    """From training_months over a year window. The pace line runs the whole year; quarters and cumulative
    figures stop at the month of `last_day`, so months not yet recorded do not read as months without training."""
    cumulative = cumulative_by_month(months)
    pace = pace_line(cumulative.loc[cumulative["county"] == "", "month"], annual_hours)
    recorded = months[until(months["month"], last_day)]
    return Trend(quarterly_hours(recorded), cumulative[until(cumulative["month"], last_day)], pace)


def period_window(period: str) -> Window:
    """The window of a canonical period of any form (`2025`, `2025-Q2`, `2025-06`), labelled by it."""
    start, end = periods.bounds(period)
    return Window(start, end, period)


@dataclass(frozen=True)
class CountyFigures:
    """A window's coverage as a viewer may see it, for the briefing and the 通报: `whole` the prefecture's
    training_coverage row (by="all"; None when the prefecture itself is hidden), `by_county` the by-county rows
    in the regions' order, `hidden` per row of it '' / 'small' / 'withheld' (disclosure_pattern), and the gaps of
    the shown counties only: `category_gaps` (category_gaps) and `domain_gaps` (domain_gaps), widest first.
    Against each cadre's own target the rows carry share_meeting_target, share_on_pace and hours_short at
    `years_to_come` (to_come: the pace on the last recorded day)."""

    window: Window
    whole: pd.Series | None
    by_county: pd.DataFrame
    hidden: pd.Series
    category_gaps: pd.DataFrame
    domain_gaps: pd.DataFrame
    years_to_come: float

    def county(self, name: str) -> tuple[pd.Series | None, str]:
        """One county's row and its hidden status ('' shown); (None, '') when the county has no cadres."""
        rows = self.by_county.index[self.by_county["county"] == name]
        if not len(rows):
            return None, ""
        return self.by_county.loc[rows[0]], self.hidden[rows[0]]

    def shown(self) -> pd.DataFrame:
        """by_county with the figures of hidden counties blanked (NaN), for charts (as hide_counties)."""
        return _blanked(self.by_county, self.hidden != "")


def last_recorded(conn: duckdb.DuckDBPyConnection, window: Window) -> dt.date | None:
    """The date of the latest training record counted in `window` (up to its data_end;
    queries/training_last_date), None without any."""
    return as_date(
        queries.run(conn, "training_last_date", start=window.start, end=window.data_end)["last_date"].iloc[0]
    )


def county_figures(
    conn: duckdb.DuckDBPyConnection, window: Window, threshold: int, today: dt.date
) -> CountyFigures | None:
    """The counties' coverage in `window` with suppression applied as on the training page (one pattern per
    window), or None when no county has cadres on the roster in force. Cadres are on pace when they have what
    their own target asks by the window's last recorded day while it runs on `today`, by its end once it is over
    (pace_years)."""
    cadres = cadres_in(conn, window)
    years = pace_years(conn, window, today)
    by_county = window_query(
        conn, "training_coverage", window, cadres, by="county", county="", to_come=years
    ).reset_index(drop=True)
    if by_county.empty:
        return None
    pattern = disclosure_pattern(conn, window, cadres, threshold, years)
    hidden = county_statuses(by_county["county"], pattern)
    whole = window_query(conn, "training_coverage", window, cadres, by="all", county="", to_come=years)
    if whole.empty or pattern.status(group_key("all", "", "")):
        no_gaps = category_gaps(by_county.iloc[0:0], None)
        return CountyFigures(window, None, by_county, hidden, no_gaps, domain_gaps(_NO_DOMAINS), years)
    domains = window_query(conn, "training_domains", window, cadres, county="")
    shown_domains = domains[county_statuses(domains["county"], pattern) == ""]
    return CountyFigures(
        window,
        whole.iloc[0],
        by_county,
        hidden,
        category_gaps(by_county[hidden == ""], whole.iloc[0]),
        domain_gaps(shown_domains if len(shown_domains) else _NO_DOMAINS),
        years,
    )


_NO_DOMAINS = pd.DataFrame(
    {"county": [], "domain": [], "cadres": pd.Series(dtype=float), "reached": pd.Series(dtype=float), "reach": []}
)

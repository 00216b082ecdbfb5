"""How far each county has delivered what the schedule says it owes (docs/decisions.md#assessment-cycle).

For each period of a year, kind of file and county: received (an active batch holds that county's data of that
period; on time or late by when the county sent it against the deadline), pending review (a submission of that
county, kind and period waits on the 审核 page), returned (the reviewer sent the county's file back and nothing of
that period has come in since), missing (none of these, and the deadline has passed) or open (none, not yet due);
movements have no deadline (received, or none). A received row may also carry a correction: one pending review
(更正待审核), or one returned and not sent again (更正退回待重报). Race scores and care figures received are also
measured against the catalog in force: how many of the values it expects are stored.

The pages, the briefing and the banner above a ranking or the care grid all call these functions; `today` is
always a parameter, so tests (and a pinned view) decide what day it is. Each period is judged by the schedule in
force for it (`in_force`: the settings' history), not by today's settings alone, so that a change of the cycle or
the due days never judges a period already over again (docs/decisions.md#a-change-of-schedule-is-not-retroactive).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from incentive import labels, periods
from incentive.accounts.roles import OutOfScope, Scope
from incentive.cycle import schedule
from incentive.i18n import capital, join, t
from incentive.store import queries, settings

RECEIVED, LATE, PENDING, RETURNED = "received", "late", "pending", "returned"
MISSING, OPEN, NONE = "missing", "open", "none"
STATUSES = (RECEIVED, LATE, PENDING, RETURNED, MISSING, OPEN, NONE)
CORRECTIONS = (PENDING, RETURNED)  # of a received row: a correction awaiting review, or returned and not resent
DOMAINS = {"race_scores": "race", "welfare": "welfare"}  # the kinds whose values a catalog expects

COLUMNS = [
    "period",
    "kind",
    "county",
    "deadline",
    "status",
    "correction",
    "received_at",
    "received_by",
    "batch_id",
    "batches",
    "pending",
    "returned",
    "expected",
    "missing",
    "township_missing",
    "overdue_days",
]


def in_force(conn: duckdb.DuckDBPyConnection, config: Mapping[str, float]) -> schedule.Schedule:
    """The schedule each period is owed and judged by: the stored changes of the schedule's settings
    (settings.changes), their defaults before the first, and `config` (the settings in force, settings.current:
    what the caller read) from each one's newest change on. The one reading of the schedule: the tracker, the
    warning list, the 通报, the briefing and the command line all judge deadlines by it."""
    return schedule.history(settings.defaults(), settings.changes(conn, "schedule"), config)


def progress(
    conn: duckdb.DuckDBPyConnection,
    year: int,
    today: dt.date,
    config: Mapping[str, float],
    scope: Scope = Scope.ALL,  # type: ignore[attr-defined]
    county: str = "",
    receipts: Receipts | None = None,
) -> pd.DataFrame:
    """One row per period of `year`, kind (schedule.KINDS) and county of the regions inside `scope` (the
    prefecture: all; a county clerk or leader: his own; nobody: OutOfScope), or only `county`: deadline, status
    (STATUSES), for a received one its correction (CORRECTIONS or None), the first receipt (when the county sent
    it, who, which batch) and every batch that holds it; the ids of the pending submissions and of the returned
    ones still awaiting a new file; for race scores and care figures the values expected and missing (received
    rows only), and how many of the missing are its townships' (`township_missing`, race scores when townships are
    ranked: queries/cycle_completeness.sql); days overdue for a missing or returned one past its deadline. Ordered
    by deadline, kind, county (by code). `config`: the settings in force (the schedule's history is read from
    `conn`: in_force). `receipts`: what was read of this data version before (Receipts)."""
    if scope.counties is not None and not scope.counties:
        raise OutOfScope("scope_refused_all", own="—")
    if county:
        scope.check(county)
    counties = [c for c in _counties(conn, receipts) if scope.covers(c) and (not county or c == county)]
    plan = in_force(conn, config)
    received = _received(conn, year, plan, receipts)
    pending = _pending(conn, year, plan)
    returns = _returned(conn, year, plan)
    rows = []
    for kind in schedule.KINDS:
        for period in plan.periods(kind, year):
            deadline = plan.deadline(kind, period)
            completeness = _completeness(conn, kind, period) if kind in DOMAINS else {}
            for name in counties:
                got = received.get((kind, period, name))
                waiting = pending.get((kind, period, name), [])
                returned = _awaiting_correction(returns.get((kind, period, name), []), got, waiting)
                status, correction = _status(got, waiting, returned, deadline, today)
                row = {
                    "period": period,
                    "kind": kind,
                    "county": name,
                    "deadline": deadline,
                    "status": status,
                    "correction": correction,
                    "received_at": got["received_at"] if got else pd.NaT,
                    "received_by": got["received_by"] if got else None,
                    "batch_id": got["batch_id"] if got else None,
                    "batches": got["batches"] if got else [],
                    "pending": waiting,
                    "returned": returned,
                    "expected": None,
                    "missing": None,
                    "township_missing": None,
                    "overdue_days": None,
                }
                if got and name in completeness:
                    expected, present, townships = completeness[name]
                    row["expected"], row["missing"], row["township_missing"] = expected, expected - present, townships
                if status in (MISSING, RETURNED) and deadline is not None and today > deadline:
                    row["overdue_days"] = (today - deadline).days
                rows.append(row)
    out = pd.DataFrame(rows, columns=COLUMNS)
    order = {kind: i for i, kind in enumerate(schedule.KINDS)}
    out["_due"] = out["deadline"].map(lambda day: day or dt.date.max)  # no deadline (movements): last
    out["_kind"] = out["kind"].map(order)
    out["_county"] = out["county"].map({c: i for i, c in enumerate(counties)})
    out = out.sort_values(["_due", "period", "_kind", "_county"], kind="stable").drop(
        columns=["_due", "_kind", "_county"]
    )
    for column in ("batch_id", "expected", "missing", "township_missing", "overdue_days"):
        out[column] = out[column].astype("Int64")
    for column in ("received_by", "correction"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.reset_index(drop=True)


def first_year(conn: duckdb.DuckDBPyConnection, today: dt.date) -> int:
    """The first year the tracker reports on (docs/decisions.md#years-tracked): the earliest year with county data
    in an active batch (queries/cycle_first_year.sql), or the year before `today`'s when that is earlier or there
    are no data (a new installation is owed last year's final quarter and roster). Before it nothing was owed:
    with no data of those years, every file would read 未报送."""
    found = queries.run(conn, "cycle_first_year")["year"].iloc[0]
    last_year = today.year - 1
    return last_year if pd.isna(found) else min(int(found), last_year)


def _status(
    got, waiting: list[int], returned: list[int], deadline: dt.date | None, today: dt.date
) -> tuple[str, str | None]:
    """(status, correction): what was received decides on time or late, and a submission of the same county, kind
    and period pending review or returned unanswered is then a correction of it; with nothing received, a pending
    submission makes the row pending and a returned one returned, before missing or not yet due."""
    if got:
        status = LATE if deadline is not None and got["received_at"].date() > deadline else RECEIVED
        return status, PENDING if waiting else RETURNED if returned else None
    if waiting:
        return PENDING, None
    if returned:
        return RETURNED, None
    if deadline is None:
        return NONE, None
    return (MISSING if today > deadline else OPEN), None


def _awaiting_correction(returns: list[tuple[int, dt.datetime]], got, waiting: list[int]) -> list[int]:
    """The returned submissions of a row still awaiting a new file: none while another submission of it is pending
    (the county has sent again), and only those returned after the newest batch that holds the row's data (data
    that came in after a return, the county's or the prefecture's, answer it)."""
    if waiting:
        return []
    newest = got["live_at"] if got else None
    return [i for i, at in returns if newest is None or at > newest]


class Receipts:
    """What the counties have sent of one version of the data (queries/cycle_received.sql), read one year at a time
    and kept: a page asks of the same years again for each window it shows (the year, its quarters, the
    promotions' years), and each read places a year's training records on the roster (about 0.7 s at province
    scale). Only for as long as the data cannot change: a caller keeps one per data version (ui/runtime.py) or
    for one document; without one, each question reads afresh."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn
        self._homes: pa.Table | None = None
        self._years: dict[int, pd.DataFrame] = {}
        self._placed: dict[tuple, dict] = {}  # _received's answers by year and schedule
        self._counties: list[str] | None = None

    def of_year(self, year: int) -> pd.DataFrame:
        """cycle_received's rows of data dated in `year`."""
        if year not in self._years:
            # each cadre's settled county reads the whole roster, whatever the year: once for every year asked
            # (a quarter of a province year's read, which a change of year on the overview waited for again)
            if self._homes is None:
                self._homes = queries.arrow(self._conn, "cycle_homes")
            self._years[year] = received(self._conn, dt.date(year, 1, 1), dt.date(year, 12, 31), self._homes)
        return self._years[year]

    def counties(self) -> list[str]:
        """The counties of the regions in county order (queries/race_units), read once: every question about unsent
        files asks for them (a training page's cold run read them fifteen times, 0.08 s at province scale)."""
        if self._counties is None:
            self._counties = _counties_in(self._conn)
        return list(self._counties)

    def placed(self, year: int, plan: schedule.Schedule) -> dict[tuple[str, str, str], dict]:
        """_received's answer for `year` under `plan`, worked out once: a training page asks it of the same year
        for each of its windows (ten times), and each time walked the year's rows in Python (a tenth of a second
        at province scale). Each call gets its own copy, so that a caller changing it changes no other's."""
        key = (year, plan)
        if key not in self._placed:
            self._placed[key] = _placed(self.of_year(year), plan)
        return {k: {**v, "batches": list(v["batches"])} for k, v in self._placed[key].items()}


def _counties_in(conn) -> list[str]:
    return queries.run(conn, "race_units", county="")["unit"].tolist()


def _counties(conn, receipts: Receipts | None) -> list[str]:
    """The counties in county order: those `receipts` read of its data version, else read now."""
    return receipts.counties() if receipts is not None else _counties_in(conn)


def received(conn, start: dt.date, end: dt.date, homes: pa.Table | None = None) -> pd.DataFrame:
    """cycle_received's rows of data dated `start`..`end`; `homes`: cycle_homes's rows of the same data, when the
    caller has read them already."""
    homes = homes if homes is not None else queries.arrow(conn, "cycle_homes")
    return queries.run(conn, "cycle_received", {"homes": homes}, start=start, end=end)


def _received(
    conn, year: int, plan: schedule.Schedule, receipts: Receipts | None = None
) -> dict[tuple[str, str, str], dict]:
    """(kind, period, county) -> the first receipt (received_at, received_by, batch_id), every batch id, and when
    the newest of them went live (live_at)."""
    return (receipts or Receipts(conn)).placed(year, plan)


def _placed(found: pd.DataFrame, plan: schedule.Schedule) -> dict[tuple[str, str, str], dict]:
    """_received from cycle_received's rows of one year."""
    out: dict[tuple[str, str, str], dict] = {}
    # the columns read whole, the times made datetimes a column at a time: a row of itertuples, each time cell a
    # Timestamp converted here, took 13 ms of a province year's 3,100 rows, 6 ms now (once per year and schedule)
    rows = zip(
        found["kind"].tolist(),
        found["slot"].tolist(),
        found["county"].tolist(),
        _datetimes(found["received_at"]),
        found["received_by"].tolist(),
        found["batch_id"].tolist(),
        _datetimes(found["live_at"]),
        strict=True,
    )
    for kind, slot, county, at, received_by, batch_id, live in rows:  # by received_at within kind, county, slot
        period = plan.place(kind, slot)
        if period is None:
            continue
        key = (kind, period, county)
        first = out.get(key)
        if first is None or at < first["received_at"]:
            out[key] = {
                "received_at": at,
                "received_by": received_by,
                "batch_id": int(batch_id),
                "batches": sorted({int(batch_id), *(first["batches"] if first else [])}),
                "live_at": max(live, first["live_at"]) if first else live,
            }
        else:
            first["live_at"] = max(live, first["live_at"])
            if int(batch_id) not in first["batches"]:
                first["batches"] = sorted([*first["batches"], int(batch_id)])
    return out


def _datetimes(column: pd.Series) -> list[dt.datetime]:
    """A column of cycle_received's times (TIMESTAMP) as the datetimes `pd.Timestamp(cell).to_pydatetime()` makes."""
    return list(column.dt.to_pydatetime())


def _pending(conn, year: int, plan: schedule.Schedule) -> dict[tuple[str, str, str], list[int]]:
    """(kind, period, county) -> ids of the submissions awaiting review with data of that period (one whose
    periods were not recorded counts for every period of its kind)."""
    out: dict[tuple[str, str, str], list[int]] = {}
    for row in queries.run(conn, "cycle_pending").itertuples(index=False):
        if row.kind not in schedule.KINDS:
            continue
        slots = [s for s in (row.periods or "").split(";") if s]
        if slots:
            owed = {plan.place(row.kind, s) for s in slots if int(s[:4]) == year}
        else:
            owed = set(plan.periods(row.kind, year))
        for period in sorted(p for p in owed if p):
            out.setdefault((row.kind, period, row.county), []).append(int(row.id))
    return out


def _returned(conn, year: int, plan: schedule.Schedule) -> dict[tuple[str, str, str], list[tuple]]:
    """(kind, period, county) -> (id, returned_at) of the returned submissions with data of that period. One whose
    periods were not recorded (made before schema 011) is placed in none: unlike a pending one, which holds up
    publishing wherever it might belong, a returned file placed in every period would mark them all returned."""
    out: dict[tuple[str, str, str], list[tuple]] = {}
    for row in queries.run(conn, "cycle_returned").itertuples(index=False):
        if row.kind not in schedule.KINDS:
            continue
        slots = [s for s in (row.periods or "").split(";") if s and int(s[:4]) == year]
        at = pd.Timestamp(row.returned_at).to_pydatetime()
        for period in sorted({p for p in (plan.place(row.kind, s) for s in slots) if p}):
            out.setdefault((row.kind, period, row.county), []).append((int(row.id), at))
    return out


def _completeness(conn, kind: str, period: str) -> dict[str, tuple[int, int, int]]:
    """county -> (values expected by the catalog in force, values stored, values of its townships missing) for race
    scores or care figures."""
    found = queries.run(conn, "cycle_completeness", domain=DOMAINS[kind], period=period)
    return {
        row.county: (int(row.expected), int(row.present), int(row.township_expected) - int(row.township_present))
        for row in found.itertuples(index=False)
    }


def county_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per county of `progress`: how many of its rows are received on time, late, pending, returned, missing, open
    (not due) or none (these add up to its rows); then, among the received ones, how many have a correction
    pending review (correction_pending) or returned unanswered (correction_returned), and how many lack values
    (incomplete)."""
    counts = pd.crosstab(rows["county"], rows["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts = counts.reindex(list(dict.fromkeys(rows["county"])), fill_value=0)
    for correction in CORRECTIONS:
        counts[f"correction_{correction}"] = rows[rows["correction"] == correction].groupby("county").size()
    counts["incomplete"] = rows[rows["missing"].fillna(0) > 0].groupby("county").size()
    for column in ("correction_pending", "correction_returned", "incomplete"):
        counts[column] = counts[column].fillna(0).astype(int)
    return counts.rename_axis("county").reset_index().rename_axis(None, axis=1)


def reminders(rows: pd.DataFrame) -> pd.DataFrame:
    """What counties still owe: rows of `progress` that are missing, or returned and past their deadline, or
    received with a returned correction unanswered or with values missing; oldest deadline first."""
    returned_late = (rows["status"] == RETURNED) & rows["overdue_days"].notna()
    owed = rows[
        (rows["status"] == MISSING) | returned_late | (rows["correction"] == RETURNED) | (rows["missing"].fillna(0) > 0)
    ]
    return owed.reset_index(drop=True)


# ------------------------------------------------------------ the banner above rankings and the care grid


@dataclass(frozen=True)
class Gap:
    """A county whose values for a period are not all in: how many the catalog expects, how many are missing,
    whether a submission of them awaits review, and whether one was returned (退回待重报) and nothing has come in
    since (never both: a new submission answers a return). `township_missing`: how many of the missing values are
    its townships' (race scores, when townships are ranked); None when not known (a shortfall a publication stored
    before it was kept), and the line then gives the total alone."""

    county: str
    expected: int
    missing: int
    pending: bool
    returned: bool = False
    township_missing: int | None = None


def gaps(conn: duckdb.DuckDBPyConnection, kind: str, period: str, county: str = "") -> list[Gap]:
    """The counties (or only `county`) whose race scores or care figures for `period` are incomplete in the data
    shown, in county order: what a meeting must know before reading the period's ranking or care grid as final.
    Any period of the stored form, whatever the schedule. A county's submission of the period returned by the
    reviewer counts as the tracker counts it (docs/decisions.md#statuses): until a submission of it is pending or a
    batch holding its data of the period is made after the return."""
    waiting = {
        row.county
        for row in queries.run(conn, "cycle_pending").itertuples(index=False)
        if row.kind == kind and (not row.periods or period in row.periods.split(";"))
    }
    returned = _returned_unanswered(conn, kind, period) - waiting
    return [
        Gap(
            county=name,
            expected=expected,
            missing=expected - present,
            pending=name in waiting,
            returned=name in returned,
            township_missing=townships,
        )
        for name, (expected, present, townships) in _completeness(conn, kind, period).items()
        if present < expected and (not county or name == county)
    ]


def _returned_unanswered(conn, kind: str, period: str) -> set[str]:
    """The counties whose submission of `kind` holding values of `period` was returned, with no batch holding the
    county's data of that period made since (a return placed in no period, made before schema 011, counts for none,
    as in the tracker)."""
    returns: dict[str, list[tuple[int, dt.datetime]]] = {}
    for row in queries.run(conn, "cycle_returned").itertuples(index=False):
        if row.kind == kind and period in (row.periods or "").split(";"):
            returns.setdefault(row.county, []).append((int(row.id), pd.Timestamp(row.returned_at).to_pydatetime()))
    if not returns:
        return set()
    start = periods.bounds(period)[0]
    newest: dict[str, dt.datetime] = {}
    for row in received(conn, start, start).itertuples(index=False):
        if row.kind == kind and row.slot == period:
            live = pd.Timestamp(row.live_at).to_pydatetime()
            newest[row.county] = max(live, newest.get(row.county, live))
    return {
        name
        for name, found in returns.items()
        if _awaiting_correction(found, {"live_at": newest[name]} if name in newest else None, [])
    }


@dataclass(frozen=True)
class FileGap:
    """A county that has not sent every file of a kind owed for a window: the periods whose file is not in (none
    received: missing, not yet due, pending review or returned), and whether one of them awaits review."""

    county: str
    periods: tuple[str, ...]
    pending: bool


def files_not_in(
    conn: duckdb.DuckDBPyConnection,
    kind: str,
    start: dt.date,
    end: dt.date,
    config: Mapping[str, float],
    receipts: Receipts | None = None,
    ended_by: dt.date | None = None,
) -> list[FileGap]:
    """The counties, in county order, without a received file of `kind` (schedule.KINDS) for some period of the
    schedule that overlaps start..end and has ended by `ended_by` (default `end`): what makes figures summed over
    the window incomplete, as `gaps` does for one period's race scores or care figures. A period the window holds
    only part of counts (a window of July alone misses the July of a county that has not sent its third quarter:
    before, only periods lying wholly within the window did, and that July read as nobody trained). `receipts`:
    what was read of this data version before (Receipts)."""
    plan = in_force(conn, config)
    last = end if ended_by is None else ended_by
    owed = [
        p
        for year in range(start.year, end.year + 1)
        for p in plan.periods(kind, year)
        if periods.bounds(p)[0] <= end and start <= periods.bounds(p)[1] <= last
    ]
    received, pending = {}, {}
    for year in range(start.year, end.year + 1):
        received.update(_received(conn, year, plan, receipts))
        pending.update(_pending(conn, year, plan))
    out = []
    for county in _counties(conn, receipts):
        absent = tuple(p for p in owed if (kind, p, county) not in received)
        if absent:
            out.append(FileGap(county, absent, any((kind, p, county) in pending for p in absent)))
    return out


@dataclass(frozen=True)
class WindowGaps:
    """`files_not_in` of a window in two parts. `left_out`: the counties lacking a period that another county has
    sent, with those periods; every figure of the window leaves them out (coverage.reported), since their unsent
    part would read as a measured zero beside counties that sent it. `by_none`: the periods no county has sent
    (records not yet begun, or a period just over): common to all, so counties still compare, and the figures are
    of the other periods (docs/decisions.md#unsent-training-files)."""

    left_out: tuple[FileGap, ...]
    by_none: tuple[str, ...]


def window_gaps(
    conn: duckdb.DuckDBPyConnection,
    kind: str,
    start: dt.date,
    end: dt.date,
    config: Mapping[str, float],
    receipts: Receipts | None = None,
    ended_by: dt.date | None = None,
) -> WindowGaps:
    """files_not_in(start..end, ended_by) split into WindowGaps."""
    found = files_not_in(conn, kind, start, end, config, receipts, ended_by)
    counties = len(_counties(conn, receipts))
    if not found or len(found) < counties:  # some county has sent every period: none is unsent by all
        return WindowGaps(tuple(found), ())
    by_none = tuple(p for p in found[0].periods if all(p in gap.periods for gap in found))
    left_out = tuple(
        dataclasses.replace(gap, periods=tuple(p for p in gap.periods if p not in by_none))
        for gap in found
        if set(gap.periods) - set(by_none)
    )
    return WindowGaps(left_out, by_none)


@dataclass(frozen=True)
class RunningPeriod:
    """The schedule period still running on a day that some counties, not all, have already sent a file of."""

    period: str
    sent: tuple[str, ...]  # in county order
    late: tuple[str, ...]  # the other counties of the regions, in county order


def partly_sent_running(
    conn: duckdb.DuckDBPyConnection,
    kind: str,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    config: Mapping[str, float],
    receipts: Receipts | None = None,
) -> RunningPeriod | None:
    """The period of `kind` that has begun by `today` but not ended, overlapping start..end (a window of one of its
    months too), when some counties have sent a file of it and others have not; None otherwise (nobody yet, or
    everybody). A window's figures measure up to it rather than read the counties yet to send as zero
    (coverage.reported)."""
    plan = in_force(conn, config)
    running = [
        p
        for p in plan.periods(kind, today.year)
        if periods.bounds(p)[0] <= today < periods.bounds(p)[1]
        and periods.bounds(p)[0] <= end
        and start <= periods.bounds(p)[1]
    ]
    if not running:
        return None
    period = running[0]
    received = _received(conn, today.year, plan, receipts)
    counties = _counties(conn, receipts)
    sent = tuple(c for c in counties if (kind, period, c) in received)
    if not sent or len(sent) == len(counties):
        return None
    return RunningPeriod(period, sent, tuple(c for c in counties if c not in sent))


def gaps_line(found: list[Gap], lang: str, quote=str) -> str:
    """`本期 3 个县区数据未报齐：甲县（无数据、退回待重报）、乙县（缺 2 项、待审核）。`, or '' when nothing is missing.
    `quote` makes the county names inert where the line goes (safe_text.markdown on a page)."""
    if not found:
        return ""
    return t("cycle_gaps", lang, n=len(found), counties=gap_items(found, lang, quote))


def gap_items(found: list[Gap], lang: str, quote=str) -> str:
    """`甲县（无数据）、乙县（缺 2 项、待审核）、丙县（乡镇缺 3 项）`: each county of `found` with what it lacks, its
    own values and its townships' apart when known (a county whose own row is complete reads so beside it)."""
    described = []
    for gap in found:
        reasons = _lacking(gap, lang)
        if gap.pending:
            reasons.append(t("cycle_gap_pending", lang))
        if gap.returned:  # the county's file, or its correction of the values it had sent, came back to it
            reasons.append(
                t("cycle_status_returned" if gap.missing == gap.expected else "cycle_correction_returned", lang)
            )
        described.append(t("cycle_gap_county", lang, county=quote(gap.county), reasons=join(reasons, lang)))
    return join(described, lang)


def _lacking(gap: Gap, lang: str) -> list[str]:
    if gap.missing == gap.expected:
        return [t("cycle_gap_none", lang)]
    return _missing_values(gap.missing, gap.township_missing, lang)


def _missing_values(missing: int, townships: int | None, lang: str) -> list[str]:
    """How many values are missing, the county's own and its townships' apart when any are its townships' ("本级缺
    1 项", "乡镇缺 2 项"), else as one count ("缺 3 项")."""
    if not townships:
        return [t("cycle_gap_values", lang, n=missing)]
    own = missing - townships
    return [
        *([t("cycle_gap_county_values", lang, n=own)] if own else []),
        t("cycle_gap_township_values", lang, n=townships),
    ]


def _row_lacking(row, lang: str) -> str:
    """A progress row's missing values in words (`_missing_values`), as the incomplete-data line says them."""
    townships = None if pd.isna(row.township_missing) else int(row.township_missing)
    return join(_missing_values(int(row.missing), townships, lang), lang)


def submissions_key(conn: duckdb.DuckDBPyConnection) -> int:
    """Changes whenever a submission is made, accepted, returned or withdrawn: with the data version, the cache key
    of what the tracker says (submitting changes no data)."""
    cur = conn.cursor()
    try:
        return cur.execute("SELECT count(*) FROM submission_events").fetchone()[0]
    finally:
        cur.close()


# ------------------------------------------------------------ tables in the user's language


def progress_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`progress` as the page shows it: statuses in words, dates as text, batches and submissions named as such
    (`批次 #3、#13`, `报送 #7`: both are numbered from 1)."""
    return pd.DataFrame(
        {
            t("cycle_col_period", lang): rows["period"],
            t("col_kind", lang): [capital(t(f"kind_{k}", lang)) for k in rows["kind"]],
            t("col_county", lang): rows["county"],
            t("cycle_col_deadline", lang): [_day(d) for d in rows["deadline"]],
            t("col_status", lang): [_status_text(r, lang) for r in rows.itertuples(index=False)],
            t("cycle_col_received_at", lang): [
                "" if pd.isna(at) else f"{pd.Timestamp(at):%Y-%m-%d %H:%M}" for at in rows["received_at"]
            ],
            t("cycle_col_received_by", lang): [labels.who_text(w, lang) if w else "" for w in rows["received_by"]],
            t("cycle_col_batches", lang): [capital(labels.batch_refs(found, lang)) for found in rows["batches"]],
            t("cycle_col_pending", lang): [capital(labels.submission_refs(found, lang)) for found in rows["pending"]],
            t("cycle_col_returned", lang): [capital(labels.submission_refs(found, lang)) for found in rows["returned"]],
        }
    )


def counts_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    return counts.rename(
        columns={
            "county": t("col_county", lang),
            **{status: capital(t(f"cycle_status_{status}", lang)) for status in STATUSES},
            **{f"correction_{c}": capital(t(f"cycle_correction_{c}", lang)) for c in CORRECTIONS},
            "incomplete": t("cycle_col_incomplete", lang),
        }
    )


def reminder_table(owed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reminder list to send: county, kind, period, deadline, days overdue and what is missing."""
    return pd.DataFrame(
        {
            t("col_county", lang): owed["county"],
            t("col_kind", lang): [capital(t(f"kind_{k}", lang)) for k in owed["kind"]],
            t("cycle_col_period", lang): owed["period"],
            t("cycle_col_deadline", lang): [_day(d) for d in owed["deadline"]],
            t("cycle_col_overdue", lang): owed["overdue_days"],
            t("cycle_col_owed", lang): [_owed_text(r, lang) for r in owed.itertuples(index=False)],
        }
    )


def schedule_note(config: Mapping[str, float], lang: str, can_change: bool = False) -> str:
    """The schedule in force in one sentence, for the pages that show what is owed; that a period already over keeps
    the schedule it ended under (in_force: the deadlines of the rows say it); and where it is changed: on the Data
    page's settings for the prefecture administrator (`can_change`), who alone opens that page; a county account is
    told that the prefecture administrator sets it."""
    rules = schedule.rules(config)
    where = t("cycle_schedule_change_admin" if can_change else "cycle_schedule_change_county", lang)
    note = t(
        "cycle_schedule_note",
        lang,
        race=rules["race_scores"].due_days,
        welfare=rules["welfare"].due_days,
        training=rules["training"].due_days,
        training_cycle=t("cycle_cycle_month" if rules["training"].form == "M" else "cycle_cycle_quarter", lang),
        roster=rules["roster"].due_days,
    )
    return (" " if lang == "en" else "").join([note, t("cycle_schedule_past", lang), where])


def export_table(rows: pd.DataFrame) -> pd.DataFrame:
    """`progress` (or `reminders`) as `incentive export progress|reminders` writes it: canonical column names and
    codes, dates as ISO text, times to the second (labels.time_text), batch and submission ids `;`-separated."""
    out = rows.copy()
    out["deadline"] = [_day(d) for d in out["deadline"]]
    out["received_at"] = [labels.time_text(at) for at in out["received_at"]]
    out["batches"] = [";".join(str(b) for b in found) for found in out["batches"]]
    out["pending"] = [";".join(str(s) for s in found) for found in out["pending"]]
    out["returned"] = [";".join(str(s) for s in found) for found in out["returned"]]
    out["correction"] = out["correction"].fillna("")
    return out


def _day(day) -> str:
    return "" if day is None or pd.isna(day) else f"{day:%Y-%m-%d}"


def _status_text(row, lang: str) -> str:
    text = capital(t(f"cycle_status_{row.status}", lang))
    if row.correction:
        text = t("cycle_status_corrected", lang, status=text, correction=t(f"cycle_correction_{row.correction}", lang))
    if not pd.isna(row.missing) and row.missing > 0:
        text += t("cycle_incomplete_note", lang, lacking=_row_lacking(row, lang), total=int(row.expected))
    return text


def _owed_text(row, lang: str) -> str:
    owed = []
    if row.status == MISSING:
        owed.append(t("cycle_owed_file", lang))
    if row.status == RETURNED:
        owed.append(t("cycle_owed_returned", lang))
    if row.correction == RETURNED:
        owed.append(t("cycle_owed_correction", lang))
    if not pd.isna(row.missing) and row.missing > 0:
        owed.append(t("cycle_owed_values", lang, lacking=_row_lacking(row, lang), total=int(row.expected)))
    return ("; " if lang == "en" else "；").join(owed)

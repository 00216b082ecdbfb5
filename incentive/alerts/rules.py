"""The rules of the warning list (预警清单; docs/decisions.md#alerts). Each reads the figures the pages show, through
the functions the pages use, and returns its alerts: a level, the county and period, the numbers it states
(`data`) and the sentence made from them in the user's language.

| rule            | fires when                                                                        | level           |
| --------------- | --------------------------------------------------------------------------------- | --------------- |
| `third_tier`    | a county in the third tier (第三方阵) N race periods running (N: the setting       | red             |
|                 | `alert_third_tier_periods`, 2): a candidate for 约谈; published ranks where the    |                 |
|                 | period is published, else live                                                    |                 |
| `care_below`    | a care indicator 未达标 N periods running (`alert_care_periods`, 2); published      | yellow; red     |
|                 | statuses where published, else live                                               | from N + 1      |
| `training_pace` | at a quarter's end, the year-to-date coverage or hours per cadre below the pace   | yellow          |
|                 | (the annual targets prorated by months, as the training page prorates hours)      |                 |
| `data`          | files past their deadline (cycle.tracker): 未报送 red; 逾期报送 or values missing   | red / yellow    |
|                 | yellow; one alert per county and level                                            |                 |
| `value_drop`    | a county's change against the previous period beyond its peers' fences            | yellow          |
|                 | (intake.plausibility.unusual_changes) in the worse direction of the indicator     |                 |

"Running" counts back through the previous stored periods of the same form (docs/decisions.md#previous-period);
a period in which the county was not ranked, or the indicator had no status, ends the run.

Every function takes a connection (anything with `cursor()`: Database.connection, a pinned view's DataAsOf) and,
where publications matter, `moment` (a pinned view sees the versions published by then).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from incentive import disclosure, periods
from incentive.accounts.roles import Scope
from incentive.care import welfare
from incentive.care.targets import with_status
from incentive.cycle import schedule, tracker
from incentive.i18n import join, t
from incentive.intake import checks
from incentive.intake.plausibility import number_text
from incentive.labels import quantity
from incentive.publication import official
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.store import queries
from incentive.training import coverage

RED, YELLOW = "red", "yellow"
LEVELS = (RED, YELLOW)
THIRD_TIER, CARE_BELOW, TRAINING_PACE, DATA, VALUE_DROP = (
    "third_tier",
    "care_below",
    "training_pace",
    "data",
    "value_drop",
)
RULES = (THIRD_TIER, CARE_BELOW, TRAINING_PACE, DATA, VALUE_DROP)

# Counts of people (disclosure.PEOPLE_UNITS): where an alert would state one from 1 to threshold − 1, it shows
# `<threshold` instead, and no figure it could be worked out from (docs/decisions.md#small-numbers).
PEOPLE_UNITS = disclosure.PEOPLE_UNITS
ITEMS_IN_SENTENCE = 5  # files named in one sentence of the data rule; the rest are counted ("and 3 more")
_EPS = 1e-9  # exactly at pace is not behind it (float noise must not make it so)


@dataclass(frozen=True)
class Alert:
    """One warning. `data` holds the numbers its sentence states (JSON-ready: text, numbers, lists);
    `magnitude` orders alerts of one rule and level (larger is more severe); `disclosure` is 'small' or 'withheld'
    when the alert would tell a viewer a training figure the suppression pattern hides (the list leaves it out for
    viewers, as the training page leaves out hidden units), '' otherwise."""

    rule: str
    level: str
    county: str
    period: str
    data: Mapping = field(default_factory=dict)
    magnitude: float = 0.0
    disclosure: str = ""

    def sentence(self, lang: str, quote: Callable[[str], str] = str, small: int | None = None) -> str:
        """The plain sentence in `lang`, made from `data`. `quote` makes names from files inert where the sentence
        goes (safe_text.markdown on a page); `small` (the suppression threshold) shows a count of people from 1 to
        small − 1 as `<small`, and leaves out the figures it could be worked out from; None states exact figures
        (the command line's)."""
        return _SENTENCES[self.rule](self, lang, quote, small)


# ------------------------------------------------------------------ rule 1: third tier N race periods running


def third_tier(conn, at: str, running: int, moment: dt.datetime | None = None) -> list[Alert]:
    """Counties in the third tier in `at` and in each of the stored race periods of the same form before it, at
    least `running` periods in all; red. Tiers of the official ranking: the published one (its newest version by
    `moment`) where the period is published, else the live ranking with the catalog's weights and exact thirds.
    data: periods (oldest first), running, rank and ranked (the units ranked with it in `at`: its class's where
    counties have classes), published (the periods whose published ranks were used) and versions (period ->
    version)."""
    stored = rankings.available_periods(conn)
    if at not in stored:
        return []
    tiers: dict[str, tuple[pd.DataFrame, int | None]] = {}
    tiers_of = _RaceTiers(conn, moment)

    def third(period: str) -> set[str]:
        tiers[period] = tiers_of(period)
        frame = tiers[period][0]
        return set(frame.loc[frame["tier"].eq(3).fillna(False).astype(bool), "unit"])

    runs = _runs(_chain(at, stored), third)
    now = tiers[at][0].set_index("unit")
    # where counties have classes the rank is within the county's class, and so is the count it is out of
    classes = now["peer_class"] if "peer_class" in now else pd.Series("", index=now.index)
    out = []
    for county in now.index:
        streak = runs.get(county, [])
        if len(streak) < running:
            continue
        rank = int(now.at[county, "rank"])
        ranked = int(now.loc[classes == classes[county], "rank"].notna().sum())
        versions = {p: tiers[p][1] for p in streak if tiers[p][1] is not None}
        out.append(
            Alert(
                THIRD_TIER,
                RED,
                county,
                at,
                {
                    "periods": streak[::-1],
                    "running": len(streak),
                    "rank": rank,
                    "ranked": ranked,
                    "published": [p for p in streak[::-1] if p in versions],
                    "versions": versions,
                },
                magnitude=len(streak) + rank / (ranked + 1),  # the longer run first, then the lower rank
            )
        )
    return out


def _chain(at: str, stored: list[str]) -> list[str]:
    """`at` and the stored periods of its form before it, newest first (each the previous stored of the one after)."""
    chain, period = [], at
    while period is not None:
        chain.append(period)
        period = periods.previous_stored(period, stored)
    return chain


def _runs(chain: list[str], holding: Callable[[str], set]) -> dict:
    """key -> the periods of `chain` (newest first) for which it holds without a break from the first one on.
    `holding(period)` (the keys for which the condition holds) is asked only while some run is still open."""
    runs = {key: [chain[0]] for key in holding(chain[0])}
    open_runs = set(runs)
    for period in chain[1:]:
        if not open_runs:
            break
        holds = holding(period)
        for key in list(open_runs):
            if key in holds:
                runs[key].append(period)
            else:
                open_runs.discard(key)
    return runs


class _RaceTiers:
    """The tiers of the periods of one run of third_tier, called with a period: unit, rank, tier of the counties
    and the published version (None: the live ranking). The official ranking's: the version in force where the
    period is published, else live with the catalog's weights and exact thirds; within the class where counties
    have peer classes (_class_tiers). What the periods share is read once (the versions in force of every period,
    the region list's classes, the live ranking's units, values and coverage setting): a run of fifteen periods
    was fifteen times eight queries."""

    def __init__(self, conn, moment: dt.datetime | None):
        self._conn, self._moment = conn, moment
        self._in_force = official.latest_of_each(conn, moment)
        self._classes_now = any(rankings.unit_classes(conn))
        self._live: rankings.PeriodInputs | None = None

    def __call__(self, period: str) -> tuple[pd.DataFrame, int | None]:
        publication = self._in_force.get(period)
        if publication is None:
            if self._classes_now:
                return _class_tiers(self._conn, period, self._moment)
            return self._live_tiers(period), None
        rows = official.frozen_ranks(self._conn, publication, "county")
        rows = rows[rows["peer"] == ""]
        frozen_classes = rows["peer_class"].ne("").any()
        if frozen_classes or self._classes_now:  # the classes in force (official.unit_classes_in_force)
            return _class_tiers(self._conn, period, self._moment)
        rows = rows[rows["peer_class"] == ""]
        if len(rows):
            return rows[["unit", "rank", "tier"]].reset_index(drop=True), publication.version
        return self._live_tiers(period), None

    def _live_tiers(self, period: str) -> pd.DataFrame:
        self._live = self._live or rankings.PeriodInputs(self._conn, PeerGroup())
        return rankings.history_rows(self._live(period))[["unit", "rank", "tier"]]


def _class_tiers(conn, period: str, moment) -> tuple[pd.DataFrame, int | None]:
    """unit, rank, tier and peer_class of the counties in `period` where they have peer classes (分类考核): the rank
    and tier within the class, as in force (official.class_standings); the published version, or None where the
    class rankings are live."""
    standings = official.class_standings(conn, period, at=moment)
    publication = official.latest(conn, period, moment)
    # the class rankings are the publication's only where it froze them; classes of a region list imported after
    # it are ranked live (official.ranking_in_force), so those periods are not called published
    frozen = publication is not None and len(official.published_unit_classes(conn, publication)) > 0
    frame = standings.rename(columns={"class_rank": "rank", "class_tier": "tier"}).rename_axis("unit")
    return frame.reset_index()[["unit", "rank", "tier", "peer_class"]], publication.version if frozen else None


# ------------------------------------------------------------------ rule 2: a care indicator below target running


def care_below(conn, at: str, running: int, moment: dt.datetime | None = None) -> list[Alert]:
    """County and care indicator pairs 未达标 (status below) in `at` and each stored care period of the same form
    before it, at least `running` in all: yellow, red from running + 1. Statuses as published where the period is
    published (its newest version by `moment`), else live (welfare_values_by_county with targets.status). data:
    indicator, name, unit, direction, value and target in `at`, periods (oldest first), running, published,
    versions."""
    stored = welfare.stored_periods(conn)
    if at not in stored:
        return []
    views: dict[str, tuple[pd.DataFrame, int | None]] = {}
    in_force = official.latest_of_each(conn, moment)  # one query for the run's periods

    def below(period: str) -> set[tuple[str, str]]:
        views[period] = _care_statuses(conn, period, in_force.get(period))
        frame = views[period][0]
        found = frame[frame["status"] == "below"]
        return set(zip(found["county"], found["indicator"], strict=True))

    runs = _runs(_chain(at, stored), below)
    now = views[at][0]
    out = []
    for row in now[now["status"] == "below"].itertuples(index=False):
        streak = runs[(row.county, row.indicator)]
        if len(streak) < running:
            continue
        versions = {p: views[p][1] for p in streak if views[p][1] is not None}
        shortfall = _shortfall(row.value, row.target, row.direction)
        out.append(
            Alert(
                CARE_BELOW,
                RED if len(streak) > running else YELLOW,
                row.county,
                at,
                {
                    "indicator": row.indicator,
                    "name": row.name,
                    "unit": row.unit or "",
                    "direction": row.direction,
                    "value": float(row.value),
                    "target": float(row.target),
                    "periods": streak[::-1],
                    "running": len(streak),
                    "published": [p for p in streak[::-1] if p in versions],
                    "versions": versions,
                },
                magnitude=len(streak) + min(shortfall, 0.999),  # the longer run first, then the wider shortfall
            )
        )
    return out


def _care_statuses(conn, period: str, publication: official.Publication | None) -> tuple[pd.DataFrame, int | None]:
    """county, indicator, name, unit, value, target, direction, status of `period`, as `publication` (its version in
    force) froze them, else live; the published version or None."""
    view = official.welfare_view(conn, period, publication.version) if publication is not None else None
    if view is not None:
        return view.table, publication.version
    return with_status(queries.run(conn, "welfare_values_by_county", period=period)), None


def _shortfall(value: float, target: float, direction: str) -> float:
    """How far below target, relative to the target (0.2 = a fifth short)."""
    gap = (value - target) if direction == "lower" else (target - value)
    return gap / abs(target) if target else gap


# ------------------------------------------------------------------ rule 3: training behind the pace


def judged_quarter(conn, year: int, today: dt.date, config: Mapping[str, float]) -> str | None:
    """The newest quarter of `year` whose training records were due before `today` (the schedule's deadline of
    its last training period, by the schedule in force for that period: tracker.in_force; the deadline day itself
    is still on time): judged before that, a county would read as behind for records not yet owed. None when no
    quarter of the year is."""
    plan = tracker.in_force(conn, config)
    return next((q for q in (f"{year}-Q{n}" for n in range(4, 0, -1)) if _training_due(plan, q, today)), None)


def training_due(conn, quarter: str, today: dt.date, config: Mapping[str, float]) -> bool:
    """Whether the training records of `quarter` were due before `today` (judged_quarter's rule)."""
    return _training_due(tracker.in_force(conn, config), quarter, today)


def _training_due(plan: schedule.Schedule, quarter: str, today: dt.date) -> bool:
    """The training period ending with `quarter` (the quarter, or its last month when owed monthly) is past its
    deadline on `today`."""
    last = periods.bounds(quarter)[1]
    return today > plan.deadline("training", plan.place("training", f"{last:%Y-%m}"))


def training_judged_on(quarter: str) -> dt.date:
    """The day a quarter's training is judged as: after its end (training_due holds on any day a warning is
    made), so its year to date is a window over, owed in whole, as the training page measures it then."""
    return periods.bounds(quarter)[1] + dt.timedelta(days=1)


def year_to_date(quarter: str) -> coverage.Window:
    """From 1 January to the quarter's last day: the whole year (labelled `2026`) at the fourth quarter."""
    year = int(quarter[:4])
    end = periods.bounds(quarter)[1]
    if end.month == 12:
        return coverage.year_window(year)
    return coverage.months_window(dt.date(year, 1, 1), end)


def training_pace(
    conn, quarter: str, config: Mapping[str, float], receipts: tracker.Receipts | None = None
) -> list[Alert]:
    """Counties whose training from 1 January to the end of `quarter` is behind the pace of the year's targets:
    coverage below `coverage_target` × months / 12, or hours per cadre below the county's mean yearly training
    target (its cadres' own targets by rank, training_coverage's annual_target) × months / 12
    (coverage.expected_by on the quarter's last day: the training page's pace; docs/decisions.md#training-targets-by-rank);
    exactly at pace is not behind. Yellow. data:
    quarter, window (its label), coverage, coverage_pace, hours, hours_pace, behind (the measures behind). Each
    alert's `disclosure` is the county's status in the window's suppression pattern (threshold: the setting), which
    the training page uses for the same window: rates only, no count of cadres is stated. `receipts`: as
    coverage.reported takes them."""
    # a county whose files of the window are not all in is left out, as on the training page (the late-file
    # warning names it): its unsent quarter would read as training behind the pace
    window = coverage.reported(conn, year_to_date(quarter), config, training_judged_on(quarter), receipts)
    last = coverage.last_recorded(conn, window)
    if last is None:  # no training record at all in the window: nothing was measured (not 0 % for everyone)
        return []
    # the training page's pace (coverage.expected_by), on the quarter's last day: the year's share so far
    year, end = coverage.year_window(window.start.year), periods.bounds(quarter)[1]
    coverage_pace = coverage.expected_by(config["coverage_target"], year, end) / 100
    cadres = coverage.cadres_in(conn, window)
    years = coverage.to_come(window, last, training_judged_on(quarter))  # over: the whole target
    by_county = coverage.window_query(conn, "training_coverage", window, cadres, by="county", county="", to_come=years)
    if by_county.empty:
        return []
    pattern = coverage.disclosure_pattern(conn, window, cadres, int(config["suppression_threshold"]), years)
    hidden = coverage.county_statuses(by_county["county"], pattern)
    out = []
    for row, status in zip(by_county.itertuples(index=False), hidden, strict=True):
        gaps = {}
        hours_pace = coverage.expected_by(float(row.annual_target), year, end) if pd.notna(row.annual_target) else 0.0
        if row.coverage < coverage_pace - _EPS:
            gaps["coverage"] = (coverage_pace - row.coverage) / coverage_pace
        if row.hours_per_cadre < hours_pace - _EPS:
            gaps["hours"] = (hours_pace - row.hours_per_cadre) / hours_pace
        if not gaps:
            continue
        out.append(
            Alert(
                TRAINING_PACE,
                YELLOW,
                row.county,
                quarter,
                {
                    "quarter": quarter,
                    "window": window.label,
                    "coverage": float(row.coverage),
                    "coverage_pace": coverage_pace,
                    "hours": float(row.hours_per_cadre),
                    "hours_pace": hours_pace,
                    "behind": list(gaps),
                },
                magnitude=max(gaps.values()),
                disclosure=status,
            )
        )
    return out


# ------------------------------------------------------------------ rule 4: data missing or late


def data_delivery(
    conn,
    year: int,
    today: dt.date,
    config: Mapping[str, float],
    scope: Scope = Scope.ALL,  # type: ignore[attr-defined]
    period: str | None = None,
    receipts: tracker.Receipts | None = None,
) -> list[Alert]:
    """From the tracker (cycle.tracker.progress, judged on `today`), per county of `scope`: one red alert for the
    files owed past their deadline and not received (未报送: the rows the tracker counts days overdue for), one
    yellow for those 逾期报送 or received with values missing (缺 N 项);
    only `period`'s rows when given. Pending submissions (待审核) and files not yet due raise nothing. An alert's
    period is the newest of its files'. data: items (period, kind, status, deadline, days overdue or late, values
    missing and expected), oldest deadline first. Nothing before the tracker's first year (tracker.first_year:
    docs/decisions.md#years-tracked), when nothing was owed. `receipts`: as tracker.progress takes them."""
    if year < tracker.first_year(conn, today):
        return []
    rows = tracker.progress(conn, year, today, config, scope, receipts=receipts)
    if period is not None:
        rows = rows[rows["period"] == period]
    out = []
    for county, own in rows.groupby("county", sort=False):
        overdue = own["overdue_days"].notna()  # the tracker's mark of a file owed past its deadline, not received
        missing = own[overdue]
        flawed = own[~overdue & _late_or_incomplete(own)]
        for level, chosen in ((RED, missing), (YELLOW, flawed)):
            if chosen.empty:
                continue
            items = [_item(row) for row in chosen.itertuples(index=False)]
            days = sum(item["days"] or 0 for item in items)
            out.append(
                Alert(
                    DATA,
                    level,
                    county,
                    max((item["period"] for item in items), key=periods.bounds),
                    {"items": items},
                    magnitude=len(items) + days / 10_000 if level == YELLOW else days + len(items) / 1000,
                )
            )
    return out


def _late_or_incomplete(rows: pd.DataFrame) -> pd.Series:
    return (rows["status"] == tracker.LATE) | (rows["missing"].fillna(0) > 0)


def _item(row) -> dict:
    days = None
    if not pd.isna(row.overdue_days):
        days = int(row.overdue_days)
    elif row.status == tracker.LATE:
        days = (pd.Timestamp(row.received_at).date() - row.deadline).days
    return {
        "period": row.period,
        "kind": row.kind,
        "status": row.status,
        "deadline": f"{row.deadline:%Y-%m-%d}",
        "days": days,
        "values_missing": None if pd.isna(row.missing) else int(row.missing),
        "values_expected": None if pd.isna(row.expected) else int(row.expected),
    }


# ------------------------------------------------------------------ rule 5: a sharp fall against the peers


DOMAINS = ("race", "welfare")


def value_drops(conn, at: Mapping[str, str | None]) -> list[Alert]:
    """County values of the period `at[domain]` ('race', 'welfare') whose change from the previous stored period is
    unusual against the peers' changes (checks.changes_in, the import warning's rule) and in the worse direction of
    the indicator in force: a fall where higher is better, a rise where lower is better. Townships are left to
    the Data page's findings. Yellow. data: domain, indicator, name, unit, direction, previous, old, new, change,
    low, high (the peers' fences), peers."""
    out = []
    for domain in DOMAINS:
        period = at.get(domain)
        if not period:
            continue
        changes = checks.changes_in(conn, domain, only=[period])
        changes = changes[(changes["period"] == period) & (changes["township"].fillna("") == "")]
        if changes.empty:
            continue
        catalog = queries.run(conn, "indicators_in_force", domain=domain, period=period).set_index("code")
        for row in changes.itertuples(index=False):
            if row.indicator not in catalog.index:
                continue
            version = catalog.loc[row.indicator]
            lower = version["direction"] == "lower"
            if not (row.change > row.high if lower else row.change < row.low):
                continue
            out.append(
                Alert(
                    VALUE_DROP,
                    YELLOW,
                    row.county,
                    period,
                    {
                        "domain": domain,
                        "indicator": row.indicator,
                        "name": version["name"],
                        "unit": version["unit"] or "",
                        "direction": version["direction"],
                        "previous": row.previous,
                        "old": float(row.old),
                        "new": float(row.new),
                        "change": float(row.change),
                        "low": float(row.low),
                        "high": float(row.high),
                        "peers": int(row.peers),
                    },
                    magnitude=abs(row.change) / abs(row.old) if row.old else abs(row.change),
                )
            )
    return out


# ------------------------------------------------------------------ sentences


def _number(value: float) -> str:
    """A figure as the pages print one: whole numbers plain, others to at most two decimals."""
    return number_text(round(float(value), 2))


def _amount(value: float, unit: str, lang: str, small: int | None) -> str:
    """A value with its unit; a count of people from 1 to small − 1 as `<small`."""
    if _is_small_count(value, unit, small):
        return f"<{small}"
    return quantity(_number(value), value, unit, lang)


def _is_small_count(value, unit: str, small: int | None) -> bool:
    return disclosure.is_small_count(value, unit, small)


def _basis(data: Mapping, lang: str) -> str:
    """Which of the periods' figures are the published ones."""
    published, all_periods = data["published"], data["periods"]
    if not published:
        return t("alert_basis_live", lang)
    if len(published) == len(all_periods):
        return t("alert_basis_published", lang)
    return t("alert_basis_mixed", lang, published=join(published, lang))


def _third_tier_sentence(alert: Alert, lang: str, quote, small) -> str:
    data = alert.data
    return t(
        "alert_third_tier",
        lang,
        county=quote(alert.county),
        n=data["running"],
        first=data["periods"][0],
        last=data["periods"][-1],
        rank=data["rank"],
        ranked=data["ranked"],
        basis=_basis(data, lang),
    )


def _care_sentence(alert: Alert, lang: str, quote, small) -> str:
    data = alert.data
    return t(
        "alert_care_below",
        lang,
        county=quote(alert.county),
        name=quote(data["name"]),
        n=data["running"],
        first=data["periods"][0],
        last=data["periods"][-1],
        value=_amount(data["value"], data["unit"], lang, small),
        target=_amount(data["target"], data["unit"], lang, None),
        basis=_basis(data, lang),
    )


def _training_sentence(alert: Alert, lang: str, quote, small) -> str:
    data = alert.data
    parts = []
    if "coverage" in data["behind"]:
        parts.append(t("alert_training_coverage", lang, actual=data["coverage"], pace=data["coverage_pace"]))
    if "hours" in data["behind"]:
        parts.append(t("alert_training_hours", lang, actual=data["hours"], pace=data["hours_pace"]))
    return t(
        "alert_training_pace",
        lang,
        county=quote(alert.county),
        quarter=data["quarter"],
        window=quote(data["window"]),  # a month range: `~` is Markdown
        shortfalls=t("alert_separator", lang).join(parts),
    )


def _data_sentence(alert: Alert, lang: str, quote, small) -> str:
    items = alert.data["items"]
    named = [_item_text(item, lang) for item in items[:ITEMS_IN_SENTENCE]]
    rest = len(items) - len(named)
    listed = join(named, lang) + (t("alert_items_more", lang, n=rest) if rest else "")
    key = "alert_data_missing" if alert.level == RED else "alert_data_late"
    return t(key, lang, county=quote(alert.county), n=len(items), items=listed)


def _item_text(item: Mapping, lang: str) -> str:
    reasons = []
    if item["status"] not in (tracker.MISSING, tracker.LATE, tracker.RECEIVED):  # another state of an unsent file
        reasons.append(t(f"cycle_status_{item['status']}", lang))
    if item["status"] != tracker.LATE and item["days"] is not None:
        reasons.append(t("alert_reason_overdue", lang, days=item["days"]))
    elif item["status"] == tracker.LATE:
        reasons.append(t("alert_reason_late", lang, days=item["days"]))
    if item["values_missing"]:
        reasons.append(t("alert_reason_values", lang, n=item["values_missing"]))
    return t(
        "alert_item", lang, period=item["period"], kind=t(f"kind_{item['kind']}", lang), reasons=join(reasons, lang)
    )


def _drop_sentence(alert: Alert, lang: str, quote, small) -> str:
    data = alert.data
    unit = data["unit"]
    hidden = _is_small_count(data["old"], unit, small) or _is_small_count(data["new"], unit, small)
    return t(
        "alert_value_drop",
        lang,
        county=quote(alert.county),
        name=quote(data["name"]),
        period=alert.period,
        new=_amount(data["new"], unit, lang, small),
        previous=data["previous"],
        old=_amount(data["old"], unit, lang, small),
        # the change of a hidden count would give it back from the other value
        change=t("withheld", lang) if hidden else _signed(data["change"], unit, lang),
        low=_signed(data["low"], unit, lang),
        high=_signed(data["high"], unit, lang),
    )


def _signed(value: float, unit: str, lang: str) -> str:
    text = quantity(_number(value), value, unit, lang)
    return text if text.startswith("-") or math.isclose(value, 0) else "+" + text


_SENTENCES = {
    THIRD_TIER: _third_tier_sentence,
    CARE_BELOW: _care_sentence,
    TRAINING_PACE: _training_sentence,
    DATA: _data_sentence,
    VALUE_DROP: _drop_sentence,
}
